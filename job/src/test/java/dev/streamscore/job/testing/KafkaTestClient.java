package dev.streamscore.job.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain producer and consumer helpers for tests: every send is checked, reads are read_committed. */
public final class KafkaTestClient {
    private KafkaTestClient() {}

    /**
     * Sends every record and waits for every acknowledgement (a failed send fails the test).
     *
     * @return where each record was written, in order
     */
    public static List<RecordMetadata> produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        return produce(plaintext(bootstrap), records);
    }

    /** {@link #produce(String, List)} with these client settings (bootstrap servers, security). */
    public static List<RecordMetadata> produce(Properties client, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> r : records) {
                sent.add(producer.send(r));
            }
            producer.flush();
            List<RecordMetadata> written = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> f : sent) {
                written.add(f.get(60, TimeUnit.SECONDS));
            }
            return written;
        }
    }

    /**
     * Reads a topic from the beginning with {@code read_committed} until {@code expected} records have
     * been read and then for {@code settle} more (to catch duplicates), or until {@code timeout}.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic, int expected,
                                                                     Duration settle, Duration timeout) {
        return readCommitted(plaintext(bootstrap), topic, expected, settle, timeout);
    }

    /** {@link #readCommitted(String, String, int, Duration, Duration)} with these client settings. */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(Properties client, String topic, int expected,
                                                                     Duration settle, Duration timeout) {
        try (CommittedReader reader = new CommittedReader(client, topic)) {
            return reader.readAtLeast(expected, settle, timeout);
        }
    }

    /** The settings of a client of a plaintext broker: only where it is. */
    static Properties plaintext(String bootstrap) {
        Properties p = new Properties();
        p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
