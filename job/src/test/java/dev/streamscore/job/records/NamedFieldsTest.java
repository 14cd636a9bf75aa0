package dev.streamscore.job.records;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Records whose features come from named fields: top-level names, dotted paths, numbers and arrays. */
class NamedFieldsTest {
    private static final RecordLayout LAYOUT =
            new RecordLayout(List.of("amount", "merchant.risk", "history"), "y", "meta.key");
    private static final RecordParser PARSER = new RecordParser(4, 3, Long.MAX_VALUE, LAYOUT);

    private static ParseResult parse(RecordParser parser, String json) {
        return parser.parse(json.getBytes(UTF_8), RecordId.ofNumber(1), "t@0:1");
    }

    private static String error(String json) {
        return assertInstanceOf(DeadLetter.class, parse(PARSER, json)).error();
    }

    @Test
    void featuresAreBuiltFromTheFieldsInTheLayoutsOrderWhateverTheirOrderInTheEvent() {
        for (String json : List.of(
                "{\"amount\": 12.5, \"merchant\": {\"risk\": 0.3, \"name\": \"x\"}, \"history\": [1, 2], \"y\": 1,"
                        + " \"meta\": {\"key\": \"tx-9\"}}",
                "{\"meta\": {\"key\": \"tx-9\", \"src\": [1, {\"a\": null}]}, \"history\": [1, 2], \"y\": 1,"
                        + " \"merchant\": {\"name\": \"x\", \"risk\": 0.3}, \"extra\": true, \"amount\": 12.5}")) {
            InputRecord r = assertInstanceOf(InputRecord.class, parse(PARSER, json), json);
            assertArrayEquals(new double[] {12.5, 0.3, 1, 2}, r.features(), json);
            assertEquals(1, r.label().index());
            assertEquals(RecordId.ofString("tx-9"), r.id());
        }
    }

    @Test
    void withoutALabelOrIdTheRecordIsUnlabelledWithTheFallbackId() {
        InputRecord r = assertInstanceOf(InputRecord.class,
                parse(PARSER, "{\"amount\": 1, \"merchant\": {\"risk\": 2}, \"history\": [3, 4]}"));
        assertNull(r.label());
        assertEquals(RecordId.ofNumber(1), r.id());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        {"merchant": {"risk": 0.3}, "history": [1, 2]}                      | amount: missing, expected a finite number or an array of finite numbers
        {"amount": 1, "merchant": {}, "history": [1, 2]}                     | merchant.risk: missing, expected a finite number or an array of finite numbers
        {"amount": null, "merchant": {"risk": 0.3}, "history": [1, 2]}       | amount: expected a finite number or an array of finite numbers, got null
        {"amount": "12", "merchant": {"risk": 0.3}, "history": [1, 2]}       | amount: expected a finite number or an array of finite numbers, got the string "12"
        {"amount": 1e400, "merchant": {"risk": 0.3}, "history": [1, 2]}      | amount: expected a finite number or an array of finite numbers, got 1e400
        {"amount": 1, "merchant": {"risk": NaN}, "history": [1, 2]}          | merchant.risk: expected a finite number or an array of finite numbers, got NaN
        {"amount": 1, "merchant": {"risk": 0.3}, "history": [1, "2"]}       | history[1]: expected a finite number, got the string "2"
        {"amount": 1, "merchant": 5, "history": [1, 2]}                      | merchant: expected an object holding merchant.risk, got 5
        {"amount": 1, "merchant": {"risk": 0.3}, "history": [1, 2, 3]}      | features: the fields give 5 numbers, expected 4 (history: an array of 3)
        {"amount": 1, "merchant": {"risk": 0.3}, "history": 2}               | features: the fields give 3 numbers, expected 4
        {"amount": 1, "merchant": {"risk": 1, "risk": 2}, "history": [1, 2]} | merchant.risk: duplicate field
        {"amount": 1, "merchant": {"risk": 0.3}, "history": [1, 2], "y": 7}  | y: expected a class index in [0, 3) or an array of 3 non-negative numbers summing to 1, got 7
        {"amount": 1, "merchant": {"risk": 0.3}, "history": [1, 2], "meta": {"key": []}} | meta.key: expected a string or a number, got an array
        """)
    void aBadFieldIsADeadLetterNamingItsPath(String json, String expected) {
        assertEquals(expected, error(json));
    }

    /**
     * The paths come from the command line or from a model, so they may be long and hold control
     * characters, a line separator or a lone surrogate: reasons name them as the parser names a
     * place in a record, each name cut at 64 characters and escaped, a list of paths cut to two
     * and a count, so that a reason stays one short line.
     */
    @Test
    void hostilePathsAreNamedCutAndEscaped() {
        String longName = "n".repeat(10_000);
        RecordParser parser = new RecordParser(4, 3, Long.MAX_VALUE, new RecordLayout(List.of("a\u0001b",
                String.format("m.\u2028%s", longName), "\ud800z"), "label", "id"));
        String shown = String.format("m.\\u2028%s...", "n".repeat(63));
        String feature = "expected a finite number or an array of finite numbers";
        assertEquals(String.format("a\\u0001b: missing, %s", feature), error(parser, "{}"));
        assertEquals(String.format("%s: missing, %s", shown, feature), error(parser, "{\"a\\u0001b\": 1}"));
        assertEquals(String.format("m: expected an object holding %s, got 5", shown), error(parser, "{\"m\": 5}"));
        String m = String.format("{\"a\\u0001b\": 1, \"m\": {\"\\u2028%s\": %%s}}", longName);
        assertEquals(String.format("%s: %s, got the string \"x\"", shown, feature), error(parser, String.format(m, "\"x\"")));
        assertEquals(String.format("%s[1]: expected a finite number, got true", shown), error(parser, String.format(m, "[1, true]")),
                "inside the field's value, the same name");
        assertEquals(String.format("\\ud800z: missing, %s", feature), error(parser, String.format(m, "[1, 2]")));

        RecordParser five = new RecordParser(4, 3, Long.MAX_VALUE,
                new RecordLayout(List.of("p.a", "p.b", "p.c", "p.d", "p.e"), "label", "id"));
        assertEquals("p: expected an object holding p.a, p.b and 3 more, got 5", error(five, "{\"p\": 5}"));
        assertEquals("features: the fields give 10 numbers, expected 4 (p.a: an array of 2, p.b: an array of 2 and 3 more)",
                error(five, "{\"p\": {\"a\": [1, 2], \"b\": [1, 2], \"c\": [1, 2], \"d\": [1, 2], \"e\": [1, 2]}}"));
    }

    private static String error(RecordParser parser, String json) {
        return assertInstanceOf(DeadLetter.class, parse(parser, json)).error();
    }

    /**
     * Named fields are read as the JSON streams by, into buffers the parser keeps: a record costs
     * about what the same numbers in one array cost, not a tree of nodes per field.
     */
    @Test
    void namedFieldsCostAboutWhatAnArrayCosts() {
        List<String> names = new ArrayList<>();
        StringBuilder named = new StringBuilder("{\"id\": 1, \"pixels\": {");
        StringBuilder array = new StringBuilder("{\"id\": 1, \"features\": [");
        for (int i = 0; i < 64; i++) {
            names.add(String.format("pixels.p%d", i));
            named.append(i == 0 ? "" : ", ").append(String.format("\"p%d\": %d.25", i, i));
            array.append(i == 0 ? "" : ", ").append(String.format("%d.25", i));
        }
        byte[] namedJson = named.append("}}").toString().getBytes(UTF_8);
        byte[] arrayJson = array.append("]}").toString().getBytes(UTF_8);
        RecordParser byName = new RecordParser(64, 10, Long.MAX_VALUE, new RecordLayout(names, "label", "id"));
        RecordParser byArray = new RecordParser(64, 10);
        assertArrayEquals(((InputRecord) byArray.parse(arrayJson, RecordId.ofNumber(0), "t")).features(),
                ((InputRecord) byName.parse(namedJson, RecordId.ofNumber(0), "t")).features());
        long namedBytes = bytesPerParse(byName, namedJson);
        long arrayBytes = bytesPerParse(byArray, arrayJson);
        assertTrue(namedBytes < 1.5 * arrayBytes + 512,
                String.format("named fields: %d bytes a record, the same numbers in an array: %d", namedBytes, arrayBytes));
    }

    /** The least any of 5 rounds of 2,000 parses allocated, per parse, after a warm-up. */
    private static long bytesPerParse(RecordParser parser, byte[] json) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            parser.parse(json, RecordId.ofNumber(i), "t");
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 2_000; i++) {
                parser.parse(json, RecordId.ofNumber(i), "t");
            }
            best = Math.min(best, (mx.getCurrentThreadAllocatedBytes() - start) / 2_000);
        }
        return best;
    }
}
