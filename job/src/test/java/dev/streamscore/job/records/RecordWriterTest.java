package dev.streamscore.job.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamscore.score.Score;
import dev.streamscore.score.Scores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
    private static final JsonFactory JSON = new JsonFactory();

    /** Reads a flat JSON object: numbers as their text, strings and booleans as Java values, arrays as lists of number texts. */
    private static Map<String, Object> read(byte[] json) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.getText());
                    }
                    fields.put(name, items);
                } else if (v == JsonToken.VALUE_STRING) {
                    fields.put(name, p.getText());
                } else if (v.isBoolean()) {
                    fields.put(name, p.getBooleanValue());
                } else {
                    fields.put(name, new NumberText(p.getText()));
                }
            }
            assertEquals(null, p.nextToken());
        }
        return fields;
    }

    private record NumberText(String text) {}

    @Test
    void scoreRecordWithLoss() throws IOException {
        byte[] out = RecordWriter.score(RecordId.ofString("tx-1"), "fraud@v7", Scores.of(new Score(new double[] {0.1, 0.2, 0.7}, 2, 0.35667494393873245)), 0);
        assertEquals("{\"id\":\"tx-1\",\"model\":\"fraud@v7\",\"probabilities\":[0.1,0.2,0.7],\"predicted\":2,"
                + "\"loss\":0.35667494393873245}", new String(out, StandardCharsets.UTF_8));
        assertEquals(List.of("id", "model", "probabilities", "predicted", "loss"), List.copyOf(read(out).keySet()));
    }

    @Test
    void lossIsAbsentWhenUnlabelled() throws IOException {
        byte[] out = RecordWriter.score(RecordId.ofNumber(17), "m@1", Scores.of(new Score(new double[] {0.5, 0.5}, 0, Double.NaN)), 0);
        Map<String, Object> fields = read(out);
        assertFalse(fields.containsKey("loss"));
        assertEquals(new NumberText("17"), fields.get("id"));
        assertEquals(new NumberText("0"), fields.get("predicted"));
    }

    @Test
    void idIsWrittenBackAsItCame() throws IOException {
        Score s = new Score(new double[] {1}, 0, Double.NaN);
        assertEquals(new NumberText("-1.5e3"), read(RecordWriter.score(RecordId.ofNumber("-1.5e3"), "m@1", Scores.of(s), 0)).get("id"));
        assertEquals("42", read(RecordWriter.score(RecordId.ofString("42"), "m@1", Scores.of(s), 0)).get("id"));
        assertEquals("a\"b\\c\n😀", read(RecordWriter.score(RecordId.ofString("a\"b\\c\n😀"), "m@1", Scores.of(s), 0)).get("id"));
    }

    @Test
    void numbersRoundTripBitForBit() throws IOException {
        SplittableRandom random = new SplittableRandom(20240601);
        double[] special = {0.1 + 0.2, 1 - 1e-16, Math.nextDown(1.0), Double.MIN_VALUE, Double.MIN_NORMAL,
            Math.nextUp(0.0) * 3, 1e-300, 2.0e-3, 1.0e23, 9007199254740993.0, 0.0, -0.0, Double.MAX_VALUE};
        for (int round = 0; round < 2000; round++) {
            double[] p = new double[special.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = round == 0 ? special[i]
                        : Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1 : -1);
            }
            double loss = round == 0 ? 0.35667494393873245 : random.nextDouble() * Math.pow(10, random.nextInt(-20, 20));
            Map<String, Object> fields = read(RecordWriter.score(RecordId.ofNumber(round), "m@1", Scores.of(new Score(p, 0, loss)), 0));
            @SuppressWarnings("unchecked")
            List<String> written = (List<String>) fields.get("probabilities");
            for (int i = 0; i < p.length; i++) {
                assertEquals(Double.doubleToLongBits(p[i]), Double.doubleToLongBits(Double.parseDouble(written.get(i))),
                        written.get(i));
            }
            String lossText = ((NumberText) fields.get("loss")).text();
            assertEquals(Double.doubleToLongBits(loss), Double.doubleToLongBits(Double.parseDouble(lossText)), lossText);
        }
    }

    @Test
    void deadLetterWithUtf8Raw() throws IOException {
        byte[] raw = "{\"features\": [1, \"zoë\"]}\t".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> fields = read(RecordWriter.deadLetter(
                new DeadLetter("features[1]: expected a finite number, got the string \"zoë\"", "events@2:1045", raw),
                Integer.MAX_VALUE));
        assertEquals(List.of("error", "source", "raw", "raw_encoding"), List.copyOf(fields.keySet()));
        assertEquals("features[1]: expected a finite number, got the string \"zoë\"", fields.get("error"));
        assertEquals("events@2:1045", fields.get("source"));
        assertEquals(new String(raw, StandardCharsets.UTF_8), fields.get("raw"));
        assertEquals("utf8", fields.get("raw_encoding"));
    }

    @Test
    void deadLetterWithInvalidUtf8IsBase64() throws IOException {
        byte[] raw = {'{', (byte) 0xc3, '}', (byte) 0xff, 0};
        Map<String, Object> fields = read(RecordWriter.deadLetter(new DeadLetter("value: not valid UTF-8", "in.jsonl:3", raw), Integer.MAX_VALUE));
        assertEquals("base64", fields.get("raw_encoding"));
        assertArrayEquals(raw, Base64.getDecoder().decode((String) fields.get("raw")));
    }

    @Test
    void deadLetterOfATombstoneHasEmptyRaw() throws IOException {
        Map<String, Object> fields = read(RecordWriter.deadLetter(new DeadLetter("value: null", "t@0:1", new byte[0]), Integer.MAX_VALUE));
        assertEquals("", fields.get("raw"));
        assertEquals("utf8", fields.get("raw_encoding"));
    }

    @Test
    void deadLetterOfControlCharactersRoundTrips() throws IOException {
        byte[] raw = {'a', 0, 1, 0x1f, '"', '\\', 'b'};
        Map<String, Object> fields = read(RecordWriter.deadLetter(new DeadLetter("e", "s", raw), Integer.MAX_VALUE));
        assertEquals("utf8", fields.get("raw_encoding"));
        assertArrayEquals(raw, ((String) fields.get("raw")).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void outputHasNoTrailingNewline() {
        byte[] out = RecordWriter.deadLetter(new DeadLetter("e", "s", new byte[] {'x'}), Integer.MAX_VALUE);
        assertTrue(out[out.length - 1] == '}');
    }

    /** A value over the limit keeps its first bytes, cut before a partial character, and says so. */
    @Test
    void aLongValueIsCutToFitTheSink() throws IOException {
        byte[] raw = "{\"id\": \"ééé\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> cut = read(RecordWriter.deadLetter(new DeadLetter("e", "s", raw), 10));
        assertEquals("{\"id\": \"é", cut.get("raw"), "10 bytes would split the second é: 9 are kept");
        assertEquals("utf8", cut.get("raw_encoding"));
        assertEquals(Boolean.TRUE, cut.get("raw_truncated"));
        assertEquals(new NumberText(Integer.toString(raw.length)), cut.get("raw_bytes"));
        Map<String, Object> whole = read(RecordWriter.deadLetter(new DeadLetter("e", "s", raw), raw.length));
        assertFalse(whole.containsKey("raw_truncated"), "exactly at the limit: whole");
        byte[] kept = {(byte) 0xff, 1, 2};
        Map<String, Object> part = read(RecordWriter.deadLetter(new DeadLetter("e", "s", kept, 1_000_000), 64));
        assertEquals("/wEC", part.get("raw"), "only the kept prefix was there to write");
        assertEquals("base64", part.get("raw_encoding"));
        assertEquals(new NumberText("1000000"), part.get("raw_bytes"));
    }
}
