package dev.streamscore.job.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.kafka.BrokerSecurity;
import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import dev.streamscore.job.security.SaslSslDir;
import dev.streamscore.job.testing.CliRun;
import dev.streamscore.job.testing.KafkaTestClient;
import dev.streamscore.job.testing.Lines;
import dev.streamscore.job.testing.TestData;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --kafka-config DIR/client.properties} against the broker of {@code broker --sasl-ssl DIR}
 * (SCRAM-SHA-512 over TLS only): the job scores through it with nothing but that file, and a wrong
 * password stops {@code run} within 60 s with one line that names the refusal and not the secret.
 */
class RunCommandSaslSslITCase {
    private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]+)\"");

    @TempDir
    static Path tmp;
    private static EmbeddedKafkaBroker broker;
    private static Path clientFile;
    private static Properties client;

    @BeforeAll
    static void startBroker() throws Exception {
        SaslSslDir material = SaslSslDir.openOrCreate(tmp.resolve("sasl-ssl"));
        broker = EmbeddedKafkaBroker.start(0, null, BrokerSecurity.saslSsl(material));
        clientFile = tmp.resolve("sasl-ssl").resolve(SaslSslDir.CLIENT_PROPERTIES);
        client = read(clientFile);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void scoresThroughTheSecuredBrokerWithTheClientPropertiesAlone() throws Exception {
        broker.createTopics(2, "secured-in");
        List<String> lines = Files.readAllLines(TestData.DIGITS_DATA).subList(0, 300);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : lines) {
            records.add(new ProducerRecord<>("secured-in", null, line.getBytes(UTF_8)));
        }
        KafkaTestClient.produce(client, records);

        CliRun run = CliRun.of("run", "--bootstrap-servers", broker.bootstrapServers(), "--kafka-config", clientFile.toString(),
                "--input-topic", "secured-in", "--output-topic", "secured-out", "--model", TestData.DIGITS_MODEL.toString(),
                "--bounded", "--start-from", "earliest", "--checkpoint-interval-ms", "300");
        assertEquals(0, run.status(), () -> String.format("stdout: %s%nstderr: %s", run.out(), run.err()));
        assertTrue(run.out().endsWith(String.format("streamscore run: done, 300 scored, 0 dead letters%n")), run.out());
        assertSecretNotIn(run);

        Path input = Files.write(tmp.resolve("secured.jsonl"), lines);
        Path expected = tmp.resolve("secured-expected.jsonl");
        CliRun score = CliRun.of("score", "--model", TestData.DIGITS_MODEL.toString(), "--input", input.toString(),
                "--output", expected.toString());
        assertEquals(0, score.status(), score.err());
        List<String> scored = new ArrayList<>();
        for (var r : KafkaTestClient.readCommitted(client, "secured-out", 300, Duration.ofSeconds(1), Duration.ofSeconds(60))) {
            scored.add(new String(r.value(), UTF_8));
        }
        Lines.assertSame(Files.readAllLines(expected).stream().sorted().toList(), scored.stream().sorted().toList(),
                "scores read back through SASL_SSL");
    }

    @Test
    void aWrongPasswordStopsRunWithinAMinuteWithOneLine() throws Exception {
        Properties wrong = new Properties();
        wrong.putAll(client);
        String jaas = wrong.getProperty("sasl.jaas.config");
        wrong.setProperty("sasl.jaas.config", PASSWORD.matcher(jaas).replaceFirst("password=\"not-the-password\""));
        Path wrongFile = tmp.resolve("wrong-password.properties");
        try (Writer w = Files.newBufferedWriter(wrongFile, UTF_8)) {
            wrong.store(w, null);
        }
        long start = System.nanoTime();
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("run",
                "--bootstrap-servers", broker.bootstrapServers(), "--kafka-config", wrongFile.toString(),
                "--input-topic", "secured-in", "--output-topic", "never", "--model", TestData.DIGITS_MODEL.toString(),
                "--bounded", "--start-from", "earliest"));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(1, run.status(), () -> String.format("stdout: %s%nstderr: %s", run.out(), run.err()));
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains(String.format("Kafka at %s refused the job's client: SASL authentication failed",
                broker.bootstrapServers())), run.err());
        assertFalse(run.err().contains("not-the-password"), run.err());
        assertSecretNotIn(run);
        System.out.printf("a wrong password stopped run in %d s: %s", seconds, run.err());
    }

    /** Neither the output nor the errors of {@code run} hold the user's password. */
    private static void assertSecretNotIn(CliRun run) {
        Matcher m = PASSWORD.matcher(client.getProperty("sasl.jaas.config"));
        assertTrue(m.find(), "client.properties names a password");
        String secret = m.group(1);
        assertFalse(run.out().contains(secret), "the password in standard output");
        assertFalse(run.err().contains(secret), "the password in standard error");
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
