package dev.streamscore.job.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the demo records to the input topic with a plain idempotent {@link KafkaProducer}
 * ({@code acks=all}), every send checked by its callback: the first failure stops the replay and
 * is reported by {@link #failure()}; at the end every send must have been acknowledged.
 *
 * <p>It sends record 0 first and waits (up to {@link #START_TIMEOUT}) for its output to come back,
 * so that the job has started before the replay proper. It then paces the rest at {@code rate}
 * records per second (0: as fast as the producer takes them), sending whatever is due and sleeping
 * a millisecond or so in between. Each record's timestamp is the time it was sent, as told to the tracker.
 */
final class DemoReplayer implements Runnable, AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final DemoRecords records;
    private final int count;
    private final int rate;
    private final ScoreTracker tracker;
    private final Thread thread;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile boolean done;
    private volatile long replayStartNanos;
    private volatile long replayEndNanos;

    DemoReplayer(String bootstrapServers, String topic, DemoRecords records, int count, int rate, ScoreTracker tracker) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "streamscore-demo-replayer");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.records = records;
        this.count = count;
        this.rate = rate;
        this.tracker = tracker;
        this.thread = new Thread(this, "streamscore-demo-replayer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True once every record was sent and acknowledged, or the replay failed or was stopped. */
    boolean finished() {
        return done;
    }

    /** Why the replay stopped, if it failed. */
    Exception failure() {
        return failure.get();
    }

    /** Seconds from the first record after the start-up one to the last acknowledgement (so far). */
    double replaySeconds() {
        long start = replayStartNanos;
        long end = done ? replayEndNanos : System.nanoTime();
        return start == 0 ? 0 : (end - start) / 1e9;
    }

    @Override
    public void run() {
        try {
            send(0);
            producer.flush();
            check();
            awaitFirstOutput();
            replayStartNanos = System.nanoTime();
            int next = 1;
            while (next < count && !stopping) {
                long due = rate == 0 ? count : 1 + (long) ((System.nanoTime() - replayStartNanos) / 1e9 * rate);
                for (; next < Math.min(due, count) && !stopping; next++) {
                    send(next);
                }
                check();
                if (rate != 0 && next < count) {
                    TimeUnit.MICROSECONDS.sleep(Math.max(200, 1_000_000L / rate));
                }
            }
            producer.flush();
            check();
            if (!stopping && acknowledged.get() != count) {
                throw new IllegalStateException(String.format(
                        "%d records sent but %d acknowledged", count, acknowledged.get()));
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        } finally {
            replayEndNanos = System.nanoTime();
            done = true;
        }
    }

    private void send(int seq) {
        DemoRecords.Record r = records.record(seq);
        long now = System.currentTimeMillis();
        tracker.sent(seq, r.label(), r.malformation(), now);
        producer.send(new ProducerRecord<>(topic, null, now, r.key().getBytes(StandardCharsets.UTF_8), r.value()),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, new IllegalStateException(String.format(
                                "sending %s failed: %s", r.key(), e.getMessage()), e));
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
    }

    private void check() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private void awaitFirstOutput() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (tracker.returned() == 0 && !stopping) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(
                        "the job wrote no output within %d s of the first record", START_TIMEOUT.toSeconds()));
            }
            Thread.sleep(10);
        }
    }

    /** Stops sending, waits for the thread, and closes the producer. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (thread.isAlive()) {
            thread.join(30_000);
        }
        producer.close(Duration.ofSeconds(10));
    }
}
