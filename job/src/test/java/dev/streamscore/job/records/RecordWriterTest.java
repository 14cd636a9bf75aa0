package dev.streamscore.job.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.JsonFields;
import dev.streamscore.score.Score;
import dev.streamscore.score.Scores;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
    @Test
    void scoreRecordWithLoss() {
        byte[] out = RecordWriter.score(RecordId.ofString("tx-1"), "fraud@v7", Scores.of(new Score(new double[] {0.1, 0.2, 0.7}, 2, 0.35667494393873245)), 0);
        assertEquals("{\"id\":\"tx-1\",\"model\":\"fraud@v7\",\"probabilities\":[0.1,0.2,0.7],\"predicted\":2,"
                + "\"loss\":0.35667494393873245}", new String(out, StandardCharsets.UTF_8));
        assertEquals(List.of("id", "model", "probabilities", "predicted", "loss"), JsonFields.parse(out).names());
    }

    /** One generator per thread writes record after record: each output is its own object, nothing left over. */
    @Test
    void consecutiveScoreRecordsAreEachExactlyTheirOwnObject() {
        Scores a = Scores.of(new Score(new double[] {0.25, 0.75}, 1, 0.2876820724517809));
        Scores b = Scores.of(new Score(new double[] {0.5, 0.5}, 0, Double.NaN));
        byte[] first = RecordWriter.score(RecordId.ofString("a"), "m@1", a, 0);
        byte[] second = RecordWriter.score(RecordId.ofNumber(2), "m@1", b, 0);
        assertEquals("{\"id\":2,\"model\":\"m@1\",\"probabilities\":[0.5,0.5],\"predicted\":0}",
                new String(second, StandardCharsets.UTF_8));
        assertArrayEquals(first, RecordWriter.score(RecordId.ofString("a"), "m@1", a, 0));
    }

    /** A record that fails half-way (here a row the scores do not have) leaves nothing behind for the next one. */
    @Test
    void aFailureHalfWayDoesNotSpoilTheNextRecord() {
        Scores one = Scores.of(new Score(new double[] {0.25, 0.75}, 1, 0.2876820724517809));
        byte[] before = RecordWriter.score(RecordId.ofString("a"), "m@1", one, 0);
        assertThrows(RuntimeException.class, () -> RecordWriter.score(RecordId.ofString("b"), "m@1", one, 5));
        assertArrayEquals(before, RecordWriter.score(RecordId.ofString("a"), "m@1", one, 0));
    }

    @Test
    void lossIsAbsentWhenUnlabelled() {
        byte[] out = RecordWriter.score(RecordId.ofNumber(17), "m@1", Scores.of(new Score(new double[] {0.5, 0.5}, 0, Double.NaN)), 0);
        JsonFields fields = JsonFields.parse(out);
        assertFalse(fields.has("loss"));
        assertEquals("17", fields.number("id"));
        assertEquals("0", fields.number("predicted"));
    }

    @Test
    void idIsWrittenBackAsItCame() {
        Score s = new Score(new double[] {1}, 0, Double.NaN);
        assertEquals("-1.5e3", JsonFields.parse(RecordWriter.score(RecordId.ofNumber("-1.5e3"), "m@1", Scores.of(s), 0)).number("id"));
        assertEquals("42", JsonFields.parse(RecordWriter.score(RecordId.ofString("42"), "m@1", Scores.of(s), 0)).string("id"));
        assertEquals("a\"b\\c\n😀",
                JsonFields.parse(RecordWriter.score(RecordId.ofString("a\"b\\c\n😀"), "m@1", Scores.of(s), 0)).string("id"));
    }

    @Test
    void numbersRoundTripBitForBit() {
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
            JsonFields fields = JsonFields.parse(RecordWriter.score(RecordId.ofNumber(round), "m@1", Scores.of(new Score(p, 0, loss)), 0));
            List<String> written = fields.list("probabilities");
            for (int i = 0; i < p.length; i++) {
                assertEquals(Double.doubleToLongBits(p[i]), Double.doubleToLongBits(Double.parseDouble(written.get(i))),
                        written.get(i));
            }
            String lossText = fields.number("loss");
            assertEquals(Double.doubleToLongBits(loss), Double.doubleToLongBits(Double.parseDouble(lossText)), lossText);
        }
    }

    @Test
    void deadLetterWithUtf8Raw() {
        byte[] raw = "{\"features\": [1, \"zoë\"]}\t".getBytes(StandardCharsets.UTF_8);
        JsonFields fields = JsonFields.parse(RecordWriter.deadLetter(
                new DeadLetter("features[1]: expected a finite number, got the string \"zoë\"", "events@2:1045", raw), Integer.MAX_VALUE));
        assertEquals(List.of("error", "source", "raw", "raw_encoding"), fields.names());
        assertEquals("features[1]: expected a finite number, got the string \"zoë\"", fields.string("error"));
        assertEquals("events@2:1045", fields.string("source"));
        assertEquals(new String(raw, StandardCharsets.UTF_8), fields.string("raw"));
        assertEquals("utf8", fields.string("raw_encoding"));
    }

    @Test
    void deadLetterWithInvalidUtf8IsBase64() {
        byte[] raw = {'{', (byte) 0xc3, '}', (byte) 0xff, 0};
        JsonFields fields = JsonFields.parse(RecordWriter.deadLetter(new DeadLetter("value: not valid UTF-8", "in.jsonl:3", raw), Integer.MAX_VALUE));
        assertEquals("base64", fields.string("raw_encoding"));
        assertArrayEquals(raw, Base64.getDecoder().decode(fields.string("raw")));
    }

    @Test
    void deadLetterOfATombstoneHasEmptyRaw() {
        JsonFields fields = JsonFields.parse(RecordWriter.deadLetter(new DeadLetter("value: null", "t@0:1", new byte[0]), Integer.MAX_VALUE));
        assertEquals("", fields.string("raw"));
        assertEquals("utf8", fields.string("raw_encoding"));
    }

    @Test
    void deadLetterOfControlCharactersRoundTrips() {
        byte[] raw = {'a', 0, 1, 0x1f, '"', '\\', 'b'};
        JsonFields fields = JsonFields.parse(RecordWriter.deadLetter(new DeadLetter("e", "s", raw), Integer.MAX_VALUE));
        assertEquals("utf8", fields.string("raw_encoding"));
        assertArrayEquals(raw, fields.string("raw").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void outputHasNoTrailingNewline() {
        byte[] out = RecordWriter.deadLetter(new DeadLetter("e", "s", new byte[] {'x'}), Integer.MAX_VALUE);
        assertTrue(out[out.length - 1] == '}');
    }

    /** Found by ScoringOperatorFuzzTest: a binary value keeps as many bytes as the limit allows, in base64. */
    @Test
    void aBinaryValueKeepsTheLimitInBase64() {
        byte[] raw = {0, 0, 0, 0, (byte) 0xbf, (byte) 0xbf, (byte) 0xbf, (byte) 0xbf};
        JsonFields cut = JsonFields.parse(RecordWriter.deadLetter(new DeadLetter("e", "s", raw), 7));
        assertEquals("base64", cut.string("raw_encoding"));
        assertEquals("AAAAAL+/vw==", cut.string("raw"), "7 bytes, not the 3 before the stray continuation bytes");
        assertEquals("8", cut.number("raw_bytes"));
    }

    /** A value over the limit keeps its first bytes, cut before a partial character, and says so. */
    @Test
    void aLongValueIsCutToFitTheSink() {
        byte[] raw = "{\"id\": \"ééé\"}".getBytes(StandardCharsets.UTF_8);
        JsonFields cut = JsonFields.parse(RecordWriter.deadLetter(new DeadLetter("e", "s", raw), 10));
        assertEquals("{\"id\": \"é", cut.string("raw"), "10 bytes would split the second é: 9 are kept");
        assertEquals("utf8", cut.string("raw_encoding"));
        assertEquals("true", cut.text("raw_truncated"));
        assertEquals(Integer.toString(raw.length), cut.number("raw_bytes"));
        JsonFields whole = JsonFields.parse(RecordWriter.deadLetter(new DeadLetter("e", "s", raw), raw.length));
        assertFalse(whole.has("raw_truncated"), "exactly at the limit: whole");
        byte[] kept = {(byte) 0xff, 1, 2};
        JsonFields part = JsonFields.parse(RecordWriter.deadLetter(new DeadLetter("e", "s", kept, 1_000_000), 64));
        assertEquals("/wEC", part.string("raw"), "only the kept prefix was there to write");
        assertEquals("base64", part.string("raw_encoding"));
        assertEquals("1000000", part.number("raw_bytes"));
    }
}
