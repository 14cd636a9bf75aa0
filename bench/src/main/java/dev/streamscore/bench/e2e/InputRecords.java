package dev.streamscore.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The bench's input: the lines of {@code demo/digits.jsonl} (64 pixel features and a label each),
 * repeated as often as needed, each with its own id {@code e2e-N} in place of the file's. Record
 * {@code N} is line {@code N mod lines} of the file.
 */
final class InputRecords {
    private static final String ID_PREFIX = "{\"id\": \"";
    private static final String FEATURES = "\", \"features\": ";

    /** Each line after its id: {@code ", "features": [...], "label": L}}. */
    private final List<byte[]> tails;

    private InputRecords(List<byte[]> tails) {
        this.tails = tails;
    }

    /**
     * Reads a file of lines shaped like {@code demo/digits.jsonl}: {@code {"id": "ID", "features": ...}}.
     *
     * @throws IllegalArgumentException naming the line that does not start so
     */
    static InputRecords read(Path jsonLines) throws IOException {
        List<byte[]> tails = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(jsonLines, StandardCharsets.UTF_8)) {
            number++;
            int features = line.indexOf(FEATURES);
            if (!line.startsWith(ID_PREFIX) || features < 0) {
                throw new IllegalArgumentException(String.format("%s:%d: expected a line starting {\"id\": \"...\","
                        + " \"features\": ..., got '%s'", jsonLines, number, line.substring(0, Math.min(line.length(), 40))));
            }
            tails.add(line.substring(features + 1).getBytes(StandardCharsets.UTF_8));
        }
        if (tails.isEmpty()) {
            throw new IllegalArgumentException(String.format("%s: no records", jsonLines));
        }
        return new InputRecords(tails);
    }

    /** Record {@code n} (any long; line {@code n mod lines}): {@code {"id": "e2e-n", "features": [...], "label": L}} in UTF-8. */
    byte[] record(long n) {
        byte[] head = String.format("{\"id\": \"e2e-%d\"", n).getBytes(StandardCharsets.UTF_8);
        byte[] tail = tails.get((int) Math.floorMod(n, (long) tails.size()));
        byte[] value = new byte[head.length + tail.length];
        System.arraycopy(head, 0, value, 0, head.length);
        System.arraycopy(tail, 0, value, head.length, tail.length);
        return value;
    }

    /** A producer of byte keys and values for the bench's inputs: idempotent, acks=all. */
    static KafkaProducer<byte[], byte[]> producer(String bootstrap, int lingerMs) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Writes records {@code 0..count) to {@code topic}, record N to partition {@code N mod partitions},
     * no key, timestamped when sent; returns once every send is acknowledged.
     *
     * @throws IllegalStateException when a send failed
     */
    void produce(String bootstrap, String topic, int partitions, long count) throws InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, 20)) {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            for (long n = 0; n < count; n++) {
                pending.add(producer.send(new ProducerRecord<>(topic, (int) (n % partitions), null, record(n))));
                if (pending.size() == 10_000) {
                    await(pending);
                }
            }
            await(pending);
        }
    }

    private static void await(List<Future<RecordMetadata>> pending) throws InterruptedException {
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(String.format("producing the input failed: %s", e.getMessage()), e);
        }
        pending.clear();
    }
}
