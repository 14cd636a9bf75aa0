package dev.streamscore.job.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.score.Label;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordParserTest {
    private static final RecordId FALLBACK = RecordId.ofString("events-2-1045");
    private static final String LABEL_SHAPE =
            "label: expected a class index in [0, 4) or an array of 4 non-negative numbers summing to 1, got ";
    private final RecordParser parser = new RecordParser(3, 4);

    private ParseResult parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), FALLBACK, "events@2:1045");
    }

    private InputRecord ok(String json) {
        ParseResult r = parse(json);
        if (r instanceof DeadLetter d) {
            throw new AssertionError(String.format("expected a record from %s, got dead letter: %s", json, d.error()));
        }
        return (InputRecord) r;
    }

    private String error(String json) {
        return assertInstanceOf(DeadLetter.class, parse(json), json).error();
    }

    @Test
    void readsFeaturesIdAndLabel() {
        InputRecord r = ok("{\"id\": \"tx-1\", \"features\": [0.12, 3.5, -1e-3], \"label\": 2}");
        assertEquals(RecordId.ofString("tx-1"), r.id());
        assertArrayEquals(new double[] {0.12, 3.5, -1e-3}, r.features());
        assertTrue(r.label().isIndex());
        assertEquals(2, r.label().index());
    }

    @Test
    void fieldsInAnyOrderAndExtraFieldsIgnored() {
        InputRecord r = ok("{\"label\": 0, \"meta\": {\"user\": \"u1\", \"tags\": [1, \"a\", null, {\"k\": true}]},"
                + " \"features\": [1, 2, 3], \"ts\": 1700000000000}");
        assertArrayEquals(new double[] {1, 2, 3}, r.features());
        assertEquals(0, r.label().index());
        assertEquals(FALLBACK, r.id());
    }

    @Test
    void featuresKeepFullPrecision() {
        double a = 0.1 + 0.2;
        double b = Double.MIN_VALUE;
        double c = -Double.MAX_VALUE;
        InputRecord r = ok(String.format("{\"features\": [%s, %s, %s]}", a, b, c));
        assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(r.features()[0]));
        assertEquals(Double.doubleToLongBits(b), Double.doubleToLongBits(r.features()[1]));
        assertEquals(Double.doubleToLongBits(c), Double.doubleToLongBits(r.features()[2]));
    }

    @Test
    void idStringNumberAbsentOrNull() {
        assertEquals(RecordId.ofString("a\"b"), ok("{\"id\": \"a\\\"b\", \"features\": [1, 2, 3]}").id());
        assertEquals(RecordId.ofNumber("42"), ok("{\"id\": 42, \"features\": [1, 2, 3]}").id());
        assertEquals(RecordId.ofNumber("-1.5e3"), ok("{\"id\": -1.5e3, \"features\": [1, 2, 3]}").id());
        assertEquals(RecordId.ofNumber("123456789012345678901234567890"),
                ok("{\"id\": 123456789012345678901234567890, \"features\": [1, 2, 3]}").id());
        assertEquals(FALLBACK, ok("{\"features\": [1, 2, 3]}").id());
        assertEquals(FALLBACK, ok("{\"id\": null, \"features\": [1, 2, 3]}").id());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\": {}, \"features\": [1, 2, 3]}        | id: expected a string or a number, got an object",
        "{\"id\": [1], \"features\": [1, 2, 3]}       | id: expected a string or a number, got an array",
        "{\"id\": true, \"features\": [1, 2, 3]}      | id: expected a string or a number, got true",
        "{\"id\": NaN, \"features\": [1, 2, 3]}       | id: expected a string or a number, got NaN",
    })
    void badIds(String json, String expected) {
        assertEquals(expected, error(json));
    }

    @Test
    void labels() {
        assertNull(ok("{\"features\": [1, 2, 3]}").label());
        assertNull(ok("{\"features\": [1, 2, 3], \"label\": null}").label());
        assertEquals(3, ok("{\"features\": [1, 2, 3], \"label\": 3}").label().index());
        assertEquals(2, ok("{\"features\": [1, 2, 3], \"label\": 2.0}").label().index());
        Label oneHot = ok("{\"features\": [1, 2, 3], \"label\": [0, 1, 0, 0]}").label();
        assertFalse(oneHot.isIndex());
        assertArrayEquals(new double[] {0, 1, 0, 0}, oneHot.distribution());
        Label soft = ok("{\"features\": [1, 2, 3], \"label\": [0.1, 0.2, 0.3, 0.4]}").label();
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, soft.distribution());
        // within the tolerance of 1e-9 per class
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.250000000001},
                ok("{\"features\": [1, 2, 3], \"label\": [0.25, 0.25, 0.25, 0.250000000001]}").label().distribution());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4                        | 4",
        "-1                       | -1",
        "2.5                      | 2.5",
        "99999999999999999999999  | 99999999999999999999999",
        "\"2\"                    | the string \"2\"",
        "true                     | true",
        "{}                       | an object",
        "Infinity                 | Infinity",
        "[1, 0, 0]                | an array of 3 numbers",
        "[0.2, 0.2, 0.2, 0.2, 0.2] | an array of 5 numbers",
        "[]                       | an array of 0 numbers",
        "[0.5, 0.6, 0, 0]         | an array summing to 1.1",
        "[0.3, 0.3, 0.3, 0]       | an array summing to 0.8999999999999999",
    })
    void badLabels(String label, String got) {
        assertEquals(LABEL_SHAPE + got, error(String.format("{\"features\": [1, 2, 3], \"label\": %s}", label)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1.5, -0.5, 0, 0]   | label[1]: expected a non-negative number, got -0.5",
        "[1, 0, 0, NaN]      | label[3]: expected a non-negative number, got NaN",
        "[1, 0, \"0\", 0]    | label[2]: expected a non-negative number, got the string \"0\"",
        "[1, 0, [0], 0]      | label[2]: expected a non-negative number, got an array",
    })
    void badLabelElements(String label, String expected) {
        assertEquals(expected, error(String.format("{\"features\": [1, 2, 3], \"label\": %s}", label)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                                   | features: missing, expected an array of 3 numbers",
        "{\"id\": 1, \"label\": 2}            | features: missing, expected an array of 3 numbers",
        "{\"features\": [1, 2]}               | features: expected 3 numbers, got 2",
        "{\"features\": [1, 2, 3, 4]}         | features: expected 3 numbers, got 4",
        "{\"features\": []}                   | features: expected 3 numbers, got 0",
        "{\"features\": null}                 | features: expected an array of 3 numbers, got null",
        "{\"features\": 5}                    | features: expected an array of 3 numbers, got 5",
        "{\"features\": \"1,2,3\"}            | features: expected an array of 3 numbers, got the string \"1,2,3\"",
        "{\"features\": {\"a\": 1}}           | features: expected an array of 3 numbers, got an object",
        "{\"features\": [1, NaN, 3]}          | features[1]: expected a finite number, got NaN",
        "{\"features\": [1, 2, Infinity]}     | features[2]: expected a finite number, got Infinity",
        "{\"features\": [-Infinity, 2, 3]}    | features[0]: expected a finite number, got -Infinity",
        "{\"features\": [1, 2, 1e400]}        | features[2]: expected a finite number, got 1e400",
        "{\"features\": [1, \"2\", 3]}        | features[1]: expected a finite number, got the string \"2\"",
        "{\"features\": [1, [2], 3]}          | features[1]: expected a finite number, got an array",
        "{\"features\": [1, {}, 3]}           | features[1]: expected a finite number, got an object",
        "{\"features\": [1, null, 3]}         | features[1]: expected a finite number, got null",
        "{\"features\": [1, 2, true]}         | features[2]: expected a finite number, got true",
        "{\"features\": [1, 2, 3], \"features\": [1, 2, 3]} | features: duplicate field",
        "{\"features\": [1, 2, 3], \"id\": 1, \"id\": 2}   | id: duplicate field",
        "{\"features\": [1, 2, 3], \"x\": 1, \"x\": 1}     | x: duplicate field",
        "{\"features\": [1, 2, 3], \"m\": {\"a\": 1, \"a\": 2}}        | m.a: duplicate field",
        "{\"features\": [1, 2, 3], \"m\": [{\"a\": 1}, {\"b\": 1, \"b\": 2}]} | m[1].b: duplicate field",
        "{\"m\": {\"n\": {\"a\": 1}, \"a\": 2, \"n\": 3}, \"features\": [1, 2, 3]} | m.n: duplicate field",
        "{\"features\": [1, 2, 3], \"m\": [0, {\"b\": NaN}]}           | m[1].b: NaN is not a JSON number",
        "{\"features\": [1, 2, 3], \"m\": Infinity}                    | m: Infinity is not a JSON number",
        "[1, 2, 3]                            | value: expected a JSON object, got an array",
        "null                                 | value: expected a JSON object, got null",
        "\"features\"                         | value: expected a JSON object, got the string \"features\"",
        "17                                   | value: expected a JSON object, got 17",
        "{\"features\": [1, 2, 3]} {}         | value: more content after the JSON object (an object)",
        "{\"features\": [1, 2, 3]} 5          | value: more content after the JSON object (5)",
    })
    void malformedRecords(String json, String expected) {
        assertEquals(expected, error(json));
    }

    /** Names repeated in other objects are not duplicates; in the same object they are, however many fields it has. */
    @Test
    void duplicateNamesInObjectsOfAnySize() {
        StringBuilder many = new StringBuilder("{\"features\": [1, 2, 3], \"same\": {\"x\": 1}, \"other\": {\"x\": 2}");
        for (int i = 0; i < 40; i++) {
            many.append(String.format(", \"f%d\": {\"x\": %d}", i, i));
        }
        ok(String.format("%s}", many));
        assertEquals("f3: duplicate field", error(String.format("%s, \"f3\": 0}", many)));
        assertEquals("same: duplicate field", error(String.format("%s, \"same\": 0}", many)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"features\": [1, 2, 3]              | invalid JSON at column 23: Unexpected end-of-input: expected close marker for Object",
        "{\"features\": [1, 2, 3],}            | invalid JSON at column 24: Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
        "{\"features\": [1, 2, x]}             | invalid JSON at column 23: Unrecognized token 'x': expected a JSON value",
        "{\"features\": [1, 2, 3]} trailing    | invalid JSON at column 33: Unrecognized token 'trailing': expected a JSON value",
        "{\"features\": [01, 2, 3]}            | invalid JSON at column 16: Invalid numeric value: Leading zeroes not allowed",
        "{features: [1, 2, 3]}                 | invalid JSON at column 2: Unexpected character ('f' (code 102)): was expecting double-quote to start field name",
    })
    void unparseableJson(String json, String expected) {
        assertEquals(expected, error(json.strip()));
    }

    /**
     * Found by RecordParserFuzzTest: a reason quoted field names, paths and strings whole, so a
     * value could make its dead letter as long as itself (a 40 kB field name given twice) or put a
     * line break or a lone surrogate (which no UTF-8 dead letter can hold) into it.
     */
    @Test
    void reasonsQuoteTheValueShortOnOneLineAndInUnicode() {
        String name = "x".repeat(40_000); // Jackson refuses names over 50,000 characters
        assertEquals(String.format("%s...: duplicate field", "x".repeat(64)),
                error(String.format("{\"features\": [1, 2, 3], \"%s\": 1, \"%s\": 2}", name, name)));
        assertEquals(String.format("m.%s...: duplicate field", "x".repeat(64)),
                error(String.format("{\"features\": [1, 2, 3], \"m\": {\"%s\": 1, \"%s\": 2}}", name, name)));
        String deep = error(String.format("{\"features\": [1, 2, 3], \"x\": %sNaN%s}", "[".repeat(900), "]".repeat(900)));
        String path = String.format("x%s", "[0]".repeat(900));
        assertEquals(String.format("%s...%s: NaN is not a JSON number", path.substring(0, 50), path.substring(path.length() - 50)),
                deep, "a long path keeps its start and its end");
        assertEquals("features: expected an array of 3 numbers, got the string \"line\\u000abreak\\u2028\\ud800\"",
                error("{\"features\": \"line\\nbreak\\u2028\\ud800\"}"));
        assertEquals("\"\": duplicate field", error("{\"features\": [1, 2, 3], \"\": 1, \"\": 2}"), "the empty name, named");
        assertEquals("m.\"\": NaN is not a JSON number", error("{\"features\": [1, 2, 3], \"m\": {\"\": NaN}}"));
        String emoji = "\ud83d\ude00".repeat(30);
        assertEquals(String.format("features[0]: expected a finite number, got the string \"a%s...\"", "\ud83d\ude00".repeat(23)),
                error(String.format("{\"features\": [\"a%s\", 2, 3]}", emoji)), "cut between characters, not inside one");
    }

    /** The repeated name is taken from where the parser is, not from Jackson's message, which quotes it whole (quotes included). */
    @Test
    void aDuplicateNameIsNamedWhateverItHolds() {
        assertEquals("a: duplicate field", error("{\"features\": [1, 2, 3], \"a\": 1, \"b\": 2, \"a\": 3}"));
        assertEquals("it's: duplicate field", error("{\"features\": [1, 2, 3], \"it's\": 1, \"it's\": 2}"));
        assertEquals("m[1].x\\u000ay: duplicate field",
                error("{\"features\": [1, 2, 3], \"m\": [0, {\"x\\ny\": 1, \"x\\ny\": 2}]}"));
    }

    @Test
    void syntaxErrorOnALaterLineNamesTheLine() {
        assertEquals("invalid JSON at line 3, column 5: Unrecognized token 'tru': expected a JSON value",
                error("{\"features\": [1, 2, 3],\n\"x\":\ntru}"));
    }

    @Test
    void parserLimitsAreDeadLetters() {
        String deep = String.format("{\"features\": [1, 2, 3], \"x\": %s%s}", "[".repeat(5000), "]".repeat(5000));
        assertEquals("invalid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)", error(deep));
        String nested = String.format("{\"features\": [1, 2, 3], \"x\": %s%s}", "[".repeat(900), "]".repeat(900));
        assertArrayEquals(new double[] {1, 2, 3}, ok(nested).features());
        assertEquals("invalid JSON: Number value length (1201) exceeds the maximum allowed (1000)",
                error(String.format("{\"features\": [1, 2, 1%s]}", "0".repeat(1200))));
    }

    @Test
    void emptyAndBlankValues() {
        assertEquals("value: empty, expected a JSON object", error(""));
        assertEquals("value: empty, expected a JSON object", error(" \t "));
    }

    @Test
    void nullValueIsADeadLetterWithEmptyRaw() {
        DeadLetter d = assertInstanceOf(DeadLetter.class, parser.parse(null, FALLBACK, "events@0:7"));
        assertEquals("value: null (a tombstone), expected a JSON object", d.error());
        assertEquals("events@0:7", d.source());
        assertEquals(0, d.raw().length);
    }

    @Test
    void deadLetterKeepsSourceAndRawBytes() {
        byte[] raw = "{\"features\": [1]}".getBytes(StandardCharsets.UTF_8);
        DeadLetter d = assertInstanceOf(DeadLetter.class, parser.parse(raw, FALLBACK, "input.jsonl:17"));
        assertEquals("input.jsonl:17", d.source());
        assertArrayEquals(raw, d.raw());
    }

    @Test
    void invalidUtf8IsADeadLetter() {
        byte[] raw = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xff, '"', '}'};
        DeadLetter d = assertInstanceOf(DeadLetter.class, parser.parse(raw, FALLBACK, "s"));
        assertEquals("value: not valid UTF-8 (byte 0xff at offset 7)", d.error());
        assertArrayEquals(raw, d.raw());
    }

    @Test
    void utf16IsNotGuessed() {
        byte[] raw = "{\"features\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("value: not JSON (NUL byte at offset 1)",
                assertInstanceOf(DeadLetter.class, parser.parse(raw, FALLBACK, "s")).error());
    }

    /** Invalid UTF-8 is reported before a NUL byte, wherever each is; valid multi-byte characters are neither. */
    @Test
    void invalidUtf8IsReportedBeforeANulByte() {
        byte[] raw = {'{', 0, '"', 'x', '"', ':', '"', (byte) 0xc3, (byte) 0xa9, (byte) 0xe0, (byte) 0x80, '"', '}'};
        assertEquals("value: not valid UTF-8 (byte 0xe0 at offset 9)",
                assertInstanceOf(DeadLetter.class, parser.parse(raw, FALLBACK, "s")).error());
        raw[10] = (byte) 0xa0;
        raw[11] = (byte) 0x80;
        assertEquals("value: not JSON (NUL byte at offset 1)",
                assertInstanceOf(DeadLetter.class, parser.parse(raw, FALLBACK, "s")).error());
        assertArrayEquals(new double[] {1, 2, 3}, ok("{\"name\": \"é€😀\", \"features\": [1, 2, 3]}").features());
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() {
        assertArrayEquals(new double[] {1, 2, 3}, ok("\uFEFF{\"features\": [1, 2, 3]}").features());
    }

    @Test
    void nonAsciiTextIsRead() {
        assertEquals(RecordId.ofString("zoë-€-😀"), ok("{\"id\": \"zoë-€-😀\", \"features\": [1, 2, 3]}").id());
    }

    @Test
    void rejectsNonPositiveWidths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecordParser(0, 3));
        assertEquals("inputWidth, classes and maxRecordBytes must be >= 1, got 0, 3 and 9223372036854775807", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RecordParser(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecordParser(3, 2, 0, RecordLayout.DEFAULT));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(parser);
        }
        RecordParser copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RecordParser) in.readObject();
        }
        ParseResult r = copy.parse("{\"features\": [1, 2, 3], \"label\": 3}".getBytes(StandardCharsets.UTF_8), FALLBACK, "s");
        assertEquals(3, assertInstanceOf(InputRecord.class, r).label().index());
        assertEquals("features: expected 3 numbers, got 1",
                assertInstanceOf(DeadLetter.class, copy.parse("{\"features\": [1]}".getBytes(StandardCharsets.UTF_8),
                        FALLBACK, "s")).error());
    }

    /** A value over the size limit is a dead letter unparsed; the bytes kept of it are its raw, its size is reported. */
    @Test
    void aValueOverTheLimitIsNotParsed() {
        RecordParser limited = new RecordParser(3, 2, 20, RecordLayout.DEFAULT);
        byte[] big = "{\"features\": [1, 2, 3], \"pad\": \"xxxxxxxx\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter d = (DeadLetter) limited.parse(big, big.length, RecordOrigin.of(RecordId.ofNumber(1), "t@0:1"));
        assertEquals(String.format("value: %d bytes, over the limit of 20 (--max-record-bytes)", big.length), d.error());
        assertEquals(big.length, d.rawBytes());
        byte[] prefix = java.util.Arrays.copyOf(big, 8);
        DeadLetter cut = (DeadLetter) limited.parse(prefix, 5_000, RecordOrigin.of(RecordId.ofNumber(2), "t@0:2"));
        assertEquals("value: 5000 bytes, over the limit of 20 (--max-record-bytes)", cut.error());
        assertEquals(5_000, cut.rawBytes());
        assertEquals(8, cut.raw().length);
        assertTrue(limited.parse("{\"features\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8), 20,
                RecordOrigin.of(RecordId.ofNumber(3), "t@0:3")) instanceof InputRecord, "at the limit: parsed");
    }
}
