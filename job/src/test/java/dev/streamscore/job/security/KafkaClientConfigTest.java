package dev.streamscore.job.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {
    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"s3cr3t-Pw\";";

    @TempDir
    Path tmp;

    @Test
    void theFlagsWinOverTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("client.properties"), String.join("\n",
                "# a comment",
                "security.protocol=SASL_SSL",
                "sasl.mechanism = SCRAM-SHA-512",
                "acks: 1",
                "ssl.truststore.location=/tmp/trust\\u00e9.p12",
                ""));
        KafkaClientConfig c = KafkaClientConfig.of(file, Map.of("acks", "all", "linger.ms", "5"));
        assertEquals(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "acks", "all",
                "linger.ms", "5",
                "ssl.truststore.location", "/tmp/trusté.p12"), c.settings());
        Properties p = c.toProperties();
        assertEquals("all", p.getProperty("acks"));
        assertEquals(5, p.size());
    }

    @Test
    void withoutAFileTheFlagsAreTheSettings() {
        assertEquals(Map.of("acks", "all"), KafkaClientConfig.of(null, Map.of("acks", "all")).settings());
    }

    @Test
    void secretsAreMaskedInToStringAndMaskedAndScrubbedFromMessages() throws Exception {
        Path file = Files.writeString(tmp.resolve("c.properties"), String.join("\n",
                "security.protocol=SASL_SSL",
                String.format("sasl.jaas.config=%s", JAAS.replace("\"", "\\\"")),
                "ssl.truststore.password=trustpw123",
                "ssl.key.password=keypw456",
                ""));
        KafkaClientConfig c = KafkaClientConfig.of(file, Map.of("ssl.keystore.password", "storepw789", "key.serializer", "x.Y"));
        assertEquals(JAAS, c.settings().get("sasl.jaas.config"));
        assertEquals(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "[hidden]",
                "ssl.truststore.password", "[hidden]",
                "ssl.key.password", "[hidden]",
                "ssl.keystore.password", "[hidden]",
                "key.serializer", "x.Y"), c.masked());
        String shown = c.toString();
        for (String secret : List.of("s3cr3t-Pw", "trustpw123", "keypw456", "storepw789", "ScramLoginModule")) {
            assertFalse(shown.contains(secret), shown);
        }
        assertTrue(shown.contains("security.protocol=SASL_SSL"), shown);
        assertEquals("login as alice with [hidden] failed; config [hidden]; store [hidden]",
                c.scrub(String.format("login as alice with s3cr3t-Pw failed; config %s; store storepw789", JAAS)));
        assertEquals("no secret here", c.scrub("no secret here"));
    }

    @Test
    void secretNamesFollowKafkaPasswordsAndTheNameRules() {
        for (String name : List.of("ssl.key.password", "ssl.keystore.password", "ssl.truststore.password",
                "ssl.keystore.key", "ssl.keystore.certificate.chain", "ssl.truststore.certificates", "sasl.jaas.config",
                "sasl.oauthbearer.client.credentials.client.secret", "sasl.oauthbearer.assertion.private.key.passphrase",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", "SSL.KEY.PASSWORD", "basic.auth.user.info",
                "my.plugin.api.key", "sasl.oauthbearer.assertion.private.key.file")) {
            assertTrue(SecretMask.isSecret(name), name);
        }
        for (String name : List.of("key.serializer", "key.deserializer", "bootstrap.servers", "security.protocol",
                "sasl.mechanism", "ssl.truststore.location", "ssl.keystore.type", "ssl.keymanager.algorithm",
                "sasl.oauthbearer.client.credentials.client.id", "partitioner.ignore.keys")) {
            assertFalse(SecretMask.isSecret(name), name);
        }
    }

    @Test
    void maskKeepsTheOrderAndScrubHidesTheLongerSecretWhole() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("b.password", "abc");
        s.put("a.secret", "abcdef");
        s.put("c", "abc");
        assertEquals(List.of("b.password", "a.secret", "c"), List.copyOf(SecretMask.mask(s).keySet()));
        assertEquals("x [hidden] y [hidden]", SecretMask.scrub("x abcdef y abc", s));
        assertEquals("", SecretMask.scrub("", s));
    }

    @Test
    void aMissingFileIsAOneLineError() {
        Path missing = tmp.resolve("nope.properties");
        assertError(String.format("--kafka-config %s: no such file", missing), missing);
    }

    @Test
    void aDirectoryIsAOneLineError() {
        assertError(String.format("--kafka-config %s: is a directory, expected a properties file", tmp), tmp);
    }

    @Test
    void anUnreadableFileIsAOneLineError() throws Exception {
        Path file = Files.writeString(tmp.resolve("secret.properties"), "a=b\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file), "running as a user who reads any file (root)");
        assertError(String.format("--kafka-config %s: not readable (permission denied)", file), file);
    }

    @Test
    void aMalformedOrHugeFileIsAOneLineError() throws Exception {
        Path bad = Files.write(tmp.resolve("bad.properties"), "a=\\u00zz\n".getBytes(StandardCharsets.ISO_8859_1));
        assertError(String.format("--kafka-config %s: not a properties file: Malformed \\uxxxx encoding.", bad), bad);
        Path huge = Files.write(tmp.resolve("huge.properties"), new byte[KafkaClientConfig.MAX_FILE_BYTES + 1]);
        assertError(String.format("--kafka-config %s: larger than 1048576 bytes, not a client properties file", huge), huge);
        assertError("--kafka-config: expected a properties file, got ''", Path.of(""));
    }

    private static void assertError(String expected, Path file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaClientConfig.of(file, Map.of()));
        assertEquals(expected, e.getMessage());
    }
}
