package dev.streamscore.job.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Generators of Kafka record values for the fuzz tests of the record path, for records of
 * {@value #WIDTH} features and {@value #CLASSES} classes. {@link #any} mixes, by weight:
 * <ul>
 *   <li>{@code valid}: records the contract accepts (any finite number forms, string and number
 *       ids, index and distribution labels, extra fields, any white space and escapes);</li>
 *   <li>{@code mutated}: valid records with 1 to 4 {@link ByteMutation byte edits}, among them
 *       inserted tokens ({@code 1e400}, {@code NaN}, a BOM, NUL, invalid or cut UTF-8, structure);</li>
 *   <li>{@code contract}: well-formed JSON that breaks the contract field by field (wrong types
 *       and lengths, bad labels and ids, duplicate keys, non-finite numbers);</li>
 *   <li>{@code random-bytes}, {@code json-chars} (random text over JSON's characters) and
 *       {@code random-json} (random JSON documents);</li>
 *   <li>{@code hostile:*}: deep nesting, huge arrays and numbers, long strings and names, other
 *       encodings, odd top-level values, many fields, raw control characters;</li>
 *   <li>{@code tombstone}: a null value.</li>
 * </ul>
 * Every value is drawn from the seeded generator it is given, so its case's seed makes it again.
 */
public final class RecordValues {
    public static final int WIDTH = 3;
    public static final int CLASSES = 3;

    /** Number forms that are finite doubles. */
    static final List<String> FINITE = List.of("0", "-0", "0.0", "-0.0", "1", "-1", "0.5", "1e2", "1E+2", "1e-2",
            "5e-324", "4.9E-324", "2.2250738585072014E-308", "1.7976931348623157e308", "-1.7976931348623157E308",
            "1e-400", "123456789012345678901234567890", "0.1000000000000000055511151231257827", "3.141592653589793",
            "1.0E10", "-2.5e+3");
    /** Number forms that are not finite doubles, or not JSON numbers at all. */
    static final List<String> NOT_FINITE = List.of("1e400", "-1e400", "1.7976931348623159e308", "NaN", "Infinity",
            "-Infinity", "+Infinity", "INF", "nan", "1".concat("0".repeat(400)), "01", ".5", "1.", "+1", "0x10", "1e",
            "--1", "1_000");
    /** What a byte edit may insert. */
    static final List<byte[]> TOKENS = tokens();
    /** The characters {@code json-chars} values are made of. */
    private static final String JSON_CHARS = "{}[]\",:0123456789.-+eE \n\t\\truefalsnINfy";
    private static final String PLAIN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";

    private RecordValues() {}

    /** Every kind of value, weighted; hostile values of up to a few hundred kB. */
    public static FuzzValue any(RandomGenerator r) {
        return any(r, Integer.MAX_VALUE);
    }

    /** Every kind of value, weighted; hostile values repeat their parts at most {@code cap} times (a cheaper mix). */
    public static FuzzValue any(RandomGenerator r, int cap) {
        return switch (Draw.weighted(r, 16, 30, 16, 6, 6, 10, 7, 2)) {
            case 0 -> FuzzValue.text("valid", valid(r));
            case 1 -> mutated(r);
            case 2 -> contract(r);
            case 3 -> new FuzzValue("random-bytes", Draw.bytes(r, 256));
            case 4 -> jsonChars(r);
            case 5 -> FuzzValue.text("random-json", randomDocument(r));
            case 6 -> hostile(r, cap);
            default -> new FuzzValue("tombstone", null);
        };
    }

    /** A record the contract accepts, as JSON text. */
    public static String valid(RandomGenerator r) {
        List<String> features = Draw.list(r, WIDTH, WIDTH, RecordValues::finiteNumber);
        String id = switch (Draw.weighted(r, 3, 3, 2, 1)) {
            case 0 -> "";
            case 1 -> Json.quote(text(r), r.nextBoolean());
            case 2 -> finiteNumber(r);
            default -> "null";
        };
        String label = switch (Draw.weighted(r, 3, 3, 2, 1, 1)) {
            case 0 -> "";
            case 1 -> Draw.pick(r, "0", "1", "2", "1.0", "2e0", "0.0", "-0");
            case 2 -> oneHot(r.nextInt(CLASSES));
            case 3 -> Draw.pick(r, "[0.25, 0.25, 0.5]", "[0.1,0.2,0.7]",
                    "[0.3333333333333333,0.3333333333333333,0.3333333333333334]", "[1e-10, 0.9999999999, 0]", "[-0.0, 1, 0]");
            default -> "null";
        };
        // up to 2 extra fields of distinct names, none of the contract's
        List<String> extras = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = Draw.between(r, 0, 2); i > 0; i--) {
            String name = text(r);
            String value = randomJson(r, 2, false);
            if (!Set.of("features", "id", "label").contains(name) && names.add(name)) {
                extras.add(Json.quote(name, false).concat(":").concat(value));
            }
        }
        int order = Draw.between(r, 0, 5);
        String ws = Draw.pick(r, " ", "", "\n", "\t", "\r\n  ");
        List<String> fields = new ArrayList<>();
        fields.add(String.format("\"features\":%s[%s]", ws, String.join(",".concat(ws), features)));
        if (!id.isEmpty()) {
            fields.add(String.format("\"id\":%s%s", ws, id));
        }
        if (!label.isEmpty()) {
            fields.add(String.format("\"label\":%s%s", ws, label));
        }
        Collections.rotate(fields, order);
        fields.addAll(order % 2 == 0 ? fields.size() : 0, extras);
        return String.format("%s{%s%s%s}%s", ws, ws, String.join(",".concat(ws), fields), ws, ws);
    }

    /** A valid record with 1 to 4 byte edits. */
    static FuzzValue mutated(RandomGenerator r) {
        String valid = valid(r);
        return new FuzzValue("mutated", ByteMutation.apply(valid.getBytes(UTF_8), ByteMutation.list(r, 4), TOKENS));
    }

    /** Well-formed JSON (mostly) that breaks the contract in one or more fields. */
    static FuzzValue contract(RandomGenerator r) {
        String features = switch (Draw.weighted(r, 4, 2, 2, 2, 1)) {
            case 0 -> array(Draw.list(r, WIDTH, WIDTH, RecordValues::finiteNumber));
            case 1 -> array(Draw.list(r, 0, 6, RecordValues::finiteNumber));
            case 2 -> {
                List<String> items = Draw.list(r, WIDTH - 1, WIDTH - 1, RecordValues::finiteNumber);
                String wrong = wrongValue(r);
                items.add(r.nextInt(WIDTH), wrong);
                yield array(items);
            }
            case 3 -> wrongValue(r);
            default -> "";
        };
        String label = switch (Draw.weighted(r, 3, 2, 2, 1)) {
            case 0 -> "";
            case 1 -> Draw.pick(r, "0", "2", "3", "-1", "2.5", "1e400", "\"1\"", "true", "{}", "[]", "null", "1e-400",
                    "0.99999999999999999999", "2147483648", "-0.0");
            case 2 -> Draw.pick(r, "[1,0]", "[1,0,0,0]", "[0.5,0.5,0.5]", "[-0.5,1,0.5]", "[1,0,NaN]", "[1e400,0,0]",
                    "[0.3,0.3,0.4000000001]", "[0.3,0.3,0.400000000001]", "[\"1\",0,0]", "[null,1,0]", "[[1],0,0]");
            default -> array(Draw.list(r, CLASSES, CLASSES, RecordValues::finiteNumber));
        };
        String id = switch (Draw.weighted(r, 3, 2, 2)) {
            case 0 -> "";
            case 1 -> Json.quote(text(r), r.nextBoolean());
            default -> Draw.pick(r, "{}", "[]", "true", "null", "NaN", "1e400", "-0", "1".concat("0".repeat(999)),
                    "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"\u00e9\"", "1.5e-7");
        };
        int duplicate = Draw.weighted(r, 6, 1) == 0 ? -1 : r.nextInt(4);
        List<String> fields = new ArrayList<>();
        if (!features.isEmpty()) {
            fields.add("\"features\":".concat(features));
        }
        if (!label.isEmpty()) {
            fields.add("\"label\":".concat(label));
        }
        if (!id.isEmpty()) {
            fields.add("\"id\":".concat(id));
        }
        switch (duplicate) {
            case 0 -> fields.add(fields.isEmpty() ? "\"a\":1,\"a\":2" : fields.get(0));
            case 1 -> fields.add("\"meta\":{\"k\":1,\"k\":2}");
            case 2 -> fields.add("\"meta\":[{\"features\":1},{\"x\":[{\"y\":1,\"y\":null}]}]");
            case 3 -> fields.add("\"other\":NaN");
            default -> { }
        }
        return FuzzValue.text("contract", String.format("{%s}", String.join(",", fields)));
    }

    /** Random text over the characters JSON is made of, after a plausible start. */
    static FuzzValue jsonChars(RandomGenerator r) {
        String start = Draw.pick(r, "", "{", "{\"features\":", "{\"features\":[", "{\"features\":[1,2,3],\"label\":");
        return FuzzValue.text("json-chars", start.concat(Draw.string(r, JSON_CHARS, 96)));
    }

    /** A hostile value, of one of the generators below, each as likely. */
    static FuzzValue hostile(RandomGenerator r, int cap) {
        return switch (r.nextInt(8)) {
            case 0 -> deepNesting(r, cap);
            case 1 -> hugeArray(r, cap);
            case 2 -> longString(r, cap);
            case 3 -> hugeNumber(r, cap);
            case 4 -> otherEncoding(r, cap);
            case 5 -> oddTopLevel(r, cap);
            case 6 -> manyFields(r, cap);
            default -> controlCharacters(r, cap);
        };
    }

    // ---- hostile cases ----

    static FuzzValue deepNesting(RandomGenerator r, int cap) {
        int d = Math.min(cap, Draw.pickInt(r, 2, 64, 999, 1000, 1001, 5000, 20_000));
        String v = switch (r.nextInt(4)) {
            case 0 -> String.format("{\"features\":[1,2,3],\"x\":%s%s}", "[".repeat(d), "]".repeat(d));
            case 1 -> String.format("{\"features\":[1,2,3],\"x\":%s1%s}", "{\"a\":".repeat(d), "}".repeat(d));
            case 2 -> String.format("{\"features\":%s1%s}", "[".repeat(d), "]".repeat(d));
            default -> "[".repeat(d);
        };
        return FuzzValue.text(String.format("hostile:deep-nesting-%d", d), v);
    }

    static FuzzValue hugeArray(RandomGenerator r, int cap) {
        int n = Math.min(cap, Draw.pickInt(r, WIDTH + 1, 1000, 20_000, 100_000));
        String items = "0,".repeat(n - 1).concat("0");
        String v = switch (r.nextInt(4)) {
            case 0 -> String.format("{\"features\":[%s]}", items);
            case 1 -> String.format("{\"features\":[1,2,3],\"label\":[%s]}", items);
            case 2 -> String.format("{\"features\":[1,2,3],\"x\":[%s]}", items);
            default -> String.format("{\"features\":[%s]}", "[],".repeat(n - 1).concat("[]"));
        };
        return FuzzValue.text("hostile:huge-array", v);
    }

    static FuzzValue longString(RandomGenerator r, int cap) {
        int n = Math.min(cap, Draw.pickInt(r, 1000, 65_536, 70_000, 200_000));
        String x = "x".repeat(n);
        String v = switch (r.nextInt(9)) {
            case 0 -> String.format("{\"id\":\"%s\",\"features\":[1,2,3]}", x);
            case 1 -> String.format("{\"features\":[1,2,3],\"note\":\"%s\"}", "\\u00e9\\n".repeat(n / 8));
            case 2 -> String.format("{\"%s\":1,\"features\":[1,2,3]}", x);
            case 3 -> String.format("{\"%s\":1,\"%s\":2,\"features\":[1,2,3]}", x, x);
            case 4 -> String.format("{\"id\":\"%s\",\"features\":[1,2,3]}", "\u00e9\u4e2d\ud83d\ude00".repeat(n / 8));
            case 5 -> String.format("{\"features\":[\"%s\",2,3]}", x);
            case 7 -> String.format("{\"features\":[\"a%s\",2,3]}", "\ud83d\ude00".repeat(n / 4));
            case 8 -> String.format("{\"features\":[1,2,3],\"a%s\":1,\"a%s\":2}", "\ud83d\ude00".repeat(n / 4),
                    "\ud83d\ude00".repeat(n / 4));
            default -> String.format("{\"features\":[1,2,3],\"m\":{\"%s\":1,\"%s\":2}}", x, x);
        };
        return FuzzValue.text("hostile:long-string", v);
    }

    static FuzzValue hugeNumber(RandomGenerator r, int cap) {
        String t = switch (r.nextInt(3)) {
            case 0 -> Draw.pick(r, "1e400", "-1e400", "1e308", "1.7976931348623159e308", "-0.0", "5e-324", "2e-324",
                    "1e-400", "1E+308", "123e-2", "-0", "0e0", "2.4703282292062328E-324");
            case 1 -> "1".concat("0".repeat(Math.min(cap, Draw.pickInt(r, 308, 309, 999, 1000, 1001, 5000))));
            default -> "0.".concat("0".repeat(Draw.pickInt(r, 300, 330, 998, 2000))).concat("1");
        };
        String v = switch (r.nextInt(4)) {
            case 0 -> String.format("{\"features\":[%s,0,0]}", t);
            case 1 -> String.format("{\"features\":[0,0,0],\"label\":%s}", t);
            case 2 -> String.format("{\"features\":[0,0,0],\"id\":%s}", t);
            default -> String.format("{\"features\":[0,0,0],\"x\":%s}", t);
        };
        return FuzzValue.text("hostile:huge-number", v);
    }

    static FuzzValue otherEncoding(RandomGenerator r, int cap) {
        String record = "{\"id\":\"caf\u00e9\",\"features\":[1,2,3]}";
        byte[] v = switch (r.nextInt(9)) {
            case 0 -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, record.getBytes(UTF_8));
            case 1 -> record.getBytes(UTF_16LE);
            case 2 -> concat(new byte[] {(byte) 0xfe, (byte) 0xff}, record.getBytes(UTF_16BE));
            case 3 -> record.getBytes(Charset.forName("UTF-32"));
            case 4 -> record.getBytes(ISO_8859_1);
            case 5 -> concat(concat("{\"id\":\"".getBytes(UTF_8), new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0xbd,
                    (byte) 0xed, (byte) 0xb8, (byte) 0x80}), "\",\"features\":[1,2,3]}".getBytes(UTF_8));
            case 6 -> concat(concat("{\"id\":\"".getBytes(UTF_8), new byte[] {(byte) 0xc0, (byte) 0xaf}),
                    "\",\"features\":[1,2,3]}".getBytes(UTF_8));
            case 7 -> concat(record.getBytes(UTF_8), new byte[] {0});
            default -> concat(new byte[] {0, 0}, record.getBytes(UTF_8));
        };
        return new FuzzValue("hostile:encoding", v);
    }

    static FuzzValue oddTopLevel(RandomGenerator r, int cap) {
        String valid = "{\"features\":[1,2,3]}";
        return FuzzValue.text("hostile:top-level", Draw.pick(r, "", " ", "\n\n", "null", "true", "[]", "42", "\"x\"",
                "[{\"features\":[1,2,3]}]", "\"{\\\"features\\\":[1,2,3]}\"", valid.concat(valid), valid.concat(" x"),
                valid.concat("\n"), "{}", "{\"features\":[1,2,3]", "{\"features\":[1,2,3]}}", "/*c*/".concat(valid),
                "{'features':[1,2,3]}", "{features:[1,2,3]}", "{\"features\":[1,2,3],}", "{\"features\":[1,2,3,]}",
                "{\"features\":[01,2,3]}", "{\"features\":[.5,2,3]}", "{\"features\":[1.,2,3]}", "{\"features\":[+1,2,3]}",
                "{\"features\":[0x1,2,3]}", "{\"features\":[1,2,3]}//", "{\"features\":[1,2,3]} {}", "\u00a0".concat(valid),
                "\u2028".concat(valid)));
    }

    static FuzzValue manyFields(RandomGenerator r, int cap) {
        int n = Math.min(cap, Draw.pickInt(r, 100, 2_000, 10_000));
        StringBuilder s = new StringBuilder("{\"features\":[1,2,3]");
        boolean duplicates = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            s.append(",\"f").append(duplicates ? i % (n / 2) : i).append("\":").append(i);
        }
        return FuzzValue.text(duplicates ? "hostile:many-fields-duplicated" : "hostile:many-fields", s.append('}').toString());
    }

    static FuzzValue controlCharacters(RandomGenerator r, int cap) {
        char c = (char) r.nextInt(0x20);
        return FuzzValue.text("hostile:control-char", Draw.pick(r,
                String.format("{\"id\":\"a%sb\",\"features\":[1,2,3]}", c),
                String.format("{\"features\":[1,2,3]%s}", c),
                String.format("{\"features\":[1,%s2,3]}", c),
                String.format("%s{\"features\":[1,2,3]}", c)));
    }

    // ---- parts ----

    /** A finite number, in one of many JSON forms. */
    public static String finiteNumber(RandomGenerator r) {
        return switch (Draw.weighted(r, 3, 3, 4, 2)) {
            case 0 -> Draw.pick(r, FINITE);
            case 1 -> Integer.toString(Draw.between(r, -1000, 1000));
            // a decimal of at most 6 places in [-100, 100]
            case 2 -> Double.toString(Draw.between(r, -100_000_000, 100_000_000) / 1e6);
            default -> Double.toString(anyFiniteDouble(r));
        };
    }

    /** A value that is never a finite number. */
    static String wrongValue(RandomGenerator r) {
        return switch (Draw.weighted(r, 2, 2, 1)) {
            case 0 -> Draw.pick(r, NOT_FINITE);
            case 1 -> Draw.pick(r, "\"1\"", "\"\"", "null", "true", "false", "{}", "[]", "[1]", "{\"x\":1}");
            default -> Json.quote(text(r), r.nextBoolean());
        };
    }

    /** String contents: plain, any UTF-16 unit (lone surrogates included), or a few awkward ones. */
    static String text(RandomGenerator r) {
        return switch (Draw.weighted(r, 5, 2, 1)) {
            case 0 -> Draw.string(r, PLAIN_CHARS, 12);
            case 1 -> Draw.anyChars(r, 8);
            default -> Draw.pick(r, "", "tx-1", "\u00e9t\u00e9", "\ud83d\ude00", "\u2028", "a\"b", "back\\slash",
                    "tab\t", "\u0000", "\ud800", "\udc00x", "\ufeff", "\uffff");
        };
    }

    private static double anyFiniteDouble(RandomGenerator r) {
        double d;
        do {
            d = Double.longBitsToDouble(r.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }

    private static String oneHot(int k) {
        List<String> y = new ArrayList<>();
        for (int j = 0; j < CLASSES; j++) {
            y.add(j == k ? "1" : "0");
        }
        return array(y);
    }

    private static String array(List<String> items) {
        return String.format("[%s]", String.join(",", items));
    }

    /** A random JSON document: mostly an object, often with features, label and id of any kind. */
    static String randomDocument(RandomGenerator r) {
        if (r.nextInt(4) == 0) {
            return randomJson(r, 4, true);
        }
        StringBuilder s = new StringBuilder("{");
        int fields = r.nextInt(5);
        for (int i = 0; i < fields; i++) {
            String name = Draw.pick(r, "features", "features", "label", "id", "a", "meta", "");
            s.append(i == 0 ? "" : ",").append(Json.quote(name, false)).append(':');
            if (name.equals("features") && r.nextBoolean()) {
                s.append('[');
                int n = r.nextInt(2) == 0 ? WIDTH : r.nextInt(6);
                for (int k = 0; k < n; k++) {
                    s.append(k == 0 ? "" : ",").append(r.nextInt(8) == 0 ? randomJson(r, 1, true) : Double.toString(r.nextGaussian()));
                }
                s.append(']');
            } else {
                s.append(randomJson(r, 3, true));
            }
        }
        return s.append('}').toString();
    }

    /** A random JSON value of at most {@code depth} levels; {@code odd}: also non-finite numbers and NaN. */
    static String randomJson(RandomGenerator r, int depth, boolean odd) {
        StringBuilder s = new StringBuilder();
        randomJson(r, depth, odd, s);
        return s.toString();
    }

    private static void randomJson(RandomGenerator r, int depth, boolean odd, StringBuilder s) {
        switch (r.nextInt(depth <= 0 ? 5 : 7)) {
            case 0 -> s.append(Draw.pick(r, FINITE));
            case 1 -> s.append(Json.quote(randomText(r), r.nextBoolean()));
            case 2 -> s.append(r.nextBoolean() ? "true" : "false");
            case 3 -> s.append("null");
            case 4 -> s.append(odd && r.nextInt(4) == 0 ? Draw.pick(r, NOT_FINITE) : Integer.toString(r.nextInt(2000) - 1000));
            case 5 -> {
                s.append('[');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        s.append(',');
                    }
                    randomJson(r, depth - 1, odd, s);
                }
                s.append(']');
            }
            default -> {
                s.append('{');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ",").append(Json.quote(odd && r.nextInt(6) == 0 ? "k" : String.format("k%d", i), false))
                            .append(':');
                    randomJson(r, depth - 1, odd, s);
                }
                s.append('}');
            }
        }
    }

    private static String randomText(RandomGenerator r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            s.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x10000) : (char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteMutation.splice(a, a.length, a.length, b);
    }

    private static List<byte[]> tokens() {
        List<byte[]> t = new ArrayList<>();
        for (String s : List.of("1e400", "-1e400", "-0.0", "5e-324", "NaN", "Infinity", "-Infinity", "null", "true",
                "{}", "[]", "\"\"", ",", ":", "\"", "\\", "{", "}", "[", "]", "\\ud800", "\\u0000", "\\u", "/*c*/", "'x'",
                "\"features\":[0,0,0],", "\"features\":", "\"label\":1,", "\"label\":[0.5,0.5,0],", "\"id\":\"x\",",
                "\"id\":", "\t", "\n", "\u2028", "\u00a0", "\u00e9", "\ud83d\ude00", "9".repeat(400),
                "1".concat("0".repeat(1100)), "[".repeat(1200), "{\"a\":".repeat(40), " ".repeat(3000))) {
            t.add(s.getBytes(UTF_8));
        }
        t.add(new byte[] {0});
        t.add(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        t.add(new byte[] {(byte) 0xc0, (byte) 0x80});
        t.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
        t.add(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        t.add(new byte[] {(byte) 0xff});
        t.add(new byte[] {(byte) 0xfe, (byte) 0xff});
        t.add(new byte[] {(byte) 0x80});
        t.add(new byte[] {(byte) 0xe2, (byte) 0x82});
        t.add(new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98});
        return List.copyOf(t);
    }
}
