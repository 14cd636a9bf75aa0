package dev.streamscore.job.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobOptionsTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path aFile;

    @BeforeAll
    static void files() throws IOException {
        model = Files.writeString(tmp.resolve("m.json"), "{}");
        aFile = Files.writeString(tmp.resolve("file"), "x");
    }

    private static List<String> required(String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", "127.0.0.1:9092", "--input-topic", "events",
                "--output-topic", "scores", "--model", model.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static JobOptions parse(List<String> args) {
        return JobFlags.parse(args).orElseThrow();
    }

    @Test
    void helpIsNotAnError() {
        assertTrue(JobFlags.parse(List.of("--help")).isEmpty());
    }

    @Test
    void equalsFormOfFlags() {
        JobOptions o = parse(required("--batch-size=8", "--kafka.acks=all"));
        assertEquals(8, o.scoring().batchSize());
        assertEquals("all", o.kafkaProperties().getProperty("acks"));
    }

    @Test
    void defaults() {
        JobOptions o = parse(required());
        assertEquals("127.0.0.1:9092", o.bootstrapServers());
        assertEquals("events", o.inputTopic());
        assertEquals("scores", o.outputTopic());
        assertEquals("events.dlq", o.deadLetterTopic());
        assertEquals(model, o.model().orElseThrow());
        assertEquals(new JobOptions.Scoring(256, 20, 1000, 5000, false, 1 << 20, 64 << 10, 512 << 20, null), o.scoring());
        assertEquals(OptionalInt.empty(), o.parallelism());
        assertEquals(1000, o.checkpointIntervalMs());
        assertEquals(JobOptions.Delivery.EXACTLY_ONCE, o.delivery());
        assertEquals("streamscore-events", o.groupId());
        assertEquals(JobOptions.StartFrom.COMMITTED, o.startFrom());
        assertTrue(o.checkpointDir().isEmpty());
        assertFalse(o.bounded());
        assertTrue(o.kafkaProperties().isEmpty());
        assertEquals(600_000, o.transactionTimeoutMs());
        assertEquals("streamscore-events-scores", o.transactionalIdPrefix("scores"));
        assertTrue(o.modelTopic().isEmpty());
        assertTrue(o.modelDeadLetterTopic().isEmpty());
        assertTrue(o.shadowModel().isEmpty());
        assertTrue(o.evalTopic().isEmpty());
    }

    @Test
    void lifecycleFlags() {
        JobOptions o = parse(required("--model-topic", "models", "--shadow-model", model.toString(),
                "--eval-window", "200", "--eval-interval-ms", "750", "--eval-topic", "evals"));
        assertEquals("models", o.modelTopic().orElseThrow());
        assertEquals("models.dlq", o.modelDeadLetterTopic().orElseThrow());
        assertEquals(model, o.shadowModel().orElseThrow());
        assertEquals("evals", o.evalTopic().orElseThrow());
        assertEquals(new JobOptions.Scoring(256, 20, 200, 750, true, 1 << 20, 64 << 10, 512 << 20, null), o.scoring());
        assertTrue(JobFlags.usage().contains("[--model-topic T] [--shadow-model FILE] [--eval-window N]"
                + " [--eval-interval-ms MS] [--eval-topic T]"));
    }

    @Test
    void everyFlag() {
        JobOptions o = parse(required("--dead-letter-topic", "bad", "--batch-size", "64",
                "--batch-timeout-ms", "0", "--parallelism", "3", "--checkpoint-interval-ms", "500",
                "--delivery", "at-least-once", "--group-id", "g1", "--start-from", "latest",
                "--checkpoint-dir", tmp.resolve("ckpt").toString(), "--bounded",
                "--kafka.security.protocol", "SASL_SSL", "--kafka.transaction.timeout.ms", "120000"));
        assertEquals("bad", o.deadLetterTopic());
        assertEquals(new JobOptions.Scoring(64, 0, 1000, 5000, false, 1 << 20, 64 << 10, 512 << 20, null), o.scoring());
        assertEquals(OptionalInt.of(3), o.parallelism());
        assertEquals(500, o.checkpointIntervalMs());
        assertEquals(JobOptions.Delivery.AT_LEAST_ONCE, o.delivery());
        assertEquals("g1", o.groupId());
        assertEquals(JobOptions.StartFrom.LATEST, o.startFrom());
        assertEquals(tmp.resolve("ckpt"), o.checkpointDir().orElseThrow());
        assertTrue(o.bounded());
        assertEquals("SASL_SSL", o.kafkaProperties().getProperty("security.protocol"));
        assertEquals(120_000, o.transactionTimeoutMs());
        assertEquals("g1-bad", o.transactionalIdPrefix("bad"));
    }

    @Test
    void defaultTransactionTimeoutCoversALongCheckpointInterval() {
        JobOptions o = parse(required("--checkpoint-interval-ms", "900000"));
        assertEquals(900_000 + KafkaSettings.RESTART_ALLOWANCE_MS, o.transactionTimeoutMs());
    }

    @Test
    void shortTransactionTimeoutIsFineForAtLeastOnce() {
        JobOptions o = parse(required("--delivery", "at-least-once", "--kafka.transaction.timeout.ms", "5000"));
        assertEquals(5000, o.transactionTimeoutMs());
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--input-topic", "e", "--output-topic", "s", "--model", "m"), "missing required flag --bootstrap-servers"),
                Arguments.of(args("--input-topic"), "missing required flag --input-topic"),
                Arguments.of(args("--output-topic"), "missing required flag --output-topic"),
                Arguments.of(without(required(), "--model"), "missing required flag --model"),
                Arguments.of(required("--delivery", "twice"), "--delivery: expected exactly-once or at-least-once, got 'twice'"),
                Arguments.of(required("--start-from", "yesterday"), "--start-from: expected earliest, latest or committed, got 'yesterday'"),
                Arguments.of(required("--batch-size", "0"), "--batch-size: expected an integer >= 1, got '0'"),
                Arguments.of(required("--batch-size", "many"), "--batch-size: expected an integer >= 1, got 'many'"),
                Arguments.of(required("--batch-size", "99999999999"), "--batch-size: expected an integer >= 1, got '99999999999'"),
                Arguments.of(required("--batch-timeout-ms", "-1"), "--batch-timeout-ms: expected an integer >= 0, got '-1'"),
                Arguments.of(required("--parallelism", "0"), "--parallelism: expected an integer >= 1, got '0'"),
                Arguments.of(required("--checkpoint-interval-ms", "5"), "--checkpoint-interval-ms: expected an integer >= 10, got '5'"),
                Arguments.of(required("--batch-size"), "--batch-size needs a value"),
                Arguments.of(required("--group-id", "--bounded"), "--group-id needs a value"),
                Arguments.of(required("--bounded", "--bounded"), "--bounded given more than once"),
                Arguments.of(required("--batch-size", "1", "--batch-size", "2"), "--batch-size given more than once"),
                Arguments.of(required("extra"), "unexpected argument 'extra'; valid flags are --bootstrap-servers,"),
                Arguments.of(required("--colour", "red"), "unknown flag --colour; valid flags are --bootstrap-servers,"),
                Arguments.of(required("--bootstrap-servers", "x"), "--bootstrap-servers given more than once"),
                Arguments.of(replace(required(), "127.0.0.1:9092", "localhost"), "--bootstrap-servers: expected HOST:PORT[,HOST:PORT...], got 'localhost'"),
                Arguments.of(replace(required(), "events", "bad topic"), "--input-topic: 'bad topic' is not a valid Kafka topic name"),
                Arguments.of(replace(required(), "scores", "events"), "input, output and dead-letter topics must differ, got 'events', 'events' and 'events.dlq'"),
                Arguments.of(required("--dead-letter-topic", "scores"), "input, output and dead-letter topics must differ"),
                Arguments.of(required("--dead-letter-topic", "a/b"), "--dead-letter-topic: 'a/b' is not a valid Kafka topic name"),
                Arguments.of(replace(required(), model.toString(), tmp.resolve("none.onnx").toString()), "--model: no such file"),
                Arguments.of(required("--checkpoint-dir", aFile.toString()), "--checkpoint-dir: '" + aFile + "' exists and is not a directory"),
                Arguments.of(required("--group-id", " "), "--group-id: must not be empty"),
                Arguments.of(required("--kafka.bootstrap.servers", "h:1"), "--kafka.bootstrap.servers: set it with --bootstrap-servers"),
                Arguments.of(required("--kafka.group.id", "g"), "--kafka.group.id: set it with --group-id"),
                Arguments.of(required("--kafka.", "v"), "unknown flag --kafka.; valid flags are"),
                Arguments.of(required("--kafka.acks"), "--kafka.acks needs a value"),
                Arguments.of(required("--kafka.transaction.timeout.ms", "soon"), "--kafka.transaction.timeout.ms: expected a number of milliseconds, got 'soon'"),
                Arguments.of(required("--model-topic", "m/x"), "--model-topic: 'm/x' is not a valid Kafka topic name"),
                Arguments.of(required("--eval-topic", "a b"), "--eval-topic: 'a b' is not a valid Kafka topic name"),
                Arguments.of(required("--model-topic", "events"),
                        "input, output, dead-letter, model, model dead-letter and eval topics must differ, got [events, scores,"
                                + " events.dlq, events, events.dlq]"),
                Arguments.of(required("--model-topic", "scores.x", "--dead-letter-topic", "scores.x.dlq"),
                        "input, output, dead-letter, model, model dead-letter and eval topics must differ"),
                Arguments.of(required("--eval-topic", "scores"),
                        "input, output, dead-letter, model, model dead-letter and eval topics must differ"),
                Arguments.of(required("--shadow-model", tmp.resolve("none.json").toString()), "--shadow-model: no such file"),
                Arguments.of(required("--eval-window", "0"), "--eval-window: expected an integer >= 1, got '0'"),
                Arguments.of(required("--eval-interval-ms", "0"), "--eval-interval-ms: expected an integer >= 1, got '0'"),
                Arguments.of(required("--eval-interval-ms", "soon"), "--eval-interval-ms: expected an integer >= 1, got 'soon'"),
                Arguments.of(required("--kafka.transaction.timeout.ms", "30000"),
                        "--kafka.transaction.timeout.ms: 30000 ms is too short for exactly-once delivery"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badFlagIsAUsageErrorNamingIt(List<String> args, String expected) {
        UsageException e = assertThrows(UsageException.class, () -> JobFlags.parse(args));

        assertTrue(e.getMessage().startsWith(expected), () -> String.format("expected '%s...', got '%s'", expected, e.getMessage()));
    }

    @Test
    void builderChecksEvaluationSettingsAsParseDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobOptions.builder()
                .bootstrapServers("h:1").inputTopic("in").outputTopic("out").evalWindow(0).build());
        assertEquals("--eval-window: expected an integer >= 1, got '0'", e.getMessage());
    }

    @Test
    void builderChecksAsParseDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobOptions.builder()
                .bootstrapServers("h:1").inputTopic("in").outputTopic("out").batchSize(0).build());
        assertEquals("--batch-size: expected an integer >= 1, got '0'", e.getMessage());
        JobOptions o = JobOptions.builder().bootstrapServers("h:1").inputTopic("in").outputTopic("out").build();
        assertTrue(o.model().isEmpty());
    }

    private static List<String> args(String dropFlag) {
        return without(required(), dropFlag);
    }

    private static List<String> without(List<String> args, String flag) {
        List<String> out = new ArrayList<>(args);
        int i = out.indexOf(flag);
        out.remove(i + 1);
        out.remove(i);
        return out;
    }

    private static List<String> replace(List<String> args, String from, String to) {
        List<String> out = new ArrayList<>(args);
        out.set(out.indexOf(from), to);
        return out;
    }

    /** --kafka-config: the file's settings under the --kafka.* flags; what the job sets itself comes from its own flags. */
    @Test
    void kafkaConfigFileIsMergedUnderTheFlags() throws IOException {
        Path file = Files.writeString(tmp.resolve("client.properties"), String.join("\n",
                "bootstrap.servers=elsewhere:9093", "security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"s3cret\";",
                "acks=1", "transaction.timeout.ms=120000", ""));
        JobOptions o = parse(required("--kafka-config", file.toString(), "--kafka.acks", "all"));
        assertEquals("SASL_SSL", o.kafkaProperties().getProperty("security.protocol"));
        assertEquals("all", o.kafkaProperties().getProperty("acks"), "a flag wins over the file");
        assertNull(o.kafkaProperties().getProperty("bootstrap.servers"), "the job's own --bootstrap-servers decides");
        assertEquals(120_000, o.transactionTimeoutMs(), "the file's transaction timeout counts");
        String leak = String.format("login failed for %s", o.kafkaProperties().getProperty("sasl.jaas.config"));
        assertFalse(o.scrub(leak).contains("s3cret"), o.scrub(leak));
        assertTrue(assertThrows(UsageException.class, () -> parse(required("--kafka-config",
                tmp.resolve("none.properties").toString()))).getMessage().startsWith("--kafka-config "));
    }

    @Test
    void modelSigningKeyIsReadOnceAndChecked() throws IOException {
        Path key = Files.writeString(tmp.resolve("signing.key"), "0123456789abcdef0123456789abcdef\n");
        JobOptions o = parse(required("--model-signing-key", key.toString()));
        assertTrue(o.scoring().modelSigningKey() != null, "carried to the operator");
        Path tooShort = Files.writeString(tmp.resolve("short.key"), "abc");
        assertTrue(assertThrows(UsageException.class, () -> parse(required("--model-signing-key", tooShort.toString())))
                .getMessage().startsWith("--model-signing-key"));
    }

    /** A dead letter repeats at most --dead-letter-max-raw-bytes, escaped at most 6 characters a byte: it must fit a request. */
    @Test
    void deadLettersMustFitTheProducersRequests() {
        assertEquals(64 << 10, parse(required()).scoring().deadLetterMaxRawBytes());
        assertEquals("--dead-letter-max-raw-bytes: 200000 bytes can take up to 6 times as much in a dead letter;"
                        + " with max.request.size 1048576, at most 174080",
                assertThrows(UsageException.class, () -> parse(required("--dead-letter-max-raw-bytes", "200000")))
                        .getMessage());
        assertEquals(200_000, parse(required("--dead-letter-max-raw-bytes", "200000", "--kafka.max.request.size", "2000000"))
                .scoring().deadLetterMaxRawBytes());
    }
}
