package dev.streamscore.job.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.score.Label;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The scoring operator in Flink's operator test harness: batching, checkpoints and the model in state. */
class ScoringOperatorTest {
    private static final int WIDTH = 3;
    private static final int CLASSES = 2;
    private static final ModelBytes MODEL_A = TestModels.mlp("tiny", "a", WIDTH, CLASSES, 1);
    private static final ModelBytes MODEL_B = TestModels.mlp("tiny", "b", WIDTH, CLASSES, 2);

    private static ScoringHarness harness(ModelBytes model, int batchSize, long timeoutMs) throws Exception {
        return new ScoringHarness(new ScoringOperator(model, null, WIDTH, CLASSES, RecordLayout.DEFAULT, TestModels.scoring(batchSize, timeoutMs)));
    }

    private static ScoringHarness subtaskHarness(ModelBytes model, int parallelism, int subtask) throws Exception {
        return new ScoringHarness(
                new ScoringOperator(model, null, WIDTH, CLASSES, RecordLayout.DEFAULT, TestModels.scoring(100, 1000)), 128, parallelism, subtask);
    }

    private static InputRecord input(int i) {
        return new InputRecord(RecordId.ofString(String.format("r%d", i)),
                new double[] {i * 0.1, -i * 0.2, 1.0 / (i + 1)}, i % 2 == 0 ? Label.ofIndex(i % CLASSES) : null);
    }

    private static RawKafkaRecord parsed(int i) {
        return TestModels.raw(String.format("k%d", i), input(i), i, 1_000L + i);
    }

    private static void send(ScoringHarness h, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            RawKafkaRecord r = parsed(i);
            h.processElement(r, r.timestamp());
        }
    }

    /** Asserts the output is exactly records [from, to), in order, scored by {@code model} as offline. */
    private static void assertScored(List<KeyedValue> out, int from, int to, ModelBytes model) {
        List<InputRecord> inputs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            inputs.add(input(i));
        }
        List<byte[]> expected = TestModels.offlineScores(model, inputs);
        assertEquals(to - from, out.size(), "records out");
        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(parsed(from + i).key(), out.get(i).key(), "key");
            assertEquals(1_000L + from + i, out.get(i).timestamp(), "timestamp");
            assertEquals(new String(expected.get(i), UTF_8), new String(out.get(i).value(), UTF_8));
        }
    }

    @Test
    void fullBatchIsScoredAtOnce() throws Exception {
        try (var h = harness(MODEL_A, 3, 60_000)) {
            h.open();
            send(h, 0, 2);
            assertTrue(h.extractOutputValues().isEmpty(), "two rows wait for the third");
            send(h, 2, 3);
            assertScored(h.extractOutputValues(), 0, 3, MODEL_A);
            send(h, 3, 7);
            assertScored(h.extractOutputValues(), 0, 6, MODEL_A);
        }
    }

    @Test
    void batchIsScoredWhenItsTimeoutExpires() throws Exception {
        try (var h = harness(MODEL_A, 100, 20)) {
            h.setProcessingTime(0);
            h.open();
            send(h, 0, 2);
            h.setProcessingTime(19);
            assertTrue(h.extractOutputValues().isEmpty(), "not due before 20 ms");
            h.setProcessingTime(20);
            assertScored(h.extractOutputValues(), 0, 2, MODEL_A);
            h.setProcessingTime(25);
            send(h, 2, 3); // a new batch, due at 45
            h.setProcessingTime(44);
            assertEquals(2, h.extractOutputValues().size());
            h.setProcessingTime(45);
            assertScored(h.extractOutputValues(), 0, 3, MODEL_A);
        }
    }

    @Test
    void timerOfABatchFlushedBySizeDoesNotCutTheNextBatchShort() throws Exception {
        try (var h = harness(MODEL_A, 2, 20)) {
            h.setProcessingTime(0);
            h.open();
            send(h, 0, 2); // full: scored now; its timer (20) stays registered
            h.setProcessingTime(10);
            send(h, 2, 3); // due at 30
            h.setProcessingTime(20);
            assertEquals(2, h.extractOutputValues().size(), "the stale timer at 20 leaves the new batch alone");
            h.setProcessingTime(30);
            assertScored(h.extractOutputValues(), 0, 3, MODEL_A);
        }
    }

    @Test
    void zeroTimeoutScoresEachRowOnArrival() throws Exception {
        try (var h = harness(MODEL_A, 100, 0)) {
            h.open();
            send(h, 0, 1);
            assertScored(h.extractOutputValues(), 0, 1, MODEL_A);
        }
    }

    @Test
    void openBatchIsScoredBeforeTheCheckpointBarrierAndIsNotInState() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness(MODEL_A, 100, 60_000)) {
            h.open();
            send(h, 0, 5);
            assertTrue(h.extractOutputValues().isEmpty());
            h.prepareSnapshotPreBarrier(1);
            assertScored(h.extractOutputValues(), 0, 5, MODEL_A);
            state = h.snapshot(1, 100);
        }
        try (var restored = harness(MODEL_A, 100, 60_000)) {
            restored.initializeState(state);
            restored.open();
            restored.prepareSnapshotPreBarrier(2);
            restored.endInput();
            assertTrue(restored.extractOutputValues().isEmpty(), "nothing is replayed from state");
            send(restored, 5, 6);
            restored.endInput();
            assertScored(restored.extractOutputValues(), 5, 6, MODEL_A);
        }
    }

    @Test
    void endOfInputScoresTheOpenBatch() throws Exception {
        try (var h = harness(MODEL_A, 100, 60_000)) {
            h.open();
            send(h, 0, 4);
            h.endInput();
            assertScored(h.extractOutputValues(), 0, 4, MODEL_A);
        }
    }

    @Test
    void restoredModelWinsOverTheConstructorsAndCountsCarryOver() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness(MODEL_A, 100, 60_000)) {
            h.open();
            send(h, 0, 4);
            h.prepareSnapshotPreBarrier(1);
            state = h.snapshot(1, 100);
        }
        try (var restored = harness(MODEL_B, 100, 60_000)) {
            restored.initializeState(state);
            restored.open();
            assertEquals("tiny@a", restored.scoring().modelId());
            send(restored, 4, 7);
            restored.endInput();
            assertScored(restored.extractOutputValues(), 4, 7, MODEL_A);
            var accumulators = restored.getEnvironment().getAccumulatorRegistry().getUserMap();
            assertEquals(7L, accumulators.get(ScoringOperator.SCORED).getLocalValue(), "4 before the checkpoint + 3 after");
            assertEquals(7L, accumulators.get(ScoringOperator.RECORDS_IN).getLocalValue(),
                    "records in = scored + dead letters, also across a restore");
            assertEquals(0L, accumulators.get(ScoringOperator.DEAD_LETTERS_COUNT).getLocalValue());
        }
        try (var fresh = harness(MODEL_B, 100, 60_000)) {
            fresh.open();
            send(fresh, 4, 5);
            fresh.endInput();
            assertScored(fresh.extractOutputValues(), 4, 5, MODEL_B);
        }
    }

    @Test
    void everySubtaskRestoresTheModelAfterRescaling() throws Exception {
        List<OperatorSubtaskState> states = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (var h = subtaskHarness(MODEL_A, 2, subtask)) {
                h.open();
                send(h, 0, 1);
                h.prepareSnapshotPreBarrier(1);
                states.add(h.snapshot(1, 100));
            }
        }
        OperatorSubtaskState merged = AbstractStreamOperatorTestHarness.repackageState(states.toArray(new OperatorSubtaskState[0]));
        for (int subtask = 0; subtask < 3; subtask++) {
            try (var h = subtaskHarness(MODEL_B, 3, subtask)) {
                h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(merged, 128, 2, 3, subtask));
                h.open();
                send(h, 10, 11);
                h.endInput();
                assertScored(h.extractOutputValues(), 10, 11, MODEL_A);
            }
        }
    }

    @Test
    void restoredModelOfAnotherWidthFailsWithTheReason() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness(MODEL_A, 100, 60_000)) {
            h.open();
            state = h.snapshot(1, 100);
        }
        ModelBytes wide = TestModels.mlp("wide", "w", 5, CLASSES, 3);
        try (var h = new ScoringHarness(new ScoringOperator(wide, null, 5, CLASSES, RecordLayout.DEFAULT,
                TestModels.scoring(256, 20)))) {
            h.initializeState(state);
            IllegalStateException e = assertThrows(IllegalStateException.class, h::open);
            assertTrue(e.getMessage().startsWith("model tiny@a cannot serve this job: input width: the model takes 3 inputs,"
                    + " the job scores records of 5"), e.getMessage());
        }
    }

    @Test
    void metricsCountBatchesRowsAndLatency() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment env = new MockEnvironmentBuilder().setMetricGroup(
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                                                                        java.util.Map<String, String> info) {
                        return metrics;
                    }
                }).build();
        try (var h = new ScoringHarness(new ScoringOperator(MODEL_A, null, WIDTH, CLASSES, RecordLayout.DEFAULT, TestModels.scoring(4, 60_000)), env)) {
            h.open();
            send(h, 0, 10);
            h.endInput();
            assertEquals(10L, ((Counter) metrics.get(ScoringOperator.SCORED)).getCount());
            assertEquals(10L, ((Counter) metrics.get(ScoringOperator.RECORDS_IN)).getCount(), "records in = scored + dead letters");
            assertEquals(0L, ((Counter) metrics.get(ScoringOperator.DEAD_LETTERS_COUNT)).getCount());
            Histogram batches = (Histogram) metrics.get("batchSize");
            assertEquals(3, batches.getCount(), "batches of 4, 4 and 2");
            assertEquals(2, batches.getStatistics().getMin());
            assertEquals(4, batches.getStatistics().getMax());
            assertEquals(3, ((Histogram) metrics.get("batchScoringMicros")).getCount());
            Histogram latency = (Histogram) metrics.get("endToEndLatencyMs");
            assertEquals(10, latency.getCount());
            assertTrue(latency.getStatistics().getMin() > 0, "wall clock now minus a timestamp of 1970 + 1 s");
            assertEquals("tiny@a", ((Gauge<?>) metrics.get(ScoringMetrics.SERVED_MODEL)).getValue());
            assertEquals("none", ((Gauge<?>) metrics.get(ScoringMetrics.SHADOW_MODEL)).getValue());
        }
    }
}
