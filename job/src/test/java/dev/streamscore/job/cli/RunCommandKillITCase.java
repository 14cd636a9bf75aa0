package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.pipeline.CheckpointDirs;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.testing.KafkaBrokerExtension;
import dev.streamscore.job.testing.KafkaTestClient;
import dev.streamscore.job.testing.LauncherProcess;
import dev.streamscore.job.testing.Lines;
import dev.streamscore.job.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./streamscore run --checkpoint-dir DIR} killed with SIGKILL while records flow, then
 * started again with the same flags: it resumes from the latest completed checkpoint in DIR (and,
 * owning it, deletes it once newer ones complete), and the output (read_committed) holds every
 * record exactly once.
 */
class RunCommandKillITCase {
    private static final int FIRST = 3_000;
    private static final int SECOND = 12_000;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path tmp;

    @Test
    void killedJobStartedAgainLosesNothingAndRepeatsNothing() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        KAFKA.createTopics(3, "kill-in", "kill-out", "kill-in.dlq");
        List<ProducerRecord<byte[], byte[]>> all = TestData.digits("kill-in", 3, FIRST + SECOND);
        List<RecordMetadata> written = new ArrayList<>(KafkaTestClient.produce(bootstrap, all.subList(0, FIRST)));
        List<String> args = List.of("run", "--bootstrap-servers", bootstrap, "--input-topic", "kill-in",
                "--output-topic", "kill-out", "--model", TestData.DIGITS_MODEL.toString(),
                "--checkpoint-dir", tmp.resolve("checkpoints").toString(), "--checkpoint-interval-ms", "300",
                "--parallelism", "2");

        ExecutorService producer = Executors.newSingleThreadExecutor();
        try (LauncherProcess first = LauncherProcess.start(tmp, "first", args)) {
            String started = first.readLine(120);
            assertNotNull(started, first::stderr);
            assertTrue(started.startsWith("streamscore run: model digits@"), started);
            assertTrue(!started.contains("resuming"), started);
            awaitCommitted(bootstrap, 1_000, first);
            Future<List<RecordMetadata>> second = producer.submit(() -> produceSlowly(bootstrap, all.subList(FIRST, FIRST + SECOND)));
            awaitCommitted(bootstrap, FIRST + 200, first); // records of the second batch are being scored
            first.kill();
            written.addAll(second.get(120, TimeUnit.SECONDS)); // the input keeps coming while the job is down
        } finally {
            producer.shutdownNow();
        }
        int committedAtKill = KafkaTestClient.readCommitted(bootstrap, "kill-out", Integer.MAX_VALUE,
                Duration.ZERO, Duration.ofSeconds(3)).size();
        Path checkpoint = CheckpointDirs.latestCompleted(tmp.resolve("checkpoints")).orElseThrow();

        ModelBytes model = TestData.digitsModel();
        TestData.Expected expected = TestData.expected(model, all, written);
        assertTrue(committedAtKill < expected.scores().size(),
                () -> String.format("killed mid-stream: %d of %d scores committed", committedAtKill, expected.scores().size()));
        try (LauncherProcess again = LauncherProcess.start(tmp, "again", args)) {
            String started = again.readLine(120);
            assertNotNull(started, again::stderr);
            assertTrue(started.endsWith(String.format(", resuming from %s", checkpoint.toUri())), started);
            Lines.assertSame(expected.scores(), TestData.lines(KafkaTestClient.readCommitted(bootstrap, "kill-out",
                    expected.scores().size(), Duration.ofSeconds(3), Duration.ofSeconds(120))), "scores");
            Lines.assertSame(expected.deadLetters(), TestData.lines(KafkaTestClient.readCommitted(bootstrap,
                    "kill-in.dlq", expected.deadLetters().size(), Duration.ofSeconds(1), Duration.ofSeconds(30))),
                    "dead letters");
            assertTrue(again.isAlive(), again::stderr);
            awaitDeleted(checkpoint.resolve("_metadata"));
            again.terminate();
        }
    }

    /** Sends records in chunks of 500 every 250 ms (about 6 s for the second batch): the job is killed while they flow. */
    private static List<RecordMetadata> produceSlowly(String bootstrap, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        List<RecordMetadata> written = new ArrayList<>();
        for (int from = 0; from < records.size(); from += 500) {
            written.addAll(KafkaTestClient.produce(bootstrap, records.subList(from, Math.min(records.size(), from + 500))));
            Thread.sleep(250);
        }
        return written;
    }

    /** The resumed job claimed the checkpoint: it deletes it once newer ones complete. */
    private static void awaitDeleted(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, () -> String.format("%s still exists after 30 s", file));
            Thread.sleep(100);
        }
    }

    /** Waits until the output topic has at least {@code n} committed records. */
    private static void awaitCommitted(String bootstrap, int n, LauncherProcess job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            int committed = KafkaTestClient.readCommitted(bootstrap, "kill-out", n, Duration.ZERO, Duration.ofSeconds(2)).size();
            if (committed >= n) {
                return;
            }
            assertTrue(job.isAlive(), job::stderr);
            Thread.sleep(200);
        }
        throw new AssertionError(String.format("fewer than %d committed records after 120 s; stderr: %s", n, job.stderr()));
    }
}
