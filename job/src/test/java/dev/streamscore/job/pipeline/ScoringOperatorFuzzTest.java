package dev.streamscore.job.pipeline;

import static dev.streamscore.job.testing.RecordValues.CLASSES;
import static dev.streamscore.job.testing.RecordValues.WIDTH;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.MlpBuilder;
import dev.streamscore.graph.OpType;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.serving.ModelServing;
import dev.streamscore.job.serving.Role;
import dev.streamscore.job.testing.Draw;
import dev.streamscore.job.testing.FuzzCases;
import dev.streamscore.job.testing.FuzzCounts;
import dev.streamscore.job.testing.FuzzValue;
import dev.streamscore.job.testing.RecordContract;
import dev.streamscore.job.testing.RecordValues;
import dev.streamscore.job.testing.RenderedRecords;
import dev.streamscore.job.testing.StrictJson;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.model.JsonModelFormat;
import dev.streamscore.model.Model;
import dev.streamscore.score.Label;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the job's record path as the operator runs it: streams of generated Kafka values
 * ({@link RecordValues}, 100,000+ in all) read by {@link RawRecordDeserializer} and fed to the
 * {@link ScoringOperator} in Flink's operator test harness, with small batches, batch timers
 * firing, checkpoints and restores mid-stream, tight or default size limits, and one of five
 * models (softmax, log-softmax and logit heads, one that overflows on large inputs, one that
 * always overflows). Every value must come out exactly once: as the score the offline engine gives
 * its record alone (same bytes, key and timestamp) or as a dead letter that fits the sink, with the
 * reason the contract and the engine give; nothing escapes; and the operator's metrics and
 * accumulators reconcile: records in = records scored + dead letters. The streams come from fixed
 * seeds ({@link FuzzCases}: a failure prints its stream's seed, to run it alone).
 */
class ScoringOperatorFuzzTest {
    private static final long SEED = 20261201L;
    /** Streams of 1 to 800 values: about 120,000 values in all. */
    private static final int STREAMS = 300;
    private static final FuzzCounts COUNTS = new FuzzCounts("ScoringOperatorFuzzTest: record values through the scoring operator");
    private static final String TOPIC = "events";
    private static final long BATCH_TIMEOUT_MS = 10;
    /** Hostile values of tens of kB here (the parser's own fuzz test takes the larger ones). */
    private static final int STREAM_CAP = 20_000;

    /** The models the operator serves, all of {@value RecordValues#WIDTH} inputs and {@value RecordValues#CLASSES} classes. */
    enum Served {
        SOFTMAX, LOG_SOFTMAX, LOGITS, OVERFLOWS_ON_LARGE_INPUTS, ALWAYS_OVERFLOWS;

        ModelBytes bytes() {
            String name = name().toLowerCase(java.util.Locale.ROOT);
            byte[] json = switch (this) {
                case SOFTMAX -> mlp("tanh", MlpBuilder.Head.SOFTMAX, 1);
                case LOG_SOFTMAX -> mlp("relu", MlpBuilder.Head.LOG_SOFTMAX, 2);
                case LOGITS -> mlp("sigmoid", MlpBuilder.Head.NONE, 3);
                case OVERFLOWS_ON_LARGE_INPUTS -> hugeWeights();
                case ALWAYS_OVERFLOWS -> TestModels.overflowing(WIDTH, CLASSES);
            };
            return new ModelBytes(name, "1", json);
        }

        private static byte[] mlp(String activation, MlpBuilder.Head head, long seed) {
            Graph g = new MlpBuilder().inputWidth(WIDTH).hidden(8).outputWidth(CLASSES).activation(activation)
                    .head(head).seed(seed).build();
            return JsonModelFormat.toBytes(new Model("m", "1", g));
        }

        /** Weights of 1e100: finite for ordinary features, an overflow once a feature is beyond about 1e107. */
        private static byte[] hugeWeights() {
            Graph.Builder b = Graph.builder();
            int x = b.input("x", WIDTH);
            DMatrixRMaj w1 = new DMatrixRMaj(4, WIDTH);
            w1.fill(1e100);
            DMatrixRMaj w2 = new DMatrixRMaj(CLASSES, 4);
            w2.fill(1e100);
            w2.set(0, 0, -1e100);
            int h = b.unary(OpType.RELU, b.linear(x, w1, null));
            int y = b.unary(OpType.SOFTMAX, b.linear(h, w2, null));
            return JsonModelFormat.toBytes(new Model("huge", "1", b.output(y).build()));
        }
    }

    /** {@code --max-record-bytes} and {@code --dead-letter-max-raw-bytes}. */
    record Limits(int maxRecordBytes, int maxRawBytes) {}

    private static final Map<Served, ModelBytes> MODELS = new EnumMap<>(Served.class);
    private static final Map<Served, ModelServing> OFFLINE = new EnumMap<>(Served.class);

    static {
        for (Served s : Served.values()) {
            ModelBytes bytes = s.bytes();
            MODELS.put(s, bytes);
            ModelServing serving = new ModelServing(WIDTH, CLASSES, 100);
            serving.install(Role.PRIMARY, LoadedModel.load(bytes, 1));
            OFFLINE.put(s, serving);
        }
    }

    /** One case: a stream of values, the model served, the batch size, the limits and the seed of the harness events. */
    record StreamCase(List<FuzzValue> values, Served model, int batchSize, Limits limits, long schedule) {
        static StreamCase draw(RandomGenerator r) {
            List<FuzzValue> values = Draw.list(r, 1, 800, g -> RecordValues.any(g, STREAM_CAP));
            Served model = Draw.pick(r, Served.values());
            int batchSize = Draw.between(r, 1, 8);
            Limits limits = Draw.weighted(r, 3, 2) == 0
                    ? new Limits(JobOptionsBuilder.DEFAULT_MAX_RECORD_BYTES, JobOptionsBuilder.DEFAULT_DEAD_LETTER_MAX_RAW_BYTES)
                    : new Limits(Draw.between(r, 16, 4096), Draw.between(r, 0, 128));
            return new StreamCase(values, model, batchSize, limits, r.nextLong());
        }

        /** What a failure report shows: the settings and the first values (the failing one is in the failure's message). */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format("%d values, model %s, batch size %d, %s, schedule %d; first:",
                    values.size(), model, batchSize, limits, schedule));
            values.stream().limit(3).forEach(v -> s.append(String.format("%n    %s", v)));
            return s.toString();
        }
    }

    @Test
    void everyRecordComesOutOnceScoredAsOfflineOrDeadLetteredAndTheCountsReconcile() {
        int streams = FuzzCases.run(ScoringOperatorFuzzTest.class, SEED, STREAMS, StreamCase::draw, StreamCase::toString,
                ScoringOperatorFuzzTest::check);
        assertEquals(streams, COUNTS.total("streams by model"), "every stream checked to its end");
    }

    private static void check(StreamCase stream) throws Exception {
        List<FuzzValue> values = stream.values();
        Served model = stream.model();
        int batchSize = stream.batchSize();
        Limits limits = stream.limits();
        long schedule = stream.schedule();
        JobOptions.Scoring scoring = new JobOptions.Scoring(batchSize, BATCH_TIMEOUT_MS, 100, 60_000, false,
                limits.maxRecordBytes(), limits.maxRawBytes(), JobOptionsBuilder.DEFAULT_MAX_MODEL_BYTES, null);
        RawRecordDeserializer deserializer = new RawRecordDeserializer(limits.maxRecordBytes(), limits.maxRawBytes());
        List<RawKafkaRecord> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i).bytes();
            deserializer.deserialize(new ConsumerRecord<>(TOPIC, 0, i, 1_000L + i, TimestampType.CREATE_TIME,
                    i % 3 == 0 ? -1 : 2, value == null ? -1 : value.length, i % 3 == 0 ? null : String.format("k%d", i).getBytes(UTF_8),
                    value, new RecordHeaders(), Optional.empty()), new ListCollector<>(records));
        }
        Run run = new Run(MODELS.get(model), scoring, new Random(schedule));
        run.feed(records);

        List<KeyedValue> scored = new ArrayList<>();
        Map<Long, KeyedValue> deadByOffset = new HashMap<>();
        for (KeyedValue kv : run.scores) {
            scored.add(kv);
        }
        for (KeyedValue kv : run.deadLetters) {
            Map<?, ?> fields = (Map<?, ?>) StrictJson.parse(kv.value());
            String source = (String) fields.get("source");
            long offset = Long.parseLong(source.substring(source.indexOf(':') + 1));
            assertNull(deadByOffset.put(offset, kv), () -> String.format("two dead letters for %s", source));
        }
        int next = 0;
        for (int i = 0; i < records.size(); i++) {
            RawKafkaRecord raw = records.get(i);
            FuzzValue value = values.get(i);
            COUNTS.count("records by generator", value.family());
            Expected expected = expect(raw, model, limits.maxRecordBytes());
            KeyedValue out;
            if (expected.output != null) {
                assertTrue(next < scored.size(), () -> String.format("no score for %s", value));
                out = scored.get(next++);
                assertEquals(new String(expected.output, UTF_8), new String(out.value(), UTF_8),
                        () -> String.format("the score of %s", value));
                COUNTS.count("outcome", "scored");
            } else {
                out = deadByOffset.get(raw.offset());
                assertTrue(out != null, () -> String.format("no dead letter for %s (expected: %s)", value, expected.reason));
                String error = RenderedRecords.assertDeadLetter(out.value(), raw.value(), raw.size(), limits.maxRawBytes(),
                        raw.source());
                if (expected.reason != null) {
                    assertEquals(expected.reason, error, () -> String.format("the reason for %s", value));
                }
                COUNTS.count("outcome", String.format("dead letter: %s", FuzzCounts.reasonClass(error)));
            }
            assertArrayEquals(raw.key(), out.key(), "the record's key");
            assertEquals(raw.timestamp(), out.timestamp(), "the record's timestamp");
        }
        assertEquals(scored.size(), next, "scores for records that should have none");
        int dead = records.size() - next;
        assertEquals(dead, deadByOffset.size(), "dead letters for records that should have none");

        assertEquals(records.size(), run.recordsIn, "metric recordsIn");
        assertEquals(next, run.scoredMetric, "metric recordsScored");
        assertEquals(dead, run.deadLetterMetric, "metric deadLetters");
        assertEquals(run.recordsIn, run.scoredMetric + run.deadLetterMetric, "recordsIn = recordsScored + deadLetters");
        assertEquals((long) records.size(), run.accumulator(ScoringOperator.RECORDS_IN), "accumulator recordsIn");
        assertEquals((long) next, run.accumulator(ScoringOperator.SCORED), "accumulator recordsScored");
        assertEquals((long) dead, run.accumulator(ScoringOperator.DEAD_LETTERS_COUNT), "accumulator deadLetters");
        COUNTS.count("streams by model", model.name());
        COUNTS.add("records by model", model.name(), records.size());
        COUNTS.add("harness events", "checkpoints", run.checkpoints);
        COUNTS.add("harness events", "restores", run.restores);
        COUNTS.add("harness events", "timer advances", run.advances);
    }

    /** What should become of a record: its output bytes, or a dead letter (with its reason, when the test knows it). */
    private record Expected(byte[] output, String reason) {}

    private static Expected expect(RawKafkaRecord raw, Served model, int maxRecordBytes) throws IOException {
        if (raw.value() == null) {
            return new Expected(null, "value: null (a tombstone), expected a JSON object");
        }
        if (raw.size() > maxRecordBytes) {
            return new Expected(null, String.format("value: %d bytes, over the limit of %d (--max-record-bytes)",
                    raw.size(), maxRecordBytes));
        }
        if (!(RecordContract.of(raw.value(), WIDTH, CLASSES) instanceof RecordContract.Valid valid)) {
            return new Expected(null, null);
        }
        RecordId id = valid.id() == null ? raw.fallbackId() : new RecordId(valid.id(), valid.numericId());
        Label label = valid.labelIndex() >= 0 ? Label.ofIndex(valid.labelIndex())
                : valid.distribution() != null ? Label.ofDistribution(valid.distribution()) : null;
        InputRecord record = new InputRecord(id, valid.features(), label);
        byte[][] output = new byte[1][];
        String[] failure = new String[1];
        OFFLINE.get(model).score(List.of(record), Function.identity(), new ModelServing.Output() {
            @Override
            public void scored(int row, byte[] value) {
                output[0] = value;
            }

            @Override
            public void failed(int row, String error) {
                failure[0] = error;
            }
        });
        if (output[0] != null) {
            RenderedRecords.assertScore(output[0], CLASSES, label != null, MODELS.get(model).id());
        }
        return new Expected(output[0], failure[0]);
    }

    /**
     * One stream through the operator: the records in order, the processing time moved on now and
     * then (batch timers fire), a checkpoint now and then, and now and then a restore from it into
     * a new operator (the accumulators carry over; the metrics of each operator are added up).
     */
    private static final class Run {
        final ModelBytes model;
        final JobOptions.Scoring scoring;
        final Random random;
        final List<KeyedValue> scores = new ArrayList<>();
        final List<KeyedValue> deadLetters = new ArrayList<>();
        long recordsIn;
        long scoredMetric;
        long deadLetterMetric;
        long checkpoints;
        long restores;
        long advances;
        private Map<String, Accumulator<?, ?>> accumulators;

        Run(ModelBytes model, JobOptions.Scoring scoring, Random random) {
            this.model = model;
            this.scoring = scoring;
            this.random = random;
        }

        void feed(List<RawKafkaRecord> records) throws Exception {
            RecordingMetrics metrics = new RecordingMetrics();
            ScoringHarness h = open(metrics, null);
            long now = 0;
            try {
                for (RawKafkaRecord r : records) {
                    h.processElement(r, r.timestamp());
                    int dice = random.nextInt(100);
                    if (dice < 15) {
                        now += random.nextInt((int) (2 * BATCH_TIMEOUT_MS));
                        h.setProcessingTime(now);
                        advances++;
                    } else if (dice < 16) {
                        long id = ++checkpoints;
                        h.prepareSnapshotPreBarrier(id);
                        OperatorSubtaskState state = h.snapshot(id, now);
                        if (random.nextInt(4) == 0) {
                            restores++;
                            collect(h, metrics);
                            h.close();
                            metrics = new RecordingMetrics();
                            h = open(metrics, state);
                            h.setProcessingTime(now);
                        }
                    }
                }
                h.endInput();
                collect(h, metrics);
                accumulators = h.getEnvironment().getAccumulatorRegistry().getUserMap();
            } finally {
                h.close();
            }
        }

        private ScoringHarness open(RecordingMetrics metrics, OperatorSubtaskState state) throws Exception {
            ScoringHarness h = new ScoringHarness(new ScoringOperator(model, null, WIDTH, CLASSES, RecordLayout.DEFAULT, scoring),
                    metrics.environment(1, 0));
            if (state != null) {
                h.initializeState(state);
            }
            h.open();
            return h;
        }

        private void collect(ScoringHarness h, RecordingMetrics metrics) {
            scores.addAll(h.extractOutputValues());
            deadLetters.addAll(h.sideOutput(ScoringOperator.DEAD_LETTERS));
            recordsIn += metrics.count(ScoringOperator.RECORDS_IN);
            scoredMetric += metrics.count(ScoringOperator.SCORED);
            deadLetterMetric += metrics.count(ScoringOperator.DEAD_LETTERS_COUNT);
        }

        long accumulator(String name) {
            return (Long) accumulators.get(name).getLocalValue();
        }
    }

    @AfterAll
    static void report() {
        System.out.println(COUNTS.report());
    }
}
