package dev.streamscore.job.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.security.AuthenticationFailures;
import dev.streamscore.job.security.SaslSslDir;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process broker with its SASL_SSL listener: plain Kafka clients configured from
 * {@code DIR/client.properties} alone produce (in transactions) and consume; a wrong password, a
 * wrong trust store and clients without credentials are refused, the first two within 60 s.
 */
class SaslSslBrokerITCase {
    private static final Duration FAST = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;
    private static SaslSslDir material;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        material = SaslSslDir.openOrCreate(tmp.resolve("sasl-ssl"));
        broker = EmbeddedKafkaBroker.start(0, null, BrokerSecurity.saslSsl(material));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void clientPropertiesAloneProduceInTransactionsAndConsume() throws Exception {
        Properties client = clientProperties();
        assertEquals(broker.bootstrapServers(), client.getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", client.getProperty("security.protocol"));
        broker.createTopics(2, "secured");
        Properties p = copy(client);
        p.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "secured-tx");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("secured", i % 2, null, bytes(String.format("v%d", i)))).get(30, TimeUnit.SECONDS);
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("secured", bytes("aborted"))).get(30, TimeUnit.SECONDS);
            producer.abortTransaction();
        }
        Properties c = copy(client);
        c.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "secured-readers");
        c.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> values = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("secured"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < 100 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    assertTrue(values.add(new String(r.value(), UTF_8)), "duplicate value");
                }
            }
            consumer.commitSync();
        }
        assertEquals(100, values.size(), values::toString);
        assertFalse(values.contains("aborted"));
    }

    @Test
    void aWrongPasswordFailsFastWithOneLine() throws Exception {
        Properties p = clientProperties();
        p.setProperty("sasl.jaas.config", SaslSslDir.scramJaasConfig(material.username(), "not-the-password"));
        assertRefusedFast(p, SaslAuthenticationException.class,
                "SASL authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void aWrongTrustStoreFailsFastWithOneLine() throws Exception {
        SaslSslDir other = SaslSslDir.openOrCreate(tmp.resolve("other-ca"));
        Properties p = clientProperties();
        p.setProperty("ssl.truststore.location", other.trustStore().toString());
        p.setProperty("ssl.truststore.password", other.trustStorePassword());
        assertRefusedFast(p, SslAuthenticationException.class,
                "TLS handshake failed: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target");
    }

    @Test
    void clientsWithoutCredentialsAreRefused() throws Exception {
        Properties plaintext = new Properties();
        plaintext.setProperty("bootstrap.servers", broker.bootstrapServers());
        assertNoMetadata(plaintext);
        Properties tlsOnly = clientProperties();
        tlsOnly.setProperty("security.protocol", "SSL");
        tlsOnly.remove("sasl.jaas.config");
        tlsOnly.remove("sasl.mechanism");
        assertNoMetadata(tlsOnly);
        try (Admin admin = Admin.create(clientProperties())) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertFalse(topics.contains("unauthenticated"), topics::toString);
        }
    }

    @Test
    void theControllerListenerTakesOnlyTheBrokersOwnCertificate() throws Exception {
        String controllers = String.format("127.0.0.1:%d", broker.controllerPort());
        Properties plaintext = new Properties();
        plaintext.setProperty("bootstrap.controllers", controllers);
        assertTrue(alterRetentionViaControllers(plaintext).isPresent(), "PLAINTEXT client on the controller listener");
        Properties tls = clientProperties();
        tls.remove("bootstrap.servers");
        tls.setProperty("bootstrap.controllers", controllers);
        tls.setProperty("security.protocol", "SSL");
        tls.remove("sasl.jaas.config");
        tls.remove("sasl.mechanism");
        Optional<String> refused = alterRetentionViaControllers(tls);
        assertTrue(refused.isPresent() && refused.get().startsWith("TLS handshake failed"), refused::toString);
        try (Admin admin = Admin.create(clientProperties())) {
            ConfigResource b = new ConfigResource(ConfigResource.Type.BROKER, "1");
            ConfigEntry retention = admin.describeConfigs(List.of(b)).all().get(30, TimeUnit.SECONDS).get(b).get("log.retention.bytes");
            assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, retention.source(), retention::toString);
        }
        // the same request to a PLAINTEXT broker's controller listener goes through: what mutual TLS prevents here
        try (EmbeddedKafkaBroker open = EmbeddedKafkaBroker.start()) {
            Properties p = new Properties();
            p.setProperty("bootstrap.controllers", String.format("127.0.0.1:%d", open.controllerPort()));
            assertEquals(Optional.empty(), alterRetentionViaControllers(p));
        }
    }

    /** Sets the cluster-wide {@code log.retention.bytes} through the controller listener; the failure's reason, or empty when it went through. */
    private static Optional<String> alterRetentionViaControllers(Properties p) throws InterruptedException {
        Properties q = copy(p);
        q.setProperty("request.timeout.ms", "5000");
        q.setProperty("default.api.timeout.ms", "10000");
        try (Admin admin = Admin.create(q)) {
            AlterConfigOp set = new AlterConfigOp(new ConfigEntry("log.retention.bytes", "12345"), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.BROKER, ""), List.of(set)))
                    .all().get(30, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.of(AuthenticationFailures.reason(e).orElse(e.getCause() == null ? e.toString() : e.getCause().toString()));
        }
    }

    @Test
    void restartsOnItsDataDirWithTheSameMaterialAndRefusesOtherMaterial() throws Exception {
        Path data = tmp.resolve("restart-data");
        Path dir = tmp.resolve("restart-sasl-ssl");
        SaslSslDir first = SaslSslDir.openOrCreate(dir);
        String secrets = Files.readString(dir.resolve(SaslSslDir.SECRETS));
        try (EmbeddedKafkaBroker b = EmbeddedKafkaBroker.start(0, data, BrokerSecurity.saslSsl(first))) {
            b.createTopics(1, "kept");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    b.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("kept", bytes("before restart"))).get(30, TimeUnit.SECONDS);
            }
        }
        SaslSslDir again = SaslSslDir.openOrCreate(dir);
        assertEquals(secrets, Files.readString(dir.resolve(SaslSslDir.SECRETS)), "reused, not regenerated");
        try (EmbeddedKafkaBroker b = EmbeddedKafkaBroker.start(0, data, BrokerSecurity.saslSsl(again))) {
            Properties c = readProperties(dir.resolve(SaslSslDir.CLIENT_PROPERTIES));
            assertEquals(b.bootstrapServers(), c.getProperty("bootstrap.servers"));
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                TopicPartition kept = new TopicPartition("kept", 0);
                consumer.assign(List.of(kept));
                consumer.seekToBeginning(List.of(kept));
                List<String> read = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (read.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(new String(r.value(), UTF_8)));
                }
                assertEquals(List.of("before restart"), read);
            }
        }
        SaslSslDir other = SaslSslDir.openOrCreate(tmp.resolve("restart-other"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmbeddedKafkaBroker.start(0, data, BrokerSecurity.saslSsl(other)));
        assertEquals(String.format("data directory %s was formatted for cluster %s, but the SASL_SSL material in %s is for cluster %s (its SCRAM user is written when a data directory is formatted): use the material this data directory was first started with, or a new data directory",
                data, first.clusterId(), other.dir(), other.clusterId()), e.getMessage());
    }

    /** The producer, the consumer and the admin client each fail with {@code expected} within {@link #FAST}. */
    private static void assertRefusedFast(Properties p, Class<? extends Exception> expected, String reason) throws Exception {
        List<String> timings = new ArrayList<>();
        long start = System.nanoTime();
        String producerReason;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            Exception e = assertThrows(Exception.class,
                    () -> producer.send(new ProducerRecord<>("refused", bytes("x"))).get(FAST.toSeconds(), TimeUnit.SECONDS));
            producerReason = assertOneLineCause(e, expected, reason);
        }
        timings.add(elapsed("producer", start));
        start = System.nanoTime();
        Properties c = copy(p);
        c.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "refused");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("refused"));
            Exception e = assertThrows(Exception.class, () -> {
                long deadline = System.nanoTime() + FAST.toNanos();
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500));
                }
            });
            assertOneLineCause(e, expected, reason);
        }
        timings.add(elapsed("consumer", start));
        start = System.nanoTime();
        try (Admin admin = Admin.create(p)) {
            Exception e = assertThrows(Exception.class, () -> admin.listTopics().names().get(FAST.toSeconds(), TimeUnit.SECONDS));
            assertOneLineCause(e, expected, reason);
        }
        timings.add(elapsed("admin", start));
        System.out.printf("%s refused: %s; %s%n", expected.getSimpleName(), timings, producerReason);
    }

    /** Asserts the cause's type and the one-line reason {@link AuthenticationFailures} gives; returns the reason. */
    private static String assertOneLineCause(Exception thrown, Class<? extends Exception> expected, String reason) {
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertInstanceOf(expected, cause, () -> String.format("thrown: %s", thrown));
        assertEquals(Optional.of(reason), AuthenticationFailures.reason(thrown));
        assertFalse(cause.getMessage().contains("\n"), cause.getMessage());
        return reason;
    }

    private static String elapsed(String client, long startNanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        assertTrue(ms < FAST.toMillis(), () -> String.format("%s took %d ms", client, ms));
        return String.format("%s %d ms", client, ms);
    }

    /** A client without SCRAM credentials gets no metadata: the send times out and nothing is written. */
    private static void assertNoMetadata(Properties p) {
        Properties q = copy(p);
        q.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(q, new ByteArraySerializer(), new ByteArraySerializer())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("unauthenticated", bytes("x"))).get(30, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, e.getCause(), e::toString);
            assertEquals(Optional.empty(), AuthenticationFailures.reason(e), "a refused connection is not an authentication failure");
        }
    }

    private static Properties clientProperties() throws Exception {
        return readProperties(material.dir().resolve(SaslSslDir.CLIENT_PROPERTIES));
    }

    private static Properties readProperties(Path file) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private static Properties copy(Properties p) {
        Properties q = new Properties();
        q.putAll(p);
        return q;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
