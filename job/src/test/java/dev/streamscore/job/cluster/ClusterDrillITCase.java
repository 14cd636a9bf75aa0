package dev.streamscore.job.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.testing.CommittedReader;
import dev.streamscore.job.testing.KafkaBrokerExtension;
import dev.streamscore.job.testing.KafkaTestClient;
import dev.streamscore.job.testing.Lines;
import dev.streamscore.job.testing.TestData;
import dev.streamscore.job.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failover drill of {@code tools/flink-cluster/} as a test (Maven profile {@code cluster}
 * only: {@code mvn -B -Pcluster verify}): a standalone Flink session cluster (a JobManager and a
 * TaskManager as their own JVMs, from Flink's jars), the in-process Kafka broker, the streamscore
 * job jar submitted through the REST API, records streaming in, and the TaskManager killed with
 * SIGKILL twice mid-stream, a new one started each time. Between the two kills a second model
 * version is published on {@code --model-topic}.
 *
 * <p>The version each record must be scored by is known exactly: every record of phase A is
 * scored and committed before the update is sent; the records of phase B are sent only once a
 * checkpoint holding the update has completed (the model source's committed offset is past it),
 * so no restore can bring back the old version for them. The output read with
 * {@code read_committed} must then be, line for line, what the offline scorer gives with v1 for
 * phase A and with v2 for phase B: every record exactly once, with the version in force.
 */
@Tag("cluster")
class ClusterDrillITCase {
    private static final String IN = "drill-in";
    private static final String OUT = "drill-out";
    private static final String DLQ = "drill-in.dlq";
    private static final String MODELS = "drill-models";
    private static final String MODELS_DLQ = "drill-models.dlq";
    /** The job's default group id for IN, and that of its model source. */
    private static final String MODEL_GROUP = "streamscore-drill-in.models";
    private static final int PARTITIONS = 2;
    private static final int PHASE = 4_000;
    private static final int BEFORE_KILL = 1_000;
    private static final int CHUNK = 250;
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final ModelBytes V2 = TestModels.perturbed(TestModels.digitsJson(), "digits", "v2", 0.3, 11);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** What one kill cost: seconds after the SIGKILL until each step of the recovery. */
    private record Recovery(int kill, int committedAtKill, Process replacement, double registered, double running,
                            double committing, long restoredFrom, double checkpointAge) {
        @Override
        public String toString() {
            return String.format("kill %d (%d scores committed): replacement registered %.1f s, every task RUNNING"
                            + " %.1f s, first checkpoint completed %.1f s after the kill; restored from checkpoint %d,"
                            + " triggered %.1f s before the kill",
                    kill, committedAtKill, registered, running, committing, restoredFrom, checkpointAge);
        }
    }

    @Test
    void twoTaskManagerKillsWithAModelSwapBetweenLoseNothingRepeatNothingAndKeepEachVersion() throws Exception {
        Path work = freshDir(Path.of("target", "cluster-drill"));
        String bootstrap = KAFKA.bootstrapServers();
        KAFKA.createTopics(PARTITIONS, IN, OUT, DLQ);
        KAFKA.createTopics(1, MODELS, MODELS_DLQ);
        ModelBytes v1 = TestData.digitsModel();
        List<ProducerRecord<byte[], byte[]>> all = TestData.digits(IN, PARTITIONS, 2 * PHASE);
        List<ProducerRecord<byte[], byte[]>> phaseA = all.subList(0, PHASE);
        List<ProducerRecord<byte[], byte[]>> phaseB = all.subList(PHASE, 2 * PHASE);
        List<String> args = List.of("run", "--bootstrap-servers", bootstrap, "--input-topic", IN, "--output-topic", OUT,
                "--model", TestData.DIGITS_MODEL.toAbsolutePath().normalize().toString(), "--model-topic", MODELS,
                "--checkpoint-interval-ms", "1000", "--parallelism", "2");
        List<Recovery> recoveries = new ArrayList<>();

        ExecutorService producer = Executors.newSingleThreadExecutor();
        try (StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(clusterLib(), clusterConf(), work);
             CommittedReader scores = new CommittedReader(bootstrap, OUT)) {
            System.out.printf("cluster drill: logs in %s%n", cluster.work().resolve("log"));
            FlinkRest rest = new FlinkRest(cluster.restUrl());
            cluster.startJobManager(rest);
            Process taskManager = cluster.startTaskManager();
            long submitted = System.nanoTime();
            String job = rest.submit(jobJar(), args);
            awaitRunningWithACheckpoint(rest, job);
            System.out.printf("job %s submitted and running with a completed checkpoint in %.1f s%n", job, since(submitted));

            // phase A, scored by v1, the TaskManager killed while it streams in
            List<RecordMetadata> writtenA = new ArrayList<>(KafkaTestClient.produce(bootstrap, phaseA.subList(0, BEFORE_KILL)));
            scores.awaitUntil(r -> r.size() >= BEFORE_KILL / 2, WAIT, "phase A: first scores committed");
            Future<List<RecordMetadata>> restA = producer.submit(() -> produceSlowly(bootstrap, phaseA.subList(BEFORE_KILL, PHASE)));
            Recovery first = killMidStream(cluster, rest, job, taskManager, scores, 1, BEFORE_KILL + CHUNK);
            recoveries.add(first);
            taskManager = first.replacement();
            writtenA.addAll(restA.get(120, TimeUnit.SECONDS));
            TestData.Expected expectedA = TestData.expected(v1, phaseA, writtenA);
            scores.awaitUntil(r -> r.size() >= expectedA.scores().size(), WAIT, "phase A scored and committed");

            // the model swap: v2 in force and in a completed checkpoint before any record of phase B is sent
            long swap = System.nanoTime();
            RecordMetadata update = publish(bootstrap, V2);
            double published = since(swap);
            awaitCommittedOffset(MODEL_GROUP, new TopicPartition(MODELS, 0), update.offset() + 1);
            System.out.printf("model update %s (%d bytes) written to %s@%d:%d in %.1f s, taken over and in a completed"
                            + " checkpoint (offset committed) %.1f s after it was written%n", V2.id(), V2.bytes().length,
                    MODELS, update.partition(), update.offset(), published, since(swap) - published);

            // phase B, scored by v2, the TaskManager killed again while it streams in
            List<RecordMetadata> writtenB = new ArrayList<>(KafkaTestClient.produce(bootstrap, phaseB.subList(0, BEFORE_KILL)));
            int afterA = expectedA.scores().size();
            scores.awaitUntil(r -> r.size() >= afterA + BEFORE_KILL / 2, WAIT, "phase B: first scores committed");
            Future<List<RecordMetadata>> restB = producer.submit(() -> produceSlowly(bootstrap, phaseB.subList(BEFORE_KILL, PHASE)));
            recoveries.add(killMidStream(cluster, rest, job, taskManager, scores, 2, afterA + BEFORE_KILL + CHUNK));
            writtenB.addAll(restB.get(120, TimeUnit.SECONDS));
            TestData.Expected expectedB = TestData.expected(V2, phaseB, writtenB);

            List<String> expectedScores = sorted(expectedA.scores(), expectedB.scores());
            List<String> expectedDeadLetters = sorted(expectedA.deadLetters(), expectedB.deadLetters());
            scores.awaitUntil(r -> r.size() >= expectedScores.size(), WAIT, "phases A and B scored and committed");
            List<String> output = TestData.lines(scores.readFor(Duration.ofSeconds(5))); // duplicates would show up now
            List<String> deadLetters = TestData.lines(KafkaTestClient.readCommitted(bootstrap, DLQ,
                    expectedDeadLetters.size(), Duration.ofSeconds(1), Duration.ofSeconds(60)));
            long restarts = awaitRestarts(rest, job, 2);
            String figures = String.format("%d records (%d scores, %d dead letters), %d kills, %d job restarts;%n %s;%n %s;"
                            + "%n phase A by %s: %s;%n phase B by %s: %s",
                    all.size(), expectedScores.size(), expectedDeadLetters.size(), recoveries.size(), restarts,
                    recoveries.get(0), recoveries.get(1), v1.id(), tally(expectedA.scores(), output),
                    V2.id(), tally(expectedB.scores(), output));
            System.out.printf("cluster drill: %s%n", figures);

            for (Recovery r : recoveries) {
                int expectedBy = r.kill() == 1 ? expectedA.scores().size() : expectedScores.size();
                assertTrue(r.committedAtKill() < expectedBy, () -> String.format("the kill was mid-stream: %s", figures));
            }
            assertTrue(restarts >= 2, () -> String.format("each kill restarted the job: %s", figures));
            Lines.assertSame(expectedScores, output, String.format("scores, each with its version (%s)", figures));
            Lines.assertSame(expectedDeadLetters, deadLetters, String.format("dead letters (%s)", figures));
            assertEquals(List.of(), TestData.lines(KafkaTestClient.readCommitted(bootstrap, MODELS_DLQ, 0,
                    Duration.ofSeconds(1), Duration.ofSeconds(10))), "the update was not refused");
            rest.cancel(job);
        } finally {
            producer.shutdownNow();
        }
    }

    /**
     * Waits until {@code threshold} scores are committed, kills the TaskManager with SIGKILL,
     * starts a new one at once, and waits until every task runs again from a newer checkpoint and
     * the first checkpoint after that restore has completed (its transactions are then committed).
     */
    private static Recovery killMidStream(StandaloneFlinkCluster cluster, FlinkRest rest, String job, Process victim,
                                          CommittedReader scores, int kill, int threshold) throws Exception {
        int committed = scores.awaitUntil(r -> r.size() >= threshold, WAIT,
                String.format("%d scores committed before kill %d", threshold, kill)).size();
        OptionalLong restoredBefore = rest.restoredCheckpoint(job);
        long killedAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        StandaloneFlinkCluster.killHard(victim);
        System.out.printf("kill %d: kill -9 of TaskManager pid %d with %d scores committed%n", kill, victim.pid(), committed);
        Process replacement = cluster.startTaskManager();
        double registered = since(t0);

        long deadline = t0 + WAIT.toNanos();
        OptionalLong restored = OptionalLong.empty();
        while (!(rest.allRunning(job) && (restored = rest.restoredCheckpoint(job)).isPresent()
                && !restored.equals(restoredBefore))) {
            assertTrue(System.nanoTime() < deadline, () -> String.format("kill %d: job not running again within %d s",
                    kill, WAIT.toSeconds()));
            Thread.sleep(200);
        }
        double running = since(t0);
        long restoredFrom = restored.getAsLong();
        while (rest.checkpoints(job).path("latest").path("completed").path("id").asLong(-1) <= restoredFrom) {
            assertTrue(System.nanoTime() < deadline, () -> String.format("kill %d: no checkpoint completed after the"
                    + " restore within %d s", kill, WAIT.toSeconds()));
            Thread.sleep(200);
        }
        double committing = since(t0);
        long triggered = rest.checkpoint(job, restoredFrom).path("trigger_timestamp").asLong();
        Recovery r = new Recovery(kill, committed, replacement, registered, running, committing, restoredFrom,
                (killedAt - triggered) / 1000.0);
        System.out.println(r);
        return r;
    }

    private static void awaitRunningWithACheckpoint(FlinkRest rest, String job) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(rest.allRunning(job) && rest.checkpoints(job).path("latest").path("completed").has("id"))) {
            assertTrue(System.nanoTime() < deadline, () -> String.format("job %s: not running with a completed"
                    + " checkpoint within %d s: %s", job, WAIT.toSeconds(), jobState(rest, job)));
            Thread.sleep(250);
        }
    }

    /** The model update: key = model name, header {@code version}; returns where it was written. */
    private static RecordMetadata publish(String bootstrap, ModelBytes model) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(MODELS, 0, model.name().getBytes(UTF_8), model.bytes());
        record.headers().add(new RecordHeader("version", model.version().getBytes(UTF_8)));
        return KafkaTestClient.produce(bootstrap, List.of(record)).get(0);
    }

    /**
     * Waits until {@code group} has committed {@code offset} on {@code partition}. The job's sources
     * commit the offsets of a checkpoint once it has completed, so this is the proof that a
     * completed checkpoint covers everything before {@code offset} on that partition.
     */
    private static void awaitCommittedOffset(String group, TopicPartition partition, long offset) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Admin admin = Admin.create(KAFKA.broker().clientProperties())) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group,
                        new ListConsumerGroupOffsetsOptions()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                OffsetAndMetadata at = committed.get(partition);
                if (at != null && at.offset() >= offset) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, () -> String.format("group %s: offset %d of %s not committed"
                        + " within %d s (committed: %s)", group, offset, partition, WAIT.toSeconds(), at));
                Thread.sleep(200);
            }
        }
    }

    /** The job's {@code numRestarts} once it reaches {@code atLeast} (the REST API's metrics lag a few seconds), or as it is after 30 s. */
    private static long awaitRestarts(FlinkRest rest, String job, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long restarts = -1;
        while (System.nanoTime() < deadline) {
            restarts = rest.jobMetric(job, "numRestarts").orElse(-1);
            if (restarts >= atLeast) {
                break;
            }
            Thread.sleep(1_000);
        }
        return restarts;
    }

    /** Sends records in chunks of {@value #CHUNK} every 250 ms (about 1,000 a second). */
    private static List<RecordMetadata> produceSlowly(String bootstrap, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        List<RecordMetadata> written = new ArrayList<>();
        for (int from = 0; from < records.size(); from += CHUNK) {
            written.addAll(KafkaTestClient.produce(bootstrap, records.subList(from, Math.min(records.size(), from + CHUNK))));
            Thread.sleep(250);
        }
        return written;
    }

    /** How many of a phase's expected output lines are in the output, for the figures. */
    private static String tally(List<String> expected, List<String> output) {
        Set<String> out = new HashSet<>(output);
        long found = expected.stream().filter(out::contains).count();
        return String.format("%d of %d outputs as expected", found, expected.size());
    }

    private static List<String> sorted(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(null);
        return all;
    }

    private static String jobState(FlinkRest rest, String job) {
        try {
            return rest.job(job).path("state").asText();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    /** The cluster's class path, assembled by tools/flink-cluster/pom.xml (a module of the build under -Pcluster). */
    private static Path clusterLib() {
        return Path.of(System.getProperty("streamscore.cluster.lib", "../tools/flink-cluster/target/lib"));
    }

    private static Path clusterConf() {
        return Path.of(System.getProperty("streamscore.cluster.conf", "../tools/flink-cluster/conf"));
    }

    /** The shaded job jar, built in the package phase before the integration tests run. */
    private static Path jobJar() {
        Path jar = Path.of(System.getProperty("streamscore.job.jar", "target/streamscore-job-0.1.0-SNAPSHOT.jar"));
        assertTrue(Files.isRegularFile(jar), () -> String.format("no job jar %s: run mvn -B -Pcluster verify", jar));
        return jar;
    }

    /** {@code dir}, emptied: the previous drill's logs stay until the next drill starts. */
    private static Path freshDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
