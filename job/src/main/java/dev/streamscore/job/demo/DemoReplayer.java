package dev.streamscore.job.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the demo records to the input topic with a plain idempotent {@link KafkaProducer}
 * ({@code acks=all}), every send checked by its callback. Record 0 goes alone; the replay proper
 * starts once the job's first output has come back (so that the latency figures measure the running
 * job, not its start-up), paced at {@code rate} records per second (0: as fast as the producer takes
 * them). The demo's loop calls {@link #sendDue} between reads; each record's timestamp is the time
 * it was sent, as told to the tracker.
 */
final class DemoReplayer implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Sends per call at most, so that the loop reads outputs between sends at full speed too. */
    private static final int BURST = 500;

    private final KafkaProducer<byte[], byte[]> producer;
    private final DemoRecords records;
    private final int count;
    private final int rate;
    private final ScoreTracker tracker;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile long lastAckNanos;
    private int next;
    private long firstSentNanos;
    private boolean replaying;
    private long replayStartNanos;

    /** @param rate records per second, 0 for as fast as possible */
    DemoReplayer(String bootstrapServers, DemoRecords records, int count, int rate, ScoreTracker tracker) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "2", ProducerConfig.CLIENT_ID_CONFIG, "streamscore-demo-replayer"),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.records = records;
        this.count = count;
        this.rate = rate;
        this.tracker = tracker;
    }

    /**
     * Sends the records due at {@code nowNanos}.
     *
     * @throws Exception why a send failed, or that the job wrote no output within {@link #START_TIMEOUT} of the first record
     */
    void sendDue(long nowNanos) throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw e;
        }
        if (next == 0) {
            firstSentNanos = nowNanos;
            send(next++);
        } else if (!replaying && tracker.returned() > 0) {
            replaying = true;
            replayStartNanos = nowNanos;
        } else if (!replaying && nowNanos - firstSentNanos > START_TIMEOUT.toNanos()) {
            throw new IllegalStateException(String.format(
                    "the job wrote no output within %d s of the first record", START_TIMEOUT.toSeconds()));
        }
        if (replaying) {
            long due = rate == 0 ? count : 1 + (long) ((nowNanos - replayStartNanos) / 1e9 * rate);
            for (long last = Math.min(Math.min(due, count), next + (long) BURST); next < last; ) {
                send(next++);
            }
        }
    }

    /** True once every record was sent and acknowledged. */
    boolean finished() {
        return acknowledged.get() == count;
    }

    /** Seconds from the start of the replay proper to the latest acknowledgement. */
    double seconds() {
        return replaying ? Math.max(0, lastAckNanos - replayStartNanos) / 1e9 : 0;
    }

    private void send(int seq) {
        DemoRecords.Record r = records.record(seq);
        long now = System.currentTimeMillis();
        tracker.sent(seq, r.label(), r.malformation(), now);
        byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(DemoCluster.EVENTS, null, now, key, r.value()), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, new IllegalStateException(
                        String.format("sending %s failed: %s", r.key(), e.getMessage()), e));
            } else {
                lastAckNanos = System.nanoTime();
                acknowledged.incrementAndGet();
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
