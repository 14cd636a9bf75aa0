package dev.streamscore.job.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.serving.ModelUpdate;
import dev.streamscore.job.serving.RollingEvaluation;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.score.Classifier;
import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Model updates, shadow scoring and evaluation in the scoring operator, in Flink's operator test harness. */
class ModelLifecycleOperatorTest {
    private static final int WIDTH = 3;
    private static final int CLASSES = 2;
    private static final ModelBytes MODEL_A = TestModels.mlp("tiny", "a", WIDTH, CLASSES, 1);
    private static final ModelBytes MODEL_B = TestModels.mlp("tiny", "b", WIDTH, CLASSES, 2);
    private static final ModelBytes MODEL_C = TestModels.mlp("tiny", "c", WIDTH, CLASSES, 3);

    /** Evaluation over the latest {@code window} records, written every {@code intervalMs} when {@code emit}. */
    private record Eval(int window, long intervalMs, boolean emit) {
        static final Eval DEFAULTS = new Eval(1_000, 5_000, false);
    }

    private static ScoringOperator operator(ModelBytes model, ModelBytes shadow, int batchSize, Eval eval) {
        return new ScoringOperator(model, shadow, WIDTH, CLASSES, RecordLayout.DEFAULT,
                TestModels.scoring(batchSize, 60_000, eval.window(), eval.intervalMs(), eval.emit()));
    }

    private static ScoringHarness harness(ModelBytes model, int batchSize) throws Exception {
        return new ScoringHarness(operator(model, null, batchSize, Eval.DEFAULTS));
    }

    private static InputRecord input(int i) {
        return new InputRecord(RecordId.ofString(String.format("r%d", i)),
                new double[] {i * 0.3, -i * 0.1, 1.0 / (i + 1)}, i % 3 == 2 ? null : Label.ofIndex(i % CLASSES));
    }

    private static void send(ScoringHarness h, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            h.processElement(TestModels.raw(String.format("k%d", i), input(i), i, 1_000L + i), 1_000L + i);
        }
    }

    /** A model-topic update of {@code spec} under its own name, with its version as header. */
    private static ModelUpdate update(ModelBytes spec, String role, long offset) {
        return TestModels.update(spec.name(), spec.bytes(), spec.version(), role, offset);
    }

    /** Output values, in order, as text. */
    private static List<String> values(List<KeyedValue> out) {
        List<String> v = new ArrayList<>();
        out.forEach(kv -> v.add(new String(kv.value(), UTF_8)));
        return v;
    }

    /** What the offline engine writes for records [from, to) with {@code model}. */
    private static List<String> offline(ModelBytes model, int from, int to) {
        List<InputRecord> inputs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            inputs.add(input(i));
        }
        List<String> v = new ArrayList<>();
        TestModels.offlineScores(model, inputs).forEach(b -> v.add(new String(b, UTF_8)));
        return v;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void anUpdateTakesOverBetweenTwoBatches() throws Exception {
        try (var h = harness(MODEL_A, 3)) {
            h.open();
            send(h, 0, 2);
            assertTrue(h.extractOutputValues().isEmpty(), "the batch is open");
            h.processUpdate(update(MODEL_B, null, 1));
            assertEquals(offline(MODEL_A, 0, 2), values(h.extractOutputValues()), "the open batch is scored by the old model");
            assertEquals("tiny@b", h.scoring().modelId());
            send(h, 2, 5);
            assertEquals(concat(offline(MODEL_A, 0, 2), offline(MODEL_B, 2, 5)), values(h.extractOutputValues()));
        }
    }

    @Test
    void theKeyNamesTheServedModel() throws Exception {
        try (var h = harness(MODEL_A, 1)) {
            h.open();
            h.processUpdate(TestModels.update("fraud", MODEL_B.bytes(), "v7", "primary", 1));
            send(h, 0, 1);
            ModelBytes renamed = new ModelBytes("fraud", "v7", MODEL_B.bytes());
            assertEquals(offline(renamed, 0, 1), values(h.extractOutputValues()));
            assertTrue(values(h.extractOutputValues()).get(0).contains("\"model\":\"fraud@v7\""));
        }
    }

    @Test
    void theSameVersionAgainIsANoOp() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        try (var h = new ScoringHarness(operator(MODEL_A, null, 3, Eval.DEFAULTS), metrics.environment(1, 0))) {
            h.open();
            send(h, 0, 2);
            h.processUpdate(update(MODEL_A, null, 1));
            h.processUpdate(TestModels.update("tiny", MODEL_B.bytes(), "a", null, 2)); // same version, other bytes
            assertTrue(h.extractOutputValues().isEmpty(), "no flush: nothing changed");
            send(h, 2, 3);
            assertEquals(offline(MODEL_A, 0, 3), values(h.extractOutputValues()));
            assertEquals(0L, metrics.count(ScoringMetrics.UPDATES_APPLIED));
            metrics.assertRecordsReconcile(3);
            h.processUpdate(update(MODEL_B, null, 3));
            assertEquals(1L, metrics.count(ScoringMetrics.UPDATES_APPLIED));
        }
    }

    @Test
    void aRefusedUpdateKeepsTheModelAndSubtaskZeroAloneReportsIt() throws Exception {
        ModelUpdate bad = TestModels.update("tiny", TestModels.mlp("wide", "w", 5, CLASSES, 4).bytes(), "w", null, 9);
        for (int subtask = 0; subtask < 2; subtask++) {
            RecordingMetrics metrics = new RecordingMetrics();
            try (var h = new ScoringHarness(operator(MODEL_A, null, 3, Eval.DEFAULTS),
                    metrics.environment(2, subtask))) {
                h.open();
                send(h, 0, 2);
                h.processUpdate(bad);
                assertTrue(h.extractOutputValues().isEmpty(), "a refusal does not cut the batch");
                send(h, 2, 3);
                assertEquals(offline(MODEL_A, 0, 3), values(h.extractOutputValues()));
                assertEquals("tiny@a", h.scoring().modelId());
                List<KeyedValue> dead = h.sideOutput(ScoringOperator.MODEL_DEAD_LETTERS);
                if (subtask == 0) {
                    assertEquals(1, dead.size());
                    assertArrayEquals("tiny".getBytes(UTF_8), dead.get(0).key());
                    assertEquals(bad.timestamp(), dead.get(0).timestamp());
                    String json = new String(dead.get(0).value(), UTF_8);
                    assertTrue(json.startsWith("{\"error\":\"input width: the model takes 5 inputs, the job scores records of 3\","
                            + "\"source\":\"models@0:9\",\"raw\":\""), json);
                    assertTrue(json.endsWith("\"raw_encoding\":\"base64\",\"model\":\"tiny\",\"version\":\"w\",\"role\":\"primary\"}"), json);
                } else {
                    assertTrue(dead.isEmpty(), "only subtask 0 writes refusals");
                }
                assertEquals(1L, metrics.count(ScoringMetrics.UPDATES_REFUSED), "every subtask counts it");
                metrics.assertRecordsReconcile(3);
            }
        }
    }

    @Test
    void restoredStateKeepsTheSwappedModelsAlsoAfterRescaling() throws Exception {
        OperatorSubtaskState state;
        try (var h = new ScoringHarness(operator(MODEL_A, null, 100, Eval.DEFAULTS), 128, 1, 0)) {
            h.open();
            h.processUpdate(update(MODEL_B, null, 1));
            h.processUpdate(update(MODEL_C, "shadow", 2));
            send(h, 0, 2);
            h.prepareSnapshotPreBarrier(1);
            state = h.snapshot(1, 100);
        }
        for (int subtask = 0; subtask < 2; subtask++) {
            try (var h = new ScoringHarness(operator(MODEL_A, null, 100, Eval.DEFAULTS), 128, 2, subtask)) {
                h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(state, 128, 1, 2, subtask));
                h.open();
                assertEquals("tiny@b", h.scoring().modelId(), "the state's model wins over the constructor's");
                assertEquals("tiny@c", h.scoring().shadowId());
                send(h, 2, 4);
                h.endInput();
                assertEquals(offline(MODEL_B, 2, 4), values(h.extractOutputValues()));
            }
        }
    }

    @Test
    void aStateWithoutShadowWinsOverTheConstructorsShadow() throws Exception {
        OperatorSubtaskState state;
        try (var h = new ScoringHarness(operator(MODEL_A, MODEL_C, 100, Eval.DEFAULTS))) {
            h.open();
            h.processUpdate(TestModels.update("tiny", null, null, "shadow", 1));
            assertEquals("none", h.scoring().shadowId());
            state = h.snapshot(1, 100);
        }
        try (var h = new ScoringHarness(operator(MODEL_A, MODEL_C, 100, Eval.DEFAULTS))) {
            h.initializeState(state);
            h.open();
            assertEquals("none", h.scoring().shadowId());
        }
    }

    @Test
    void theShadowScoresForEvaluationOnly() throws Exception {
        Eval eval = new Eval(4, 100, true);
        RecordingMetrics metrics = new RecordingMetrics();
        try (var h = new ScoringHarness(operator(MODEL_A, MODEL_B, 5, eval), metrics.environment(1, 0))) {
            h.setProcessingTime(0);
            h.open();
            send(h, 0, 10);
            assertEquals(offline(MODEL_A, 0, 10), values(h.extractOutputValues()), "only the primary's scores are written");
            h.setProcessingTime(100);
            List<String> records = values(h.sideOutput(ScoringOperator.EVALUATIONS));
            assertEquals(List.of(expectedEvaluation(MODEL_A, "primary", 0, 10, 100),
                    expectedEvaluation(MODEL_B, "shadow", 0, 10, 100)), records);
            assertEquals("tiny@b", metrics.gaugeValue(ScoringMetrics.SHADOW_MODEL));
            RollingEvaluation shadow = evaluation(MODEL_B, 0, 10);
            assertEquals(shadow.accuracy(), metrics.gaugeValue("model.tiny@b.role.shadow.accuracy"));
            assertEquals(shadow.meanLoss(), metrics.gaugeValue("model.tiny@b.role.shadow.mean_loss"));
            assertEquals(4, metrics.gaugeValue("model.tiny@b.role.shadow.count"));
            assertEquals(evaluation(MODEL_A, 0, 10).meanLoss(), metrics.gaugeValue("model.tiny@a.role.primary.mean_loss"));
            h.setProcessingTime(200);
            assertEquals(2, h.sideOutput(ScoringOperator.EVALUATIONS).size(), "nothing new to report");
            h.processUpdate(update(MODEL_C, "shadow", 1));
            send(h, 10, 12);
            h.endInput();
            assertEquals(offline(MODEL_A, 0, 12), values(h.extractOutputValues()));
            records = values(h.sideOutput(ScoringOperator.EVALUATIONS));
            assertEquals(4, records.size(), records.toString());
            assertEquals(expectedEvaluation(MODEL_A, "primary", 0, 12, 200), records.get(2));
            assertEquals(expectedEvaluation(MODEL_C, "shadow", 10, 12, 200), records.get(3));
            assertEquals(shadow.meanLoss(), metrics.gaugeValue("model.tiny@b.role.shadow.mean_loss"), "a replaced version keeps its figures");
            metrics.assertRecordsReconcile(12);
        }
    }

    @Test
    void noEvaluationRecordsWithoutAnEvalTopic() throws Exception {
        try (var h = new ScoringHarness(operator(MODEL_A, MODEL_B, 5, new Eval(4, 100, false)))) {
            h.setProcessingTime(0);
            h.open();
            send(h, 0, 10);
            h.setProcessingTime(1_000);
            h.endInput();
            assertTrue(h.sideOutput(ScoringOperator.EVALUATIONS).isEmpty());
        }
    }

    /** The evaluation (window 4) of {@code model} over records [from, to), computed with the engine directly. */
    private static RollingEvaluation evaluation(ModelBytes model, int from, int to) {
        Classifier scorer = LoadedModel.load(model, 1).classifier();
        RollingEvaluation e = new RollingEvaluation(4);
        for (int i = from; i < to; i++) {
            Score s = scorer.score(List.of(input(i).features()), Arrays.asList(input(i).label()))[0];
            if (input(i).label() != null) {
                e.add(s.loss(), s.predicted() == input(i).label().index());
            }
        }
        return e;
    }

    /** The evaluation record of {@code model} over records [from, to). */
    private static String expectedEvaluation(ModelBytes model, String role, int from, int to, long time) {
        RollingEvaluation e = evaluation(model, from, to);
        return String.format("{\"model\":\"%s\",\"role\":\"%s\",\"subtask\":0,\"window\":4,\"count\":%d,"
                + "\"mean_loss\":%s,\"accuracy\":%s,\"timestamp\":%d}", model.id(), role, e.count(), e.meanLoss(), e.accuracy(), time);
    }
}
