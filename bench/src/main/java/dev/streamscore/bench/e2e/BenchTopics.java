package dev.streamscore.bench.e2e;

import dev.streamscore.job.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The bench's topics on the in-process broker: created with a timestamp type and ready to produce
 * to, deleted after use (a run writes ~100 MB), and read back whole.
 */
final class BenchTopics {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrap;

    BenchTopics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    String bootstrap() {
        return bootstrap;
    }

    /**
     * Creates {@code names} with {@code partitions} partitions each and returns once every
     * partition has a leader. With {@code appendTime}, the broker stamps each record with the time
     * it appended it ({@code message.timestamp.type=LogAppendTime}); otherwise records keep the
     * producer's timestamp.
     */
    void create(int partitions, boolean appendTime, String... names) throws InterruptedException, TimeoutException {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1).configs(Map.of("message.timestamp.type",
                    appendTime ? "LogAppendTime" : "CreateTime")));
        }
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Topics.awaitLeaders(admin, Arrays.asList(names), TIMEOUT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(String.format("cannot create %s: %s", Arrays.toString(names),
                    e.getCause().getMessage()), e.getCause());
        }
    }

    /** Deletes {@code names} and their data. */
    void delete(String... names) throws InterruptedException {
        try (Admin admin = admin()) {
            admin.deleteTopics(Arrays.asList(names)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(String.format("cannot delete %s: %s", Arrays.toString(names), e.getMessage()), e);
        }
    }

    /**
     * The broker's append times (ms) of every committed record of {@code topic}, read with a
     * {@code read_committed} consumer up to the last stable offsets, in no particular order.
     *
     * @throws IllegalStateException when the topic does not stamp append times, or it is not read within {@link #TIMEOUT}
     */
    long[] appendTimes(String topic) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long[] times = new long[1 << 16];
            int n = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format("%s not read within %d s (%d records)", topic,
                            TIMEOUT.toSeconds(), n));
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
                        throw new IllegalStateException(String.format("%s has %s timestamps, not LogAppendTime", topic,
                                r.timestampType()));
                    }
                    if (n == times.length) {
                        times = Arrays.copyOf(times, 2 * n);
                    }
                    times[n++] = r.timestamp();
                }
            }
            return Arrays.copyOf(times, n);
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }
}
