package dev.streamscore.job.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.security.SaslSslDir;
import dev.streamscore.job.testing.CliRun;
import dev.streamscore.job.testing.LauncherProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./streamscore broker --sasl-ssl DIR} as a separate process: the ready line, clients
 * configured from {@code DIR/client.properties} alone, a restart on the same data directory and
 * DIR that keeps the records and the credentials, and another DIR refused for that data directory.
 */
class BrokerSaslSslCommandITCase {
    private static final Pattern READY = Pattern.compile("ready (127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path tmp;

    @Test
    void servesSaslSslClientsFromClientPropertiesAcrossARestart() throws Exception {
        Path dir = tmp.resolve("sasl-ssl");
        Path data = tmp.resolve("data");
        List<String> args = List.of("broker", "--port", "0", "--data-dir", data.toString(), "--sasl-ssl", dir.toString());
        try (LauncherProcess broker = LauncherProcess.start(tmp, "broker-1", args)) {
            String bootstrap = awaitReady(broker);
            Properties client = clientProperties(dir);
            assertEquals(bootstrap, client.getProperty("bootstrap.servers"));
            assertTrue(Files.isRegularFile(dir.resolve(SaslSslDir.CA_PEM)));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("secured", "first run".getBytes(UTF_8))).get(60, TimeUnit.SECONDS);
            }
            assertEquals(143, broker.terminate(), broker::stderr);
        }
        String secrets = Files.readString(dir.resolve(SaslSslDir.SECRETS));
        try (LauncherProcess broker = LauncherProcess.start(tmp, "broker-2", args)) {
            String bootstrap = awaitReady(broker);
            Properties client = clientProperties(dir);
            assertEquals(bootstrap, client.getProperty("bootstrap.servers"));
            assertEquals(secrets, Files.readString(dir.resolve(SaslSslDir.SECRETS)), "the credentials are kept");
            assertEquals(List.of("first run"), readAll(client, "secured"));
            assertEquals(143, broker.terminate(), broker::stderr);
        }
        Path other = tmp.resolve("other-sasl-ssl");
        CliRun refused = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of(
                "broker", "--port", "0", "--data-dir", data.toString(), "--sasl-ssl", other.toString()));
        assertEquals(1, refused.status());
        assertEquals(1, refused.errLines().size(), refused.err());
        assertTrue(refused.err().startsWith(String.format("streamscore broker: data directory %s was formatted for cluster ", data)), refused.err());
        assertTrue(refused.err().contains(String.format("but the SASL_SSL material in %s is for cluster ", other)), refused.err());
    }

    @Test
    void anEmptyDirectoryArgumentIsAUsageError() {
        CliRun r = CliRun.of("broker", "--sasl-ssl=");
        assertEquals(2, r.status());
        assertEquals(List.of("streamscore broker: --sasl-ssl: expected a directory, got ''",
                "usage: ./streamscore broker [--port 9092] [--data-dir DIR] [--sasl-ssl DIR]"), r.errLines());
    }

    private static List<String> readAll(Properties client, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(new String(r.value(), UTF_8)));
            }
        }
        return values;
    }

    private static Properties clientProperties(Path dir) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(SaslSslDir.CLIENT_PROPERTIES))) {
            p.load(in);
        }
        return p;
    }

    private static String awaitReady(LauncherProcess broker) throws Exception {
        String line = broker.readLine(90);
        Matcher m = READY.matcher(line == null ? "" : line);
        assertTrue(m.matches(), () -> String.format("first line '%s'; stderr: %s", line, broker.stderr()));
        return m.group(1);
    }
}
