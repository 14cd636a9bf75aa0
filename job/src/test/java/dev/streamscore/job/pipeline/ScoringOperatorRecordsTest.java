package dev.streamscore.job.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.testing.TestModels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * What the scoring operator makes of each raw record: valid ones are scored with their key,
 * timestamp and id; anything else, whether found when parsing or when scoring, is a dead letter on
 * the side output, cut to fit the sink; the job never fails.
 */
class ScoringOperatorRecordsTest {
    private static final ModelBytes MODEL = TestModels.mlp("tiny", "a", 3, 2, 1);
    private static final JsonFactory JSON = new JsonFactory();

    private static ScoringHarness harness(JobOptions.Scoring scoring) throws Exception {
        return harness(MODEL, scoring);
    }

    private static ScoringHarness harness(ModelBytes model, JobOptions.Scoring scoring) throws Exception {
        return new ScoringHarness(new ScoringOperator(model, null, 3, 2, RecordLayout.DEFAULT, scoring));
    }

    private static RawKafkaRecord raw(String key, byte[] value, long offset) {
        return new RawKafkaRecord(key == null ? null : key.getBytes(UTF_8), value, value == null ? 0 : value.length,
                "events", 2, offset, 5_000 + offset);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    /** The top-level fields of a JSON record, values as text. */
    private static Map<String, String> fields(byte[] json) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                out.put(name, p.currentToken().isStructStart() ? "<structure>" : p.getText());
                p.skipChildren();
            }
        }
        return out;
    }

    @Test
    void validRecordsAreScoredWithKeyTimestampAndFallbackId() throws Exception {
        try (var h = harness(TestModels.scoring(1, 0))) {
            h.open();
            h.processElement(raw("k1", utf8("{\"id\": 7, \"features\": [1, 2, 3], \"label\": 1}"), 10), 5_010);
            h.processElement(raw(null, utf8("{\"features\": [0.5, 0, -1]}"), 11), 5_011);
            List<KeyedValue> out = h.extractOutputValues();
            assertEquals(2, out.size());
            assertArrayEquals(utf8("k1"), out.get(0).key());
            assertEquals(5_010, out.get(0).timestamp());
            assertEquals("7", fields(out.get(0).value()).get("id"));
            assertTrue(fields(out.get(0).value()).containsKey("loss"), "labelled");
            assertNull(out.get(1).key());
            assertEquals("events-2-11", fields(out.get(1).value()).get("id"), "topic-partition-offset");
            assertTrue(h.sideOutput(ScoringOperator.DEAD_LETTERS).isEmpty());
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
        try (var h = harness(TestModels.scoring(1, 0))) {
            h.open();
            for (RawKafkaRecord r : bad) {
                h.processElement(r, r.timestamp());
            }
            assertTrue(h.extractOutputValues().isEmpty());
            List<KeyedValue> dead = h.sideOutput(ScoringOperator.DEAD_LETTERS);
            assertEquals(bad.size(), dead.size());
            for (int i = 0; i < bad.size(); i++) {
                RawKafkaRecord r = bad.get(i);
                assertArrayEquals(r.key(), dead.get(i).key());
                assertEquals(r.timestamp(), dead.get(i).timestamp());
                assertEquals(String.format("events@2:%d", r.offset()), fields(dead.get(i).value()).get("source"));
            }
            DeadLetter expected = new DeadLetter("features: expected 3 numbers, got 2", "events@2:21",
                    utf8("{\"features\": [1, 2]}"));
            assertEquals(new String(RecordWriter.deadLetter(expected, Integer.MAX_VALUE), UTF_8),
                    new String(dead.get(1).value(), UTF_8));
            assertEquals("base64", fields(dead.get(4).value()).get("raw_encoding"));
        }
    }

    @Test
    void namedFieldsScoreLikeTheArrayAndAMissingOneIsADeadLetterNamingItsPath() throws Exception {
        RecordLayout layout = new RecordLayout(List.of("amount", "merchant.risk", "history"), "y", "meta.ref");
        byte[] array = utf8("{\"id\": \"r1\", \"features\": [12.5, 0.3, -1], \"label\": 1}");
        byte[] named = utf8("{\"meta\": {\"ref\": \"r1\"}, \"history\": [-1], \"y\": 1, \"merchant\": {\"risk\": 0.3},"
                + " \"amount\": 12.5, \"extra\": {\"a\": [1, {}]}}");
        byte[] missing = utf8("{\"amount\": 12.5, \"merchant\": {}, \"history\": [-1]}");
        List<KeyedValue> expected;
        try (var h = harness(TestModels.scoring(1, 0))) {
            h.open();
            h.processElement(raw("k", array, 30), 5_030);
            expected = h.extractOutputValues();
        }
        try (var h = new ScoringHarness(new ScoringOperator(MODEL, null, 3, 2, layout, TestModels.scoring(1, 0)))) {
            h.open();
            h.processElement(raw("k", named, 30), 5_030);
            h.processElement(raw("k", missing, 31), 5_031);
            List<KeyedValue> out = h.extractOutputValues();
            assertEquals(1, out.size());
            assertEquals(new String(expected.get(0).value(), UTF_8), new String(out.get(0).value(), UTF_8));
            List<KeyedValue> dead = h.sideOutput(ScoringOperator.DEAD_LETTERS);
            assertEquals(1, dead.size());
            assertEquals("merchant.risk: missing, expected a finite number or an array of finite numbers",
                    fields(dead.get(0).value()).get("error"));
        }
    }

    @Test
    void deadLetterCountSurvivesARestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness(TestModels.scoring(1, 0))) {
            h.open();
            h.processElement(raw("a", utf8("[]"), 1), 1);
            h.processElement(raw("b", utf8("{}"), 2), 2);
            state = h.snapshot(1, 10);
        }
        try (var h = harness(TestModels.scoring(1, 0))) {
            h.initializeState(state);
            h.open();
            h.processElement(raw("c", utf8("{"), 3), 3);
            var accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
            assertEquals(3L, accumulators.get(ScoringOperator.DEAD_LETTERS_COUNT).getLocalValue());
            assertEquals(0L, accumulators.get(ScoringOperator.SCORED).getLocalValue());
            assertEquals(3L, accumulators.get(ScoringOperator.RECORDS_IN).getLocalValue(),
                    "records in = scored + dead letters: 2 restored + 1");
        }
    }

    /** A record over --max-record-bytes is a dead letter unparsed; its dead letter keeps --dead-letter-max-raw-bytes of it. */
    @Test
    void anOversizedRecordIsADeadLetterThatFitsTheSink() throws Exception {
        JobOptions.Scoring small = new JobOptions.Scoring(1, 0, 1_000, 5_000, false, 100, 16,
                JobOptionsBuilder.DEFAULT_MAX_MODEL_BYTES, null);
        byte[] big = new byte[300];
        Arrays.fill(big, (byte) 0xff);
        List<RawKafkaRecord> read = new ArrayList<>();
        new RawRecordDeserializer(100, 16).deserialize(
                new ConsumerRecord<>("events", 2, 30, 5_030L, TimestampType.CREATE_TIME, 1, big.length, utf8("k"), big,
                        new RecordHeaders(), Optional.empty()), new ListCollector<>(read));
        RawKafkaRecord oversized = read.get(0);
        assertEquals(16, oversized.value().length, "not carried through the job whole");
        assertEquals(300, oversized.size());
        try (var h = harness(small)) {
            h.open();
            h.processElement(oversized, 5_030);
            h.processElement(raw("ok", utf8("{\"features\": [1, 2, 3]}"), 31), 5_031);
            assertEquals(1, h.extractOutputValues().size(), "the next record is scored");
            Map<String, String> d = fields(h.sideOutput(ScoringOperator.DEAD_LETTERS).get(0).value());
            assertEquals("value: 300 bytes, over the limit of 100 (--max-record-bytes)", d.get("error"));
            assertEquals("events@2:30", d.get("source"));
            assertEquals("base64", d.get("raw_encoding"));
            assertEquals(16, java.util.Base64.getDecoder().decode(d.get("raw")).length);
            assertEquals("true", d.get("raw_truncated"));
            assertEquals("300", d.get("raw_bytes"));
        }
    }

    /** An overflow in the forward pass is that record's dead letter, never NaN in an output. */
    @Test
    void aNonFiniteOutputIsTheRecordsDeadLetter() throws Exception {
        ModelBytes overflowing = new ModelBytes("overflow", "1", TestModels.overflowing(3, 2));
        try (var h = harness(overflowing, TestModels.scoring(2, 60_000))) {
            h.open();
            h.processElement(raw("a", utf8("{\"features\": [1, 2, 3], \"label\": 0}"), 40), 5_040);
            h.processElement(raw("b", utf8("{\"features\": [0, 0, 0]}"), 41), 5_041);
            assertTrue(h.extractOutputValues().isEmpty(), "no NaN output");
            List<KeyedValue> dead = h.sideOutput(ScoringOperator.DEAD_LETTERS);
            assertEquals(2, dead.size());
            Map<String, String> d = fields(dead.get(0).value());
            assertTrue(d.get("error").startsWith("non-finite output at node "), d.get("error"));
            assertEquals("{\"features\": [1, 2, 3], \"label\": 0}", d.get("raw"));
            assertEquals("events@2:40", d.get("source"));
        }
    }
}
