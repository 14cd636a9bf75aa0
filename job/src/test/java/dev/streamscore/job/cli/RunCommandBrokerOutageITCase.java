package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import dev.streamscore.job.testing.CommittedReader;
import dev.streamscore.job.testing.JobEventsLog;
import dev.streamscore.job.testing.KafkaTestClient;
import dev.streamscore.job.testing.LauncherProcess;
import dev.streamscore.job.testing.Lines;
import dev.streamscore.job.testing.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./streamscore run --checkpoint-dir DIR} (a launcher JVM) while the in-process broker it
 * reads and writes is stopped for 20 s (or {@code -Dstreamscore.outage-seconds=N}) in the middle
 * of the stream and started again on the same data directory and port. Records are produced before, during (the
 * test's producer waits for the broker) and after the outage; the job keeps running, and its
 * output read with {@code read_committed} is exactly what the offline scorer gives for every
 * record written: nothing lost, nothing repeated. The job's restarts and checkpoints come from its
 * own log ({@link JobEventsLog}) and are reported with the outage's measured length.
 */
class RunCommandBrokerOutageITCase {
    /** How long the broker is down: 20 s in the suite; longer ones by hand, e.g. {@code -Dstreamscore.outage-seconds=360}. */
    private static final int OUTAGE_SECONDS = Integer.getInteger("streamscore.outage-seconds", 20);
    private static final int FIRST = 2_000;
    private static final int SECOND = 6_000;
    private static final int CHUNK = 200;
    private static final String IN = "outage-in";
    private static final String OUT = "outage-out";
    private static final String DLQ = "outage-in.dlq";

    @TempDir
    Path tmp;

    @Test
    void aBrokerOutageMidStreamLosesNothingAndRepeatsNothing() throws Exception {
        Path data = tmp.resolve("kafka");
        JobEventsLog events = new JobEventsLog(tmp.resolve("job-events.log"));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, data);
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            int port = broker.port();
            String bootstrap = broker.bootstrapServers();
            broker.createTopics(3, IN, OUT, DLQ);
            List<ProducerRecord<byte[], byte[]>> all = TestData.digits(IN, 3, FIRST + SECOND);
            List<RecordMetadata> written = new ArrayList<>(KafkaTestClient.produce(bootstrap, all.subList(0, FIRST)));
            List<String> args = List.of("run", "--bootstrap-servers", bootstrap, "--input-topic", IN,
                    "--output-topic", OUT, "--model", TestData.DIGITS_MODEL.toString(),
                    "--checkpoint-dir", tmp.resolve("checkpoints").toString(), "--checkpoint-interval-ms", "500",
                    "--parallelism", "2");

            long outageNanos;
            LocalDateTime stoppedAt;
            LocalDateTime restartAt;
            LocalDateTime readyAt;
            int committedAtStop;
            try (LauncherProcess job = LauncherProcess.start(tmp, "run", events.jvmOptions(), args)) {
                String started = job.readLine(120);
                assertNotNull(started, job::stderr);
                assertTrue(started.startsWith("streamscore run: model digits@"), started);
                try (CommittedReader scores = new CommittedReader(bootstrap, OUT)) {
                    scores.awaitUntil(r -> alive(job) && r.size() >= FIRST / 2, Duration.ofSeconds(120),
                            "the first records scored and committed");
                    Future<List<RecordMetadata>> rest = producer.submit(
                            () -> produceSlowly(bootstrap, all.subList(FIRST, FIRST + SECOND)));
                    committedAtStop = scores.awaitUntil(r -> alive(job) && r.size() >= FIRST + CHUNK,
                            Duration.ofSeconds(60), "records of the second batch scored").size();

                    long stop = System.nanoTime();
                    broker.close(); // a clean shutdown, as SIGTERM to `./streamscore broker` does
                    long stopped = System.nanoTime();
                    stoppedAt = LocalDateTime.now();
                    Thread.sleep(TimeUnit.SECONDS.toMillis(OUTAGE_SECONDS));
                    assertTrue(job.isAlive(), job::stderr);
                    long restart = System.nanoTime();
                    restartAt = LocalDateTime.now();
                    broker = EmbeddedKafkaBroker.start(port, data);
                    long ready = System.nanoTime();
                    readyAt = LocalDateTime.now();
                    outageNanos = ready - stop;
                    System.out.printf("broker outage: stopped in %.1f s, down %d s, ready again in %.1f s: %.1f s in all%n",
                            seconds(stopped - stop), OUTAGE_SECONDS, seconds(ready - restart), seconds(outageNanos));
                    written.addAll(rest.get(120 + OUTAGE_SECONDS, TimeUnit.SECONDS));
                }

                TestData.Expected expected = TestData.expected(TestData.digitsModel(), all, written);
                List<String> scores = TestData.lines(KafkaTestClient.readCommitted(bootstrap, OUT,
                        expected.scores().size(), Duration.ofSeconds(3), Duration.ofSeconds(120)));
                List<String> deadLetters = TestData.lines(KafkaTestClient.readCommitted(bootstrap, DLQ,
                        expected.deadLetters().size(), Duration.ofSeconds(1), Duration.ofSeconds(30)));
                long restarts = events.stateChanges("RESTARTING");
                long runs = events.stateChanges("RUNNING");
                String figures = String.format("outage of %.1f s (broker down %d s), %d job restart(s), %s; %d of %d"
                                + " scores committed when the broker stopped", seconds(outageNanos), OUTAGE_SECONDS,
                        restarts, checkpoints(events, stoppedAt, restartAt, readyAt), committedAtStop, expected.scores().size());
                System.out.printf("%s; read back %d scores and %d dead letters, expected %d and %d%n", figures,
                        scores.size(), deadLetters.size(), expected.scores().size(), expected.deadLetters().size());
                assertTrue(committedAtStop < expected.scores().size(),
                        () -> String.format("the broker stopped mid-stream: %s", figures));
                Lines.assertSame(expected.scores(), scores, String.format("scores after an %s", figures));
                Lines.assertSame(expected.deadLetters(), deadLetters, String.format("dead letters after an %s", figures));
                assertTrue(job.isAlive(), () -> String.format("run still running after an %s; stderr: %s", figures, job.stderr()));
                assertEquals(restarts + 1, runs, () -> String.format(
                        "the job's log %s shows it running once at start and once after each restart: %s", events.file(), figures));
                job.terminate();
            }
        } finally {
            producer.shutdownNow();
            broker.close();
        }
    }

    /**
     * The checkpoints around the outage: how many completed while the broker was down (none can:
     * the sinks wait for it), the longest (the one that waited) and the first one completed after
     * the broker was ready again, when the job committed again.
     */
    private static String checkpoints(JobEventsLog events, LocalDateTime stoppedAt, LocalDateTime restartAt,
                                      LocalDateTime readyAt) throws Exception {
        List<JobEventsLog.Checkpoint> all = events.completedCheckpoints();
        String longest = all.stream().max(Comparator.comparingLong(JobEventsLog.Checkpoint::durationMs))
                .map(c -> String.format("the longest took %.1f s", c.durationMs() / 1e3)).orElse("none");
        long whileDown = all.stream().filter(c -> c.completedAt().isAfter(stoppedAt) && c.completedAt().isBefore(restartAt)).count();
        String first = all.stream().filter(c -> c.completedAt().isAfter(readyAt)).findFirst()
                .map(c -> String.format("the first after the outage completed %.1f s after the broker was ready",
                        Duration.between(readyAt, c.completedAt()).toMillis() / 1e3))
                .orElse("none completed after the outage");
        return String.format("%d checkpoints, %d completed while the broker was down, %s, %s", all.size(), whileDown, longest, first);
    }

    /**
     * Sends records in chunks of {@value #CHUNK} every 250 ms, each send checked, with one
     * idempotent producer that waits out the outage (Kafka's defaults would give up after 1 min).
     */
    private static List<RecordMetadata> produceSlowly(String bootstrap, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        String patience = Long.toString(TimeUnit.SECONDS.toMillis(OUTAGE_SECONDS + 120));
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, patience);
        p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, patience);
        List<RecordMetadata> written = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int from = 0; from < records.size(); from += CHUNK) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (ProducerRecord<byte[], byte[]> r : records.subList(from, Math.min(records.size(), from + CHUNK))) {
                    sent.add(producer.send(r));
                }
                producer.flush();
                for (Future<RecordMetadata> f : sent) {
                    written.add(f.get(OUTAGE_SECONDS + 120, TimeUnit.SECONDS));
                }
                Thread.sleep(250);
            }
        }
        return written;
    }

    /** For waits: fails at once, with the job's standard error, when {@code run} has exited. */
    private static boolean alive(LauncherProcess job) {
        assertTrue(job.isAlive(), () -> String.format("run exited: %s", job.stderr()));
        return true;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
