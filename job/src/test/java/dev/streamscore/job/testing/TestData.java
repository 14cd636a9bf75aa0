package dev.streamscore.job.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.streamscore.job.demo.DemoRecords;
import dev.streamscore.job.demo.Malformation;
import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Input for the job tests: the bundled digits data set, repeated with unique ids, with records
 * without id, without label and without key, and every 97th record spoiled in one of the ways the
 * demo spoils its records ({@link Malformation}, the kinds in turn, a tombstone among them).
 * {@link #expected} computes what the job must write, offline: the record parser, the engine's
 * {@code Classifier} and the record writer, applied to exactly the records that were produced.
 */
public final class TestData {
    /** The demo model and data, relative to the job module (the tests' working directory). */
    public static final Path DIGITS_MODEL = Path.of("../demo/digits.onnx");
    public static final Path DIGITS_DATA = Path.of("../demo/digits.jsonl");
    private static final Malformation[] KINDS = Malformation.values();

    private TestData() {}

    /** What the job must write: sorted {@code key<TAB>value} lines of the score and dead-letter topics. */
    public record Expected(List<String> scores, List<String> deadLetters) {}

    public static ModelBytes digitsModel() throws IOException {
        return LoadedModel.read(DIGITS_MODEL, 1).bytes();
    }

    /** {@code n} records for {@code topic}, round-robin over {@code partitions} partitions. */
    public static List<ProducerRecord<byte[], byte[]>> digits(String topic, int partitions, int n) throws IOException {
        List<String> lines = Files.readAllLines(DIGITS_DATA);
        List<DemoRecords.Row> rows = DemoRecords.load().rows();
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] key = i % 11 == 0 ? null : String.format("key-%d", i).getBytes(UTF_8);
            byte[] value;
            if (i % 97 == 50) {
                DemoRecords.Row row = rows.get(i % rows.size());
                value = KINDS[(i / 97) % KINDS.length].spoil(String.format("rec-%d", i), row.features(), row.label());
            } else {
                String line = lines.get(i % lines.size());
                line = i % 7 == 0
                        ? line.replaceFirst("\"id\": \"digits-\\d+\", ", "")
                        : line.replaceFirst("\"id\": \"digits-\\d+\"", String.format("\"id\": \"rec-%d\"", i));
                if (i % 5 == 0) {
                    line = line.replaceFirst(", \"label\": \\d+", "");
                }
                value = line.getBytes(UTF_8);
            }
            out.add(new ProducerRecord<>(topic, i % partitions, key, value));
        }
        return out;
    }

    /** The expected output of the job for the records as they were written ({@code meta}: partition and offset). */
    public static Expected expected(ModelBytes model, List<ProducerRecord<byte[], byte[]>> sent, List<RecordMetadata> meta) {
        LoadedModel probe = LoadedModel.load(model, 1);
        RecordParser parser = new RecordParser(probe.inputWidth(), probe.classes());
        List<InputRecord> valid = new ArrayList<>();
        List<byte[]> validKeys = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord<byte[], byte[]> r = sent.get(i);
            RecordMetadata m = meta.get(i);
            ParseResult p = parser.parse(r.value(),
                    RecordId.ofString(String.format("%s-%d-%d", m.topic(), m.partition(), m.offset())),
                    String.format("%s@%d:%d", m.topic(), m.partition(), m.offset()));
            if (p instanceof InputRecord in) {
                valid.add(in);
                validKeys.add(r.key());
            } else {
                dead.add(line(r.key(), RecordWriter.deadLetter((DeadLetter) p, JobOptionsBuilder.DEFAULT_DEAD_LETTER_MAX_RAW_BYTES)));
            }
        }
        List<byte[]> values = TestModels.offlineScores(model, valid);
        List<String> scores = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            scores.add(line(validKeys.get(i), values.get(i)));
        }
        scores.sort(null);
        dead.sort(null);
        return new Expected(scores, dead);
    }

    /** Sorted {@code key<TAB>value} lines of records read back. */
    public static List<String> lines(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add(line(r.key(), r.value())));
        out.sort(null);
        return out;
    }

    private static String line(byte[] key, byte[] value) {
        return String.format("%s\t%s", key == null ? "<no key>" : new String(key, UTF_8), new String(value, UTF_8));
    }
}
