package dev.streamscore.job.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaslSslDirTest {
    @TempDir
    Path tmp;

    @Test
    void generatesTheStoresTheCaPemAndTheSecretsOwnerOnly() throws Exception {
        Path dir = tmp.resolve("new/sasl-ssl");
        SaslSslDir m = SaslSslDir.openOrCreate(dir);
        assertEquals(dir, m.dir());
        assertEquals("streamscore", m.username());
        for (String secret : List.of(m.password(), m.keyStorePassword(), m.trustStorePassword())) {
            assertTrue(secret.matches("[A-Za-z0-9]{32}"), secret);
        }
        assertEquals(22, m.clusterId().length(), m.clusterId());
        assertEquals("rwx------", permissions(dir));
        for (String file : List.of(SaslSslDir.KEY_STORE, SaslSslDir.SECRETS)) {
            assertEquals("rw-------", permissions(dir.resolve(file)), file);
        }
        for (String file : List.of(SaslSslDir.TRUST_STORE, SaslSslDir.CA_PEM)) {
            assertEquals("rw-r--r--", permissions(dir.resolve(file)), file);
        }
        KeyStore trust = load(m.trustStore(), m.trustStorePassword());
        X509Certificate ca = (X509Certificate) trust.getCertificate(trust.aliases().nextElement());
        X509Certificate pem;
        try (InputStream in = Files.newInputStream(dir.resolve(SaslSslDir.CA_PEM))) {
            pem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertEquals(ca, pem);
        assertEquals(String.format("CN=streamscore local CA %s", m.clusterId()), ca.getSubjectX500Principal().getName());
        String pemText = Files.readString(dir.resolve(SaslSslDir.CA_PEM));
        assertTrue(pemText.startsWith("-----BEGIN CERTIFICATE-----\n") && pemText.endsWith("\n-----END CERTIFICATE-----\n"), pemText);
        KeyStore keys = load(m.keyStore(), m.keyStorePassword());
        X509Certificate server = (X509Certificate) keys.getCertificate("broker");
        server.verify(ca.getPublicKey());
        assertEquals(2, keys.getCertificateChain("broker").length);
        assertTrue(keys.isKeyEntry("broker"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temporary files left");
        }
    }

    @Test
    void clientPropertiesHoldTheBootstrapServersAndTheSecuritySettings() throws Exception {
        SaslSslDir m = SaslSslDir.openOrCreate(tmp.resolve("d"));
        Path file = m.writeClientProperties("127.0.0.1:19093");
        assertEquals(m.dir().resolve(SaslSslDir.CLIENT_PROPERTIES), file);
        assertEquals("rw-------", permissions(file));
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        assertEquals(Map.of(
                "bootstrap.servers", "127.0.0.1:19093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", String.format(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"streamscore\" password=\"%s\";", m.password()),
                "ssl.truststore.location", m.trustStore().toString(),
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", m.trustStorePassword()), Map.copyOf(toMap(p)));
        assertTrue(m.trustStore().isAbsolute());
        assertFalse(m.toString().contains(m.password()), m::toString);
    }

    @Test
    void pathsWithSpacesBackslashesAndNonAsciiSurviveThePropertiesFile() throws Exception {
        SaslSslDir m = SaslSslDir.openOrCreate(tmp.resolve("a dir\\with é"));
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(m.writeClientProperties("127.0.0.1:1"))) {
            p.load(in);
        }
        assertEquals(m.trustStore().toString(), p.getProperty("ssl.truststore.location"));
    }

    @Test
    void anExistingDirectoryIsReusedAsItIs() throws Exception {
        Path dir = tmp.resolve("d");
        SaslSslDir first = SaslSslDir.openOrCreate(dir);
        byte[] keyStore = Files.readAllBytes(first.keyStore());
        byte[] caPem = Files.readAllBytes(dir.resolve(SaslSslDir.CA_PEM));
        SaslSslDir again = SaslSslDir.openOrCreate(dir);
        assertEquals(first.clusterId(), again.clusterId());
        assertEquals(first.password(), again.password());
        assertEquals(first.keyStorePassword(), again.keyStorePassword());
        assertEquals(new String(keyStore, StandardCharsets.ISO_8859_1), new String(Files.readAllBytes(again.keyStore()), StandardCharsets.ISO_8859_1));
        assertEquals(new String(caPem, StandardCharsets.US_ASCII), Files.readString(dir.resolve(SaslSslDir.CA_PEM)));
    }

    @Test
    void aDirectoryWithoutItsSecretsFileIsGeneratedAfresh() throws Exception {
        Path dir = tmp.resolve("d");
        SaslSslDir first = SaslSslDir.openOrCreate(dir);
        Files.delete(dir.resolve(SaslSslDir.SECRETS));
        SaslSslDir second = SaslSslDir.openOrCreate(dir);
        assertNotEquals(first.clusterId(), second.clusterId());
        assertNotEquals(first.password(), second.password());
        load(second.keyStore(), second.keyStorePassword());
    }

    @Test
    void unusableMaterialIsRefusedNamingTheFile() throws Exception {
        Path dir = tmp.resolve("d");
        SaslSslDir m = SaslSslDir.openOrCreate(dir);
        Files.delete(m.trustStore());
        IOException missing = assertThrows(IOException.class, () -> SaslSslDir.openOrCreate(dir));
        assertEquals(String.format("%s is missing while %s exists: restore it, or delete %s to generate new material",
                m.trustStore(), dir.resolve(SaslSslDir.SECRETS), dir.resolve(SaslSslDir.SECRETS)), missing.getMessage());

        Path other = tmp.resolve("other");
        SaslSslDir o = SaslSslDir.openOrCreate(other);
        String secrets = Files.readString(other.resolve(SaslSslDir.SECRETS));
        Files.writeString(other.resolve(SaslSslDir.SECRETS), secrets.replace(o.keyStorePassword(), "wrongwrongwrong"));
        IOException wrong = assertThrows(IOException.class, () -> SaslSslDir.openOrCreate(other));
        assertTrue(wrong.getMessage().startsWith(String.format("cannot open %s with the password in %s: ",
                o.keyStore(), other.resolve(SaslSslDir.SECRETS))), wrong.getMessage());

        Files.writeString(other.resolve(SaslSslDir.SECRETS), secrets.replaceAll("(?m)^sasl\\.password=.*$", ""));
        IOException incomplete = assertThrows(IOException.class, () -> SaslSslDir.openOrCreate(other));
        assertEquals(String.format("%s: 'sasl.password' is missing or empty", other.resolve(SaslSslDir.SECRETS)), incomplete.getMessage());

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        IOException notDir = assertThrows(IOException.class, () -> SaslSslDir.openOrCreate(file));
        assertEquals(String.format("%s exists and is not a directory", file), notDir.getMessage());
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
