package dev.streamscore.job.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.KafkaBrokerExtension;
import dev.streamscore.job.testing.KafkaTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process broker: topics with leaders, transactions, auto-created topics (on one broker shared
 * by the class, as the other ITCases use it), and its data directory kept or deleted (own brokers).
 */
class EmbeddedKafkaBrokerITCase {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void createsTopicsWithLeadersAndKeepsEveryRecord() throws Exception {
        assertTrue(KAFKA.bootstrapServers().startsWith("127.0.0.1:"), KAFKA.bootstrapServers());
        KAFKA.createTopics(3, "events");
        try (Admin admin = Admin.create(KAFKA.broker().clientProperties())) {
            TopicDescription d = admin.describeTopics(List.of("events")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("events");
            assertEquals(3, d.partitions().size());
            d.partitions().forEach(p -> assertEquals(1, p.leader().id()));
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(new ProducerRecord<>("events", i % 3, null, bytes("k" + i), bytes("v" + i)));
        }
        KafkaTestClient.produce(KAFKA.bootstrapServers(), records);
        Set<String> values = values(KafkaTestClient.readCommitted(
                KAFKA.bootstrapServers(), "events", 1000, Duration.ofMillis(300), Duration.ofSeconds(30)));
        assertEquals(1000, values.size());
        assertTrue(values.contains("v0") && values.contains("v999"));
    }

    @Test
    void transactionsCommitAndAbortAndTopicsAreAutoCreated() throws Exception {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("auto", bytes("committed"))).get(30, TimeUnit.SECONDS);
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("auto", bytes("aborted"))).get(30, TimeUnit.SECONDS);
            producer.abortTransaction();
        }
        Set<String> values = values(KafkaTestClient.readCommitted(
                KAFKA.bootstrapServers(), "auto", 1, Duration.ofMillis(500), Duration.ofSeconds(30)));
        assertEquals(Set.of("committed"), values);
    }

    @Test
    void givenDataDirIsKeptAndReusedWhileTempDirIsDeleted(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir)) {
            broker.createTopics(1, "kept");
            KafkaTestClient.produce(broker.bootstrapServers(),
                    List.of(new ProducerRecord<>("kept", bytes("before restart"))));
        }
        assertTrue(Files.isDirectory(dir));
        Path temp;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir)) {
            Set<String> values = values(KafkaTestClient.readCommitted(
                    broker.bootstrapServers(), "kept", 1, Duration.ofMillis(200), Duration.ofSeconds(30)));
            assertEquals(Set.of("before restart"), values);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            temp = broker.dataDir();
            assertTrue(Files.isDirectory(temp));
        }
        assertFalse(Files.exists(temp), temp::toString);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static Set<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> out = new TreeSet<>();
        records.forEach(r -> out.add(new String(r.value(), UTF_8)));
        assertEquals(records.size(), out.size(), "duplicate values");
        return out;
    }
}
