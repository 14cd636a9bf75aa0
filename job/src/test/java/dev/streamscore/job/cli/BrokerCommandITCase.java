package dev.streamscore.job.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.KafkaTestClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./streamscore broker} as a separate process: ready line, a working broker, clean stop on SIGTERM. */
class BrokerCommandITCase {
    private static final Pattern READY = Pattern.compile("ready (127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path tmp;

    @Test
    void servesUntilSigtermThenDeletesItsTemporaryDataDir() throws Exception {
        Process broker = start(List.of("broker", "--port", "0"));
        try {
            String bootstrap = awaitReady(broker);
            KafkaTestClient.produce(bootstrap, List.of(new ProducerRecord<>("auto-created", "hello".getBytes(UTF_8))));
            List<ConsumerRecord<byte[], byte[]>> read = KafkaTestClient.readCommitted(
                    bootstrap, "auto-created", 1, Duration.ofMillis(100), Duration.ofSeconds(30));
            assertEquals(1, read.size());
            assertEquals("hello", new String(read.get(0).value(), UTF_8));
            assertTrue(Files.list(tmp).anyMatch(p -> p.getFileName().toString().startsWith("streamscore-kafka-")));
        } finally {
            stop(broker);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("streamscore-kafka-")),
                    "the temporary data directory is deleted at exit");
        }
    }

    @Test
    void givenDataDirIsShutDownCleanly() throws Exception {
        Path data = tmp.resolve("data");
        Process broker = start(List.of("broker", "--port", "0", "--data-dir", data.toString()));
        try {
            awaitReady(broker);
        } finally {
            stop(broker);
        }
        assertTrue(Files.exists(data.resolve("meta.properties")));
        assertTrue(Files.exists(data.resolve(".kafka_cleanshutdown")), "Kafka marks a clean shutdown in its log dir");
    }

    private Process start(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                String.format("-Djava.io.tmpdir=%s", tmp),
                Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectError(tmp.resolve("stderr.log").toFile()).start();
    }

    private String awaitReady(Process broker) throws Exception {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(broker.getInputStream(), UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(90, TimeUnit.SECONDS);
        Matcher m = READY.matcher(line == null ? "" : line);
        assertTrue(m.matches(), () -> String.format("first line '%s'; stderr: %s", line, stderr()));
        return m.group(1);
    }

    private void stop(Process broker) throws Exception {
        broker.destroy(); // SIGTERM
        assertTrue(broker.waitFor(60, TimeUnit.SECONDS), "broker stops on SIGTERM");
        assertEquals(143, broker.exitValue(), this::stderr); // 128 + SIGTERM, after the shutdown hook ran
    }

    private String stderr() {
        try {
            return Files.readString(tmp.resolve("stderr.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
