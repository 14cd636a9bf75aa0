package dev.streamscore.bench.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a job's output topic on a thread of its own from the beginning and, for every record whose
 * timestamp (its input's send time) is at or after a set time, keeps its latency: the wall-clock
 * time of arrival (when {@code poll} returned it) minus that timestamp.
 */
final class LatencyReader implements AutoCloseable {
    /** The latencies kept, ms. */
    record Latencies(long[] values, int count) {
        /** The {@code p}-th percentile (nearest rank), or NaN when none were kept. */
        double percentile(double p) {
            return count == 0 ? Double.NaN : Percentiles.of(p, values, count);
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final long[] latencies;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();
    private volatile long countFrom = Long.MAX_VALUE;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /**
     * @param committed {@code read_committed} (else {@code read_uncommitted})
     * @param capacity  most latencies kept (later ones are counted, not kept)
     */
    LatencyReader(String bootstrap, String topic, boolean committed, int capacity) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, BenchTopics.TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        latencies = new long[capacity];
        thread = new Thread(this::read, "bench-e2e-latency-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    received.incrementAndGet();
                    if (r.timestamp() >= countFrom) {
                        long i = counted.getAndIncrement();
                        if (i < latencies.length) {
                            latencies[(int) i] = now - r.timestamp();
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // stopped
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** From now on, keep the latencies of records timestamped at or after {@code time} (ms since the epoch). */
    void countFrom(long time) {
        countFrom = time;
    }

    /** Output records read so far. */
    long received() {
        check();
        return received.get();
    }

    /** Output records read so far that are timestamped at or after the time set by {@link #countFrom}. */
    long counted() {
        check();
        return counted.get();
    }

    /** Stops reading and returns the latencies kept. */
    Latencies stop() throws InterruptedException {
        close();
        check();
        return new Latencies(latencies, (int) Math.min(counted.get(), latencies.length));
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException(String.format("reading the output failed: %s", failure.getMessage()), failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        // the consumer is single-threaded, and the latencies are safe to read only after the join
        if (thread.isAlive()) {
            throw new IllegalStateException("the output reader did not stop within 10 s of its wake-up");
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
