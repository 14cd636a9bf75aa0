package dev.streamscore.job.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.serving.ModelUpdate;
import dev.streamscore.job.serving.Role;
import dev.streamscore.job.testing.CommittedReader;
import dev.streamscore.job.testing.KafkaBrokerExtension;
import dev.streamscore.job.testing.KafkaTestClient;
import dev.streamscore.job.testing.TestData;
import dev.streamscore.job.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model updates through a running job on a Flink MiniCluster and the in-process Kafka broker,
 * read back with {@code read_committed}: a swap at parallelism 2 between two checkpoints with a
 * failure injected after it, refused updates, a shadow model and evaluation records; and a swapped
 * model kept across a savepoint and a rescale from 1 to 2. Every output is checked against the
 * offline engine for the version it names, and every record appears once.
 */
class ModelLifecycleITCase {
    private static final int PARTITIONS = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern OUTPUT = Pattern.compile("^\\{\"id\":\"([^\"]+)\",\"model\":\"([^\"]+)\"");
    private static final Pattern EVALUATION = Pattern.compile(
            "^\\{\"model\":\"([^\"]+)\",\"role\":\"([a-z]+)\",\"subtask\":(\\d+),\"window\":(\\d+),\"count\":(\\d+),"
                    + "\"mean_loss\":([-0-9.Ee]+),\"accuracy\":([0-9.Ee-]+),\"timestamp\":\\d+}$");

    private static final ModelBytes V1 = TestModels.digitsJson();
    private static final ModelBytes V2 = TestModels.perturbed(V1, "digits", "v2", 0.3, 11);
    private static final ModelBytes SHADOW = TestModels.perturbed(V1, "candidate", "s1", 0.1, 5);
    private static final ModelBytes SHADOW_2 = TestModels.perturbed(V1, "candidate", "s2", 0.2, 6);

    /** Started first and stopped last, so no job outlives the broker it writes to. */
    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static List<String> lines;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readData() throws Exception {
        lines = Files.readAllLines(TestData.DIGITS_DATA);
    }

    @Test
    void swapUnderParallelismTwoBetweenCheckpointsThenAFailure() throws Exception {
        FailWhenArmed.reset();
        JobOptions options = options("swap", true);
        Records records = new Records(options.inputTopic());
        JobClient job = startWithFailureMap(options, SHADOW);
        try (CommittedReader scores = new CommittedReader(KAFKA.bootstrapServers(), options.outputTopic())) {
            records.produce("a", 0, 400);
            scores.awaitUntil(r -> r.size() >= 400, WAIT, "phase a scored and committed");

            publish(options, List.of(
                    update("digits", "not a model".getBytes(UTF_8), "v9", null),
                    update("digits", TestModels.mlp("m", "w", 5, 10, 1).bytes(), null, null),
                    update("digits", V2.bytes(), "v2", null),
                    update("candidate", SHADOW_2.bytes(), null, "shadow")));
            // the records and the updates travel separately: produce until both partitions' outputs name v2
            for (int round = 0; !v2OnEveryPartition(records, scores.readFor(Duration.ofMillis(500))); round++) {
                assertTrue(round < 60, "v2 did not reach both subtasks within 30 s");
                records.produce("b", round * 20, 20);
            }

            FailWhenArmed.ARMED.set(true);
            records.produce("c", 0, 400);
            List<ConsumerRecord<byte[], byte[]>> out = scores.awaitUntil(
                    r -> r.size() >= records.sent.size(), WAIT, "every record scored and committed");
            out = scores.readFor(Duration.ofSeconds(2)); // duplicates would show up now
            assertTrue(FailWhenArmed.FAILED.get(), "the failure was injected");

            Map<String, String> versions = records.assertEachOnceAsOffline(out);
            records.assertVersions(versions, "a", V1.id());
            records.assertVersions(versions, "c", V2.id());
            records.assertMonotonicPerPartition(versions);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        assertRefusals(options);
        assertEvaluations(options);
    }

    @Test
    void aSwappedModelSurvivesASavepointAndARescaleFromOneToTwo() throws Exception {
        JobOptions options = options("rescale", false);
        Records records = new Records(options.inputTopic());
        String savepoint;
        JobClient first = start(options, 1, null);
        try (CommittedReader scores = new CommittedReader(KAFKA.bootstrapServers(), options.outputTopic())) {
            records.produce("a", 0, 100);
            scores.awaitUntil(r -> r.size() >= 100, WAIT, "phase a scored");
            publish(options, List.of(update("digits", V2.bytes(), "v2", null)));
            for (int round = 0; !v2OnEveryPartition(records, scores.readFor(Duration.ofMillis(500))); round++) {
                assertTrue(round < 60, "v2 did not take over within 30 s");
                records.produce("b", round * 20, 20);
            }
            savepoint = first.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        }

        // restored at parallelism 2 WITHOUT the model topic: the model can only come from the operator's state
        JobOptions noUpdates = builder(options.inputTopic(), options.outputTopic()).build();
        JobClient second = start(noUpdates, 2, savepoint);
        try (CommittedReader scores = new CommittedReader(KAFKA.bootstrapServers(), options.outputTopic())) {
            records.produce("c", 0, 200);
            List<ConsumerRecord<byte[], byte[]>> out = scores.awaitUntil(
                    r -> r.size() >= records.sent.size(), WAIT, "every record scored");
            out = scores.readFor(Duration.ofSeconds(2));
            Map<String, String> versions = records.assertEachOnceAsOffline(out);
            records.assertVersions(versions, "a", V1.id());
            records.assertVersions(versions, "c", V2.id());
            Set<Integer> partitions = new HashSet<>();
            records.sent.stream().filter(s -> s.id.startsWith("c-")).forEach(s -> partitions.add(s.partition));
            assertEquals(Set.of(0, 1), partitions, "phase c went to both partitions, so through both subtasks");
        } finally {
            second.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    // ---- the job ----

    private static JobOptionsBuilder builder(String input, String output) {
        return JobOptions.builder()
                .bootstrapServers(KAFKA.bootstrapServers())
                .inputTopic(input)
                .outputTopic(output)
                .checkpointIntervalMs(300)
                .startFrom(JobOptions.StartFrom.EARLIEST)
                .kafka("transaction.timeout.ms", "60000");
    }

    private static JobOptions options(String name, boolean evaluate) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JobOptionsBuilder b = builder(String.format("%s-in-%s", name, suffix), String.format("%s-out-%s", name, suffix))
                .modelTopic(String.format("%s-models-%s", name, suffix));
        if (evaluate) {
            b.evalTopic(String.format("%s-evals-%s", name, suffix)).evalWindow(100).evalIntervalMs(300);
        }
        JobOptions options = b.build();
        KAFKA.createTopics(PARTITIONS, options.inputTopic(), options.outputTopic(), options.deadLetterTopic());
        KAFKA.createTopics(1, options.modelTopic().orElseThrow(), options.modelDeadLetterTopic().orElseThrow());
        if (evaluate) {
            KAFKA.createTopics(1, options.evalTopic().orElseThrow());
        }
        return options;
    }

    /** The job as {@code run} wires it, at {@code parallelism}, optionally restored. */
    private static JobClient start(JobOptions options, int parallelism, String restoreFrom) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(TestJobs.restarting(options, restoreFrom));
        env.setParallelism(parallelism);
        ScoringJob.wire(env, options, LoadedModel.load(V1, 1), null, null);
        return env.executeAsync("lifecycle");
    }

    /** The job as {@code run} wires it, at parallelism 2, with a map on the record path that fails once when armed. */
    private static JobClient startWithFailureMap(JobOptions options, ModelBytes shadow) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(TestJobs.restarting(options, null));
        env.setParallelism(2);
        DataStream<RawKafkaRecord> input = TestJobs.input(env, options, null).map(new FailWhenArmed()).uid("fail-when-armed");
        DataStream<ModelUpdate> updates = env
                .fromSource(KafkaConnectors.modelSource(options), WatermarkStrategy.noWatermarks(), "models")
                .setParallelism(1).uid(ScoringJob.MODEL_SOURCE_UID);
        ScoringJob.Streams streams = ScoringJob.build(input, updates, LoadedModel.load(V1, 1),
                shadow == null ? null : LoadedModel.load(shadow, 1), options);
        TestJobs.sink(streams, options);
        return env.executeAsync("lifecycle with a failure");
    }

    /** Passes records through; the first record after {@link #ARMED} is set throws, once. */
    static final class FailWhenArmed implements MapFunction<RawKafkaRecord, RawKafkaRecord> {
        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final AtomicBoolean FAILED = new AtomicBoolean();

        static void reset() {
            ARMED.set(false);
            FAILED.set(false);
        }

        @Override
        public RawKafkaRecord map(RawKafkaRecord value) {
            if (ARMED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after the model swap");
            }
            return value;
        }
    }

    // ---- model updates ----

    private static ProducerRecord<byte[], byte[]> update(String key, byte[] value, String version, String role) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>("unset", 0, key.getBytes(UTF_8), value);
        if (version != null) {
            r.headers().add(new RecordHeader(ModelUpdate.VERSION_HEADER, version.getBytes(UTF_8)));
        }
        if (role != null) {
            r.headers().add(new RecordHeader(Role.HEADER, role.getBytes(UTF_8)));
        }
        return r;
    }

    private static void publish(JobOptions options, List<ProducerRecord<byte[], byte[]>> updates) throws Exception {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> u : updates) {
            out.add(new ProducerRecord<>(options.modelTopic().orElseThrow(), 0, u.key(), u.value(), u.headers()));
        }
        KafkaTestClient.produce(KAFKA.bootstrapServers(), out);
    }

    /** True when, on every partition, the output of the latest record read names {@link #V2}. */
    private static boolean v2OnEveryPartition(Records records, List<ConsumerRecord<byte[], byte[]>> out) {
        Map<Integer, Long> latestOffset = new TreeMap<>();
        Map<Integer, String> latestModel = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            Matcher m = match(OUTPUT, r);
            Sent s = records.byId(m.group(1));
            if (s.offset >= latestOffset.getOrDefault(s.partition, -1L)) {
                latestOffset.put(s.partition, s.offset);
                latestModel.put(s.partition, m.group(2));
            }
        }
        return latestModel.size() == PARTITIONS && latestModel.values().stream().allMatch(V2.id()::equals);
    }

    private static void assertRefusals(JobOptions options) {
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestClient.readCommitted(KAFKA.bootstrapServers(),
                options.modelDeadLetterTopic().orElseThrow(), 2, Duration.ofSeconds(1), WAIT);
        assertEquals(2, dead.size(), "two refusals, written once (by subtask 0)");
        String first = new String(dead.get(0).value(), UTF_8);
        String second = new String(dead.get(1).value(), UTF_8);
        String topic = options.modelTopic().orElseThrow();
        assertTrue(first.startsWith("{\"error\":\"does not load: not a streamscore JSON model (no '{' at the start) and ")
                && first.contains(String.format("\"source\":\"%s@0:0\"", topic))
                && first.endsWith("\"raw_encoding\":\"base64\",\"model\":\"digits\",\"version\":\"v9\",\"role\":\"primary\"}"), first);
        assertTrue(second.startsWith("{\"error\":\"input width: the model takes 5 inputs, the job scores records of 64\","
                + String.format("\"source\":\"%s@0:1\"", topic)), second);
        assertEquals("digits", new String(dead.get(0).key(), UTF_8));
    }

    /** Both subtasks reported the swapped-in primary and the swapped-in shadow; every figure is in range. */
    private static void assertEvaluations(JobOptions options) {
        List<ConsumerRecord<byte[], byte[]>> evals = KafkaTestClient.readCommitted(KAFKA.bootstrapServers(),
                options.evalTopic().orElseThrow(), 1, Duration.ofSeconds(1), WAIT);
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : evals) {
            Matcher m = match(EVALUATION, r);
            seen.add(String.format("%s %s %s", m.group(1), m.group(2), m.group(3)));
            assertEquals(100, Integer.parseInt(m.group(4)), "window");
            int count = Integer.parseInt(m.group(5));
            double loss = Double.parseDouble(m.group(6));
            double accuracy = Double.parseDouble(m.group(7));
            assertTrue(count >= 1 && count <= 100 && loss >= 0 && accuracy >= 0 && accuracy <= 1,
                    new String(r.value(), UTF_8));
        }
        for (int subtask = 0; subtask < 2; subtask++) {
            for (String expected : List.of(String.format("%s primary %d", V1.id(), subtask),
                    String.format("%s primary %d", V2.id(), subtask),
                    String.format("%s shadow %d", SHADOW_2.id(), subtask))) {
                assertTrue(seen.contains(expected), () -> String.format("no evaluation '%s' in %s", expected, seen));
            }
        }
        assertTrue(seen.stream().anyMatch(s -> s.startsWith(String.format("%s shadow", SHADOW.id()))), seen.toString());
    }

    private static Matcher match(Pattern p, ConsumerRecord<byte[], byte[]> r) {
        String value = new String(r.value(), UTF_8);
        Matcher m = p.matcher(value);
        if (!m.find()) {
            throw new AssertionError(String.format("unexpected record %s", value));
        }
        return m;
    }

    // ---- the records ----

    /** A record as produced: its id, where it was written, its key and its offline scores under both versions. */
    private record Sent(String id, int partition, long offset, byte[] key, String v1, String v2) {}

    /** The digits data as labelled (4 in 5) records with ids {@code <phase>-<i>}, round-robin over the partitions. */
    private static final class Records {
        final String topic;
        final List<Sent> sent = new ArrayList<>();
        private final Map<String, Sent> ids = new TreeMap<>();

        Records(String topic) {
            this.topic = topic;
        }

        void produce(String phase, int from, int n) throws Exception {
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            List<InputRecord> inputs = new ArrayList<>();
            RecordParser parser = new RecordParser(64, 10);
            for (int i = from; i < from + n; i++) {
                String id = String.format("%s-%d", phase, i);
                String line = lines.get((i * 7 + phase.charAt(0)) % lines.size())
                        .replaceFirst("\"id\": \"digits-\\d+\"", String.format("\"id\": \"%s\"", id));
                if (i % 5 == 0) {
                    line = line.replaceFirst(", \"label\": \\d+", "");
                }
                byte[] value = line.getBytes(UTF_8);
                batch.add(new ProducerRecord<>(topic, i % PARTITIONS, String.format("k-%s", id).getBytes(UTF_8), value));
                inputs.add((InputRecord) parser.parse(value, RecordId.ofString(id), "test"));
            }
            List<RecordMetadata> meta = KafkaTestClient.produce(KAFKA.bootstrapServers(), batch);
            List<byte[]> v1 = TestModels.offlineScores(V1, inputs);
            List<byte[]> v2 = TestModels.offlineScores(V2, inputs);
            for (int j = 0; j < n; j++) {
                String id = String.format("%s-%d", phase, from + j);
                Sent s = new Sent(id, meta.get(j).partition(), meta.get(j).offset(), batch.get(j).key(),
                        new String(v1.get(j), UTF_8), new String(v2.get(j), UTF_8));
                sent.add(s);
                ids.put(id, s);
            }
        }

        Sent byId(String id) {
            Sent s = ids.get(id);
            if (s == null) {
                throw new AssertionError(String.format("output for a record never produced: %s", id));
            }
            return s;
        }

        /**
         * Every record produced has exactly one output, with its key, equal to the offline scorer's for
         * the version the output names (and it names one of the two).
         *
         * @return the version named on each record's output, by id
         */
        Map<String, String> assertEachOnceAsOffline(List<ConsumerRecord<byte[], byte[]>> out) {
            Map<String, String> versions = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : out) {
                Matcher m = match(OUTPUT, r);
                Sent s = byId(m.group(1));
                String model = m.group(2);
                if (versions.put(s.id, model) != null) {
                    throw new AssertionError(String.format("record %s scored twice", s.id));
                }
                String value = new String(r.value(), UTF_8);
                String expected = model.equals(V1.id()) ? s.v1 : model.equals(V2.id()) ? s.v2 : null;
                assertEquals(expected, value, String.format("record %s, scored by %s", s.id, model));
                assertTrue(Arrays.equals(s.key, r.key()), "the input's key");
            }
            assertEquals(sent.size(), versions.size(), "every record scored");
            return versions;
        }

        void assertVersions(Map<String, String> versions, String phase, String model) {
            String prefix = String.format("%s-", phase);
            long n = sent.stream().filter(s -> s.id.startsWith(prefix)).peek(s ->
                    assertEquals(model, versions.get(s.id), String.format("record %s", s.id))).count();
            assertTrue(n > 0);
        }

        /** On each partition, once a record is scored by v2 every later one is too: the swap happens once. */
        void assertMonotonicPerPartition(Map<String, String> versions) {
            for (int p = 0; p < PARTITIONS; p++) {
                final int partition = p;
                List<Sent> ordered = sent.stream().filter(s -> s.partition == partition)
                        .sorted((a, b) -> Long.compare(a.offset, b.offset)).toList();
                boolean swapped = false;
                for (Sent s : ordered) {
                    boolean v2 = versions.get(s.id).equals(V2.id());
                    assertTrue(v2 || !swapped, String.format("partition %d: %s scored by v1 after v2", partition, s.id));
                    swapped |= v2;
                }
                assertTrue(swapped, String.format("partition %d never saw v2", partition));
            }
        }
    }
}
