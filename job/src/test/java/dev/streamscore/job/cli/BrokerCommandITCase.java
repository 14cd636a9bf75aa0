package dev.streamscore.job.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.KafkaTestClient;
import dev.streamscore.job.testing.LauncherProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        try (LauncherProcess broker = LauncherProcess.start(tmp, "broker", List.of("broker", "--port", "0"))) {
            String bootstrap = awaitReady(broker);
            KafkaTestClient.produce(bootstrap, List.of(new ProducerRecord<>("auto-created", "hello".getBytes(UTF_8))));
            List<ConsumerRecord<byte[], byte[]>> read = KafkaTestClient.readCommitted(
                    bootstrap, "auto-created", 1, Duration.ofMillis(100), Duration.ofSeconds(30));
            assertEquals(1, read.size());
            assertEquals("hello", new String(read.get(0).value(), UTF_8));
            assertTrue(kafkaTempDirs() > 0);
            assertEquals(143, broker.terminate(), broker::stderr); // 128 + SIGTERM, after the shutdown hook ran
        }
        assertEquals(0, kafkaTempDirs(), "the temporary data directory is deleted at exit");
    }

    @Test
    void givenDataDirIsShutDownCleanly() throws Exception {
        Path data = tmp.resolve("data");
        try (LauncherProcess broker = LauncherProcess.start(tmp, "broker",
                List.of("broker", "--port", "0", "--data-dir", data.toString()))) {
            awaitReady(broker);
            assertEquals(143, broker.terminate(), broker::stderr);
        }
        assertTrue(Files.exists(data.resolve("meta.properties")));
        assertTrue(Files.exists(data.resolve(".kafka_cleanshutdown")), "Kafka marks a clean shutdown in its log dir");
    }

    private static String awaitReady(LauncherProcess broker) throws Exception {
        String line = broker.readLine(90);
        Matcher m = READY.matcher(line == null ? "" : line);
        assertTrue(m.matches(), () -> String.format("first line '%s'; stderr: %s", line, broker.stderr()));
        return m.group(1);
    }

    private long kafkaTempDirs() throws Exception {
        try (Stream<Path> left = Files.list(tmp)) {
            return left.filter(p -> p.getFileName().toString().startsWith("streamscore-kafka-")).count();
        }
    }
}
