package dev.streamscore.sql.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import dev.streamscore.sql.testing.Json;
import dev.streamscore.sql.testing.OfflineScores;
import dev.streamscore.sql.testing.SqlRun;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka in, ML_PREDICT, Kafka out, through {@code streamscore sql} with the real Kafka server in this
 * JVM: events with nested named fields (flattened by a view), an exactly-once Kafka sink with
 * checkpoints, read back {@code read_committed} and compared with {@code ./streamscore score}.
 */
class KafkaSqlITCase {
    private static final int RECORDS = 300;
    private static EmbeddedKafkaBroker broker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopics(2, "events", "scores");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** What is wrong with event r, if anything: every 50 records, one of each kind. */
    private enum Defect { NONE, SHORT_ARRAY, NULL_PIXEL, BAD_LABEL, NO_LABEL }

    private static Defect defect(int r) {
        return switch (r % 50) {
            case 7 -> Defect.SHORT_ARRAY;
            case 21 -> Defect.NULL_PIXEL;
            case 33 -> Defect.BAD_LABEL;
            case 41 -> Defect.NO_LABEL;
            default -> Defect.NONE;
        };
    }

    /** {@code {"id", "label", "image": {"p0".."p7": first row of pixels, "rest": [56 pixels]}, "source"}}. */
    private static String event(String id, double[] x, int label, Defect defect) {
        String pixels = IntStream.range(0, 8)
                .mapToObj(i -> String.format("\"p%d\": %s", i, defect == Defect.NULL_PIXEL && i == 3 ? "null" : Double.toString(x[i])))
                .collect(Collectors.joining(", "));
        int restEnd = defect == Defect.SHORT_ARRAY ? 63 : 64;
        String rest = IntStream.range(8, restEnd).mapToObj(i -> Double.toString(x[i])).collect(Collectors.joining(", "));
        String labelValue = defect == Defect.NO_LABEL ? "null" : Integer.toString(defect == Defect.BAD_LABEL ? 12 : label);
        return String.format("{\"id\": \"%s\", \"label\": %s, \"image\": {%s, \"rest\": [%s]}, \"source\": \"it\"}",
                id, labelValue, pixels, rest);
    }

    @Test
    void scoresKafkaEventsExactlyOnceWithTheBitsOfScore() throws Exception {
        List<String> digits = Files.readAllLines(Path.of("demo/digits.jsonl"), StandardCharsets.UTF_8).subList(0, RECORDS);
        List<String> offlineInput = new ArrayList<>();
        Map<String, Defect> defects = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int r = 0; r < RECORDS; r++) {
                JsonNode record = Json.parse(digits.get(r));
                String id = record.get("id").asText();
                Defect defect = defect(r);
                defects.put(id, defect);
                double[] x = Json.doubles(record.get("features"));
                sent.add(producer.send(new ProducerRecord<>("events", id, event(id, x, record.get("label").asInt(), defect))));
                if (defect == Defect.NONE) {
                    offlineInput.add(digits.get(r));
                } else if (defect == Defect.NO_LABEL) {
                    offlineInput.add(String.format("{\"id\": \"%s\", \"features\": %s}", id, record.get("features")));
                }
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        Path offlineFile = dir.resolve("offline.jsonl");
        Files.write(offlineFile, offlineInput, StandardCharsets.UTF_8);
        Map<String, JsonNode> expected = OfflineScores.score(Path.of("demo/digits.onnx"), offlineFile, dir);

        Path sql = dir.resolve("kafka.sql");
        String template;
        try (InputStream in = KafkaSqlITCase.class.getResourceAsStream("/kafka-digits.sql")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(sql, template.replace("${bootstrap}", broker.bootstrapServers()), StandardCharsets.UTF_8);
        SqlRun run = SqlRun.of("--file", sql.toString(), "--parallelism", "2");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains(" finished"), run.err());

        List<ConsumerRecord<String, String>> committed = readCommitted("scores");
        assertEquals(RECORDS, committed.size());
        Map<String, JsonNode> byId = new HashMap<>();
        for (ConsumerRecord<String, String> c : committed) {
            JsonNode out = Json.parse(c.value());
            assertEquals(null, byId.put(out.get("id").asText(), out), String.format("%s written twice", out.get("id")));
        }
        assertEquals(defects.keySet(), byId.keySet());
        for (Map.Entry<String, JsonNode> e : byId.entrySet()) {
            JsonNode out = e.getValue();
            Defect defect = defects.get(e.getKey());
            if (defect == Defect.NONE || defect == Defect.NO_LABEL) {
                JsonNode score = expected.get(e.getKey());
                assertEquals(score.get("predicted").asInt(), out.get("predicted").asInt());
                assertEquals(score.get("model").asText(), out.get("model").asText());
                for (int j = 0; j < 10; j++) {
                    assertEquals(Double.doubleToLongBits(score.get("probabilities").get(j).asDouble()),
                            Double.doubleToLongBits(out.get("probabilities").get(j).asDouble()), e.getKey());
                }
                if (defect == Defect.NONE) {
                    assertEquals(Double.doubleToLongBits(score.get("loss").asDouble()),
                            Double.doubleToLongBits(out.get("loss").asDouble()), e.getKey());
                } else {
                    assertTrue(out.get("loss").isNull(), out.toString());
                }
            } else {
                for (String field : List.of("predicted", "loss", "probabilities", "model")) {
                    assertTrue(out.get(field).isNull(), String.format("%s of %s (%s)", field, out, defect));
                }
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Everything committed to {@code topic}: read with read_committed up to the last stable offsets. */
    private static List<ConsumerRecord<String, String>> readCommitted(String topic) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(String.format("%s: not read to %s within 60 s", topic, end));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }
}
