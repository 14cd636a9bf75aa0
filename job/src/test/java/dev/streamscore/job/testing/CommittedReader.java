package dev.streamscore.job.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows one topic with a {@code read_committed} consumer from the beginning of every partition,
 * keeping everything it has read, for tests that wait for a job's committed output to reach a state.
 */
public final class CommittedReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();

    public CommittedReader(String bootstrap, String topic) {
        this(KafkaTestClient.plaintext(bootstrap), topic);
    }

    /** A reader with these client settings (bootstrap servers, security) added to its own. */
    public CommittedReader(Properties client, String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Reads until everything read so far satisfies {@code done}.
     *
     * @return everything read so far
     * @throws AssertionError naming {@code what} when {@code timeout} passes first
     */
    public List<ConsumerRecord<byte[], byte[]>> awaitUntil(Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                           Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(read)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(String.format("%s: not reached within %d s (%d records read)",
                        what, timeout.toSeconds(), read.size()));
            }
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(read);
    }

    /**
     * Reads until at least {@code n} records have been read, then for {@code settle} more (to catch
     * duplicates), all within {@code timeout}.
     *
     * @return everything read so far: fewer than {@code n} records when {@code timeout} passed first
     */
    public List<ConsumerRecord<byte[], byte[]>> readAtLeast(int n, Duration settle, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read.size() < n && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        long settled = Math.min(deadline, System.nanoTime() + settle.toNanos());
        while (read.size() >= n && System.nanoTime() < settled) {
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(read);
    }

    /** Keeps reading for {@code duration} (to catch records that should not come) and returns everything read. */
    public List<ConsumerRecord<byte[], byte[]>> readFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(read);
    }

    private void poll(Duration d) {
        consumer.poll(d).forEach(read::add);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
