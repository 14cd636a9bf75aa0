package dev.streamscore.job.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the score, dead-letter and evaluation topics from the beginning with {@code read_committed}
 * (so only outputs of committed transactions: what a downstream consumer of an exactly-once job
 * sees), hands each score and dead letter to the {@link ScoreTracker}, stamped with the time it was
 * read, and each evaluation record to the {@link JobEvaluations}. Runs on its own thread until
 * {@link #close()}; an output it cannot read counts as unexpected.
 */
final class OutputConsumer implements Runnable, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String scoresTopic;
    private final String evalTopic;
    private final ScoreTracker tracker;
    private final JobEvaluations evaluations;
    private final Thread thread;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private boolean started;

    OutputConsumer(String bootstrapServers, String scoresTopic, String deadLetterTopic, String evalTopic,
                   ScoreTracker tracker, JobEvaluations evaluations) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "streamscore-demo-reader");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.scoresTopic = scoresTopic;
        this.evalTopic = evalTopic;
        this.tracker = tracker;
        this.evaluations = evaluations;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(scoresTopic, deadLetterTopic, evalTopic)) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this, "streamscore-demo-reader");
        thread.setDaemon(true);
    }

    void start() {
        started = true;
        thread.start();
    }

    /** Why the reader stopped early, if it did. */
    Exception failure() {
        return failure.get();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    handle(r, System.currentTimeMillis());
                }
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                failure.set(e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r, long now) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        try {
            if (r.topic().equals(scoresTopic)) {
                OutputParser.ScoreFields s = OutputParser.score(r.value());
                tracker.scored(key, s.predicted(), s.loss(), s.model(), now);
            } else if (r.topic().equals(evalTopic)) {
                evaluations.add(OutputParser.evaluation(r.value()));
            } else {
                tracker.deadLettered(key, OutputParser.deadLetterError(r.value()), now);
            }
        } catch (IOException e) {
            tracker.unreadable(String.format("%s@%d:%d (key %s): %s", r.topic(), r.partition(), r.offset(), key, e.getMessage()));
        }
    }

    /** Stops reading and waits for the thread to close the consumer. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (!started) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        thread.join(10_000);
    }
}
