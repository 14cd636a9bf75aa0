package dev.streamscore.job.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job's score, dead-letter and evaluation topics from the beginning with
 * {@code read_committed} (only outputs of committed transactions: what a consumer downstream of an
 * exactly-once job sees). Each score and dead letter goes to the {@link ScoreTracker}, stamped with
 * the time it was read, each evaluation record to the {@link JobEvaluations}; an output it cannot
 * read is unexpected.
 */
final class OutputReader implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ScoreTracker tracker;
    private final JobEvaluations evaluations;

    OutputReader(String bootstrapServers, ScoreTracker tracker, JobEvaluations evaluations) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "streamscore-demo-reader"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.tracker = tracker;
        this.evaluations = evaluations;
        List<TopicPartition> partitions = Stream.of(DemoCluster.SCORES, DemoCluster.DEAD_LETTERS, DemoCluster.EVALUATIONS)
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has come, waiting up to {@code timeout} when nothing has. */
    void poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> polled;
        try {
            polled = consumer.poll(timeout);
        } catch (KafkaException e) {
            throw new IllegalStateException(String.format("reading the outputs failed: %s", e.getMessage()), e);
        }
        long now = System.currentTimeMillis();
        polled.forEach(r -> read(r, now, tracker, evaluations));
    }

    /** Hands one output read at {@code atMillis} on to {@code tracker} (scores, dead letters) or {@code evaluations}. */
    static void read(ConsumerRecord<byte[], byte[]> r, long atMillis, ScoreTracker tracker, JobEvaluations evaluations) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        try {
            Fields output = Fields.of(r.value());
            switch (r.topic()) {
                case DemoCluster.SCORES -> tracker.scored(key, (int) output.integer("predicted", 0, Integer.MAX_VALUE),
                        output.number("loss"), output.text("model"), atMillis);
                case DemoCluster.EVALUATIONS -> evaluations.add(JobEvaluations.Evaluation.read(output));
                default -> tracker.deadLettered(key, output.text("error"), atMillis);
            }
        } catch (IOException e) {
            tracker.unexpected(String.format("%s@%d:%d (key %s): %s",
                    r.topic(), r.partition(), r.offset(), key, e.getMessage()));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /**
     * The top-level scalar fields of a JSON object (nested arrays and objects are skipped), read by
     * typed getters whose errors name the field, the expectation and the value.
     */
    record Fields(Map<String, Object> values) {
        /** @throws IOException when {@code value} is null or not a JSON object */
        static Fields of(byte[] value) throws IOException {
            if (value == null) {
                throw new IOException("value: null, expected a JSON object");
            }
            Map<String, Object> values = new HashMap<>();
            try (JsonParser p = JSON.createParser(value)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("value: not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (t.isStructStart()) {
                        p.skipChildren();
                        continue;
                    }
                    values.put(name, switch (t) {
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
                        case VALUE_STRING -> p.getText();
                        case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                        default -> null;
                    });
                }
            }
            return new Fields(values);
        }

        String text(String name) throws IOException {
            if (values.get(name) instanceof String s) {
                return s;
            }
            throw new IOException(String.format("%s: expected a string, got %s", name, values.get(name)));
        }

        long integer(String name, long min, long max) throws IOException {
            Object v = values.get(name);
            if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= min
                    && ((Number) v).longValue() <= max) {
                return ((Number) v).longValue();
            }
            throw new IOException(String.format("%s: expected an integer from %d to %d, got %s", name, min, max, v));
        }

        /** NaN when the field is absent or null. */
        double number(String name) throws IOException {
            Object v = values.get(name);
            if (v == null || v instanceof Number) {
                return v == null ? Double.NaN : ((Number) v).doubleValue();
            }
            throw new IOException(String.format("%s: expected a number or null, got %s", name, v));
        }
    }
}
