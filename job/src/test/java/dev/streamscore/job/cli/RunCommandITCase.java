package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.testing.CliRun;
import dev.streamscore.job.testing.JsonFields;
import dev.streamscore.job.testing.KafkaBrokerExtension;
import dev.streamscore.job.testing.KafkaTestClient;
import dev.streamscore.job.testing.Lines;
import dev.streamscore.job.testing.RecordingMetricsReporter;
import dev.streamscore.job.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./streamscore run} in this JVM (its own local Flink environment) against the in-process broker. */
class RunCommandITCase {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void boundedRunsScoreEverythingOncePrintASummaryAndContinueWhereTheLastEnded() throws Exception {
        KAFKA.createTopics(3, "run-in");
        List<ProducerRecord<byte[], byte[]>> all = TestData.digits("run-in", 3, 4_000);
        List<RecordMetadata> written = new ArrayList<>(KafkaTestClient.produce(KAFKA.bootstrapServers(), all.subList(0, 3_000)));
        ModelBytes model = TestData.digitsModel();
        TestData.Expected first = TestData.expected(model, all.subList(0, 3_000), written);
        RecordingMetricsReporter.NAMESPACES.clear();

        String stdout = run("--start-from", "earliest", "--kafka.metric.reporters", RecordingMetricsReporter.class.getName());
        assertTrue(stdout.startsWith(String.format("streamscore run: model %s, run-in -> run-out (dead letters -> run-in.dlq),"
                + " delivery exactly-once, group streamscore-run-in, created topics [run-in.dlq, run-out]%n", model.id())), stdout);
        assertTrue(stdout.endsWith(String.format("streamscore run: done, %d scored, %d dead letters%n",
                first.scores().size(), first.deadLetters().size())), stdout);
        assertOutput(first);
        assertEquals(Set.of("kafka.producer", "kafka.consumer", "kafka.admin.client"), RecordingMetricsReporter.NAMESPACES,
                "--kafka.* reached the sinks' producers, the source's consumer and the admin clients");

        written.addAll(KafkaTestClient.produce(KAFKA.bootstrapServers(), all.subList(3_000, 4_000)));
        TestData.Expected both = TestData.expected(model, all, written);
        stdout = run(); // --start-from committed: the offsets the first run committed when it finished
        assertTrue(stdout.endsWith(String.format("streamscore run: done, %d scored, %d dead letters%n",
                both.scores().size() - first.scores().size(), both.deadLetters().size() - first.deadLetters().size())), stdout);
        assertOutput(both);
    }

    /** Runs {@code run --bounded} on run-in → run-out with {@code extra} flags; returns its standard output. */
    private static String run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--input-topic", "run-in", "--output-topic", "run-out", "--model", TestData.DIGITS_MODEL.toString(),
                "--bounded", "--checkpoint-interval-ms", "300", "--parallelism", "2"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args);
        assertEquals(0, run.status(), () -> String.format("stdout: %s%nstderr: %s", run.out(), run.err()));
        return run.out();
    }

    private static void assertOutput(TestData.Expected expected) {
        Lines.assertSame(expected.scores(), TestData.lines(KafkaTestClient.readCommitted(KAFKA.bootstrapServers(),
                "run-out", expected.scores().size(), Duration.ofSeconds(1), Duration.ofSeconds(60))), "scores");
        Lines.assertSame(expected.deadLetters(), TestData.lines(KafkaTestClient.readCommitted(KAFKA.bootstrapServers(),
                "run-in.dlq", expected.deadLetters().size(), Duration.ofMillis(200), Duration.ofSeconds(30))), "dead letters");
    }

    @Test
    void namedFieldEventsScoreAsScoreDoesOnTheFeaturesArray(@TempDir Path tmp) throws Exception {
        KAFKA.createTopics(2, "named-in");
        List<String> events = Files.readAllLines(Path.of("../demo/digits-pixels.jsonl")).subList(0, 400);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String e : events) {
            records.add(new ProducerRecord<>("named-in", null, e.getBytes(StandardCharsets.UTF_8)));
        }
        KafkaTestClient.produce(KAFKA.bootstrapServers(), records);
        String features = IntStream.range(0, 64).mapToObj(i -> "pixels.p" + i).collect(Collectors.joining(","));
        CliRun run = CliRun.of("run", "--bootstrap-servers", KAFKA.bootstrapServers(), "--input-topic", "named-in",
                "--output-topic", "named-out", "--model", TestData.DIGITS_MODEL.toString(), "--features", features,
                "--bounded", "--start-from", "earliest", "--checkpoint-interval-ms", "300");
        assertEquals(0, run.status(), () -> String.format("stdout: %s%nstderr: %s", run.out(), run.err()));

        Path arrays = Files.write(tmp.resolve("arrays.jsonl"), Files.readAllLines(TestData.DIGITS_DATA).subList(0, 400));
        Path expected = tmp.resolve("expected.jsonl");
        CliRun score = CliRun.of("score", "--model", TestData.DIGITS_MODEL.toString(), "--input", arrays.toString(),
                "--output", expected.toString());
        assertEquals(0, score.status(), score.err());
        List<String> scored = new ArrayList<>();
        for (var r : KafkaTestClient.readCommitted(KAFKA.bootstrapServers(), "named-out", 400, Duration.ofSeconds(1),
                Duration.ofSeconds(60))) {
            scored.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        Lines.assertSame(Files.readAllLines(expected).stream().sorted().toList(), scored.stream().sorted().toList(),
                "named-field scores");
    }

    /** The record that once stopped the job for good: 900,000 bytes of 0xFF, whose base64 dead letter would not fit the sink. */
    @Test
    void aPoisonRecordIsADeadLetterThatFitsAndTheRecordsAfterItAreScored() throws Exception {
        KAFKA.createTopics(1, "poison-in");
        List<String> good = Files.readAllLines(TestData.DIGITS_DATA).subList(0, 2);
        byte[] poison = new byte[900_000];
        Arrays.fill(poison, (byte) 0xFF);
        KafkaTestClient.produce(KAFKA.bootstrapServers(), List.of(
                new ProducerRecord<>("poison-in", null, good.get(0).getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>("poison-in", "p".getBytes(StandardCharsets.UTF_8), poison),
                new ProducerRecord<>("poison-in", null, good.get(1).getBytes(StandardCharsets.UTF_8))));
        CliRun run = CliRun.of("run", "--bootstrap-servers", KAFKA.bootstrapServers(), "--input-topic", "poison-in",
                "--output-topic", "poison-out", "--model", TestData.DIGITS_MODEL.toString(), "--bounded",
                "--start-from", "earliest", "--checkpoint-interval-ms", "300");
        assertEquals(0, run.status(), () -> String.format("stdout: %s%nstderr: %s", run.out(), run.err()));
        assertTrue(run.out().endsWith(String.format("streamscore run: done, 2 scored, 1 dead letters%n")), run.out());
        var dead = KafkaTestClient.readCommitted(KAFKA.bootstrapServers(), "poison-in.dlq", 1, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        JsonFields letter = JsonFields.parse(new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertEquals("poison-in@0:1", letter.string("source"));
        assertEquals("true", letter.text("raw_truncated"));
        assertEquals("900000", letter.number("raw_bytes"));
        assertTrue(dead.get(0).value().length < 100_000, () -> String.format("a dead letter of %d bytes", dead.get(0).value().length));
        assertEquals(2, KafkaTestClient.readCommitted(KAFKA.bootstrapServers(), "poison-out", 2, Duration.ofSeconds(1),
                Duration.ofSeconds(30)).size());
    }

    @Test
    void badModelFailsWithTheReasonBeforeTouchingKafka(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("broken.json"), "{\"format\": \"streamscore-model/1\", \"nodes\": [");
        CliRun run = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--input-topic", "a",
                "--output-topic", "b", "--model", bad.toString());
        assertEquals(1, run.status());
        String message = run.err();
        assertTrue(message.startsWith(String.format("streamscore run: cannot load model %s: ", bad)), message);
        assertEquals(1, message.lines().count(), message);
    }
}
