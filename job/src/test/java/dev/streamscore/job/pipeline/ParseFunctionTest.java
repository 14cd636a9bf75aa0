package dev.streamscore.job.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The parse stage: valid records go on, everything else is a dead letter on the side output; the job never fails. */
class ParseFunctionTest {

    private static OneInputStreamOperatorTestHarness<RawKafkaRecord, ParsedRecord> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseFunction(3, 2)));
    }

    private static RawKafkaRecord raw(String key, byte[] value, long offset) {
        return new RawKafkaRecord(key == null ? null : key.getBytes(UTF_8), value, "events", 2, offset, 5_000 + offset);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    private static List<KeyedValue> deadLetters(OneInputStreamOperatorTestHarness<RawKafkaRecord, ParsedRecord> h) {
        List<KeyedValue> out = new ArrayList<>();
        var side = h.getSideOutput(ParseFunction.DEAD_LETTERS);
        if (side != null) {
            for (StreamRecord<KeyedValue> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    @Test
    void validRecordsGoOnWithKeyTimestampAndFallbackId() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(raw("k1", utf8("{\"id\": 7, \"features\": [1, 2, 3], \"label\": 1}"), 10), 5_010);
            h.processElement(raw(null, utf8("{\"features\": [0.5, 0, -1]}"), 11), 5_011);
            List<ParsedRecord> out = h.extractOutputValues();
            assertEquals(2, out.size());
            assertArrayEquals(utf8("k1"), out.get(0).key());
            assertEquals(RecordId.ofNumber(7), out.get(0).input().id());
            assertArrayEquals(new double[] {1, 2, 3}, out.get(0).input().features());
            assertEquals(1, out.get(0).input().label().index());
            assertEquals(5_010, out.get(0).timestamp());
            assertNull(out.get(1).key());
            assertEquals(RecordId.ofString("events-2-11"), out.get(1).input().id(), "topic-partition-offset");
            assertNull(out.get(1).input().label());
            assertTrue(deadLetters(h).isEmpty());
        }
    }

    @Test
    void badRecordsBecomeDeadLettersWithTheirSource() throws Exception {
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '{'};
        List<RawKafkaRecord> bad = List.of(
                raw("a", utf8("not json"), 20),
                raw("b", utf8("{\"features\": [1, 2]}"), 21),
                raw("c", utf8("{\"features\": [1, 2, 3], \"label\": 5}"), 22),
                raw("d", null, 23),
                raw(null, notUtf8, 24));
        try (var h = harness()) {
            h.open();
            for (RawKafkaRecord r : bad) {
                h.processElement(r, r.timestamp());
            }
            assertTrue(h.extractOutputValues().isEmpty());
            List<KeyedValue> dead = deadLetters(h);
            assertEquals(bad.size(), dead.size());
            for (int i = 0; i < bad.size(); i++) {
                RawKafkaRecord r = bad.get(i);
                assertArrayEquals(r.key(), dead.get(i).key());
                assertEquals(r.timestamp(), dead.get(i).timestamp());
                String letter = new String(dead.get(i).value(), UTF_8);
                assertTrue(letter.contains(String.format("\"source\":\"events@2:%d\"", r.offset())), letter);
            }
            DeadLetter expected = new DeadLetter("features: expected 3 numbers, got 2", "events@2:21",
                    utf8("{\"features\": [1, 2]}"));
            assertEquals(new String(RecordWriter.deadLetter(expected), UTF_8), new String(dead.get(1).value(), UTF_8));
            assertTrue(new String(dead.get(4).value(), UTF_8).contains("\"raw_encoding\":\"base64\""));
        }
    }

    @Test
    void deadLetterCountSurvivesARestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness()) {
            h.open();
            h.processElement(raw("a", utf8("[]"), 1), 1);
            h.processElement(raw("b", utf8("{}"), 2), 2);
            state = h.snapshot(1, 10);
        }
        try (var h = harness()) {
            h.initializeState(state);
            h.open();
            h.processElement(raw("c", utf8("{"), 3), 3);
            assertEquals(3L, h.getEnvironment().getAccumulatorRegistry().getUserMap()
                    .get(ParseFunction.DEAD_LETTER_COUNT).getLocalValue());
        }
    }
}
