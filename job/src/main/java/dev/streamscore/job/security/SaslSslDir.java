package dev.streamscore.job.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * The directory of a SASL_SSL broker ({@code broker --sasl-ssl DIR}): its TLS material, its one
 * SCRAM-SHA-512 user, and the settings clients need.
 *
 * <ul>
 *   <li>{@code ca.pem}: the CA certificate (for non-Java clients, e.g. {@code kcat -X ssl.ca.location=}).</li>
 *   <li>{@code truststore.p12}: the same CA as a PKCS12 trust store (for Java clients).</li>
 *   <li>{@code server.p12}: the broker's key and certificate chain (owner-only).</li>
 *   <li>{@code broker-secrets.properties}: cluster id, user, password and store passwords (owner-only).</li>
 *   <li>{@code client.properties}: Java client settings (owner-only: it holds the password), written
 *       by {@link #writeClientProperties} once the broker's address is known.</li>
 * </ul>
 *
 * <p>Reuse: a directory holding {@code broker-secrets.properties} is reused as it is, never
 * regenerated; that file is written last, so a directory without it (an interrupted generation)
 * is generated afresh. The SCRAM user is written into the broker's metadata when its data
 * directory is formatted, so the material carries the cluster id it was made for: a data directory
 * formatted for another cluster id is refused (see {@code KraftNode}) rather than started with
 * a password it does not know.
 */
public final class SaslSslDir {
    /** The SCRAM user clients (and the broker itself, between its own listeners) log in as. */
    public static final String USER = "streamscore";
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String CA_PEM = "ca.pem";
    public static final String TRUST_STORE = "truststore.p12";
    public static final String KEY_STORE = "server.p12";
    public static final String SECRETS = "broker-secrets.properties";
    public static final String CLIENT_PROPERTIES = "client.properties";
    private static final String KEY_ALIAS = "broker";
    private static final String CA_ALIAS = "streamscore-local-ca";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SECRET_LENGTH = 32;

    private final Path dir;
    private final Map<String, String> secrets;

    private SaslSslDir(Path dir, Map<String, String> secrets) {
        this.dir = dir;
        this.secrets = secrets;
    }

    /**
     * Opens the material in {@code dir}, generating it first when the directory (created if
     * needed) has none: a CA, a server certificate for 127.0.0.1/localhost, the PKCS12 stores,
     * {@code ca.pem}, and a user with a random password.
     *
     * @throws IOException naming the file and the reason when existing material is unusable
     */
    public static SaslSslDir openOrCreate(Path dir) throws IOException {
        Path d = SecureFiles.directory(dir.toAbsolutePath().normalize());
        if (!Files.exists(d.resolve(SECRETS))) {
            generate(d);
        }
        SaslSslDir material = new SaslSslDir(d, SecureFiles.readProperties(d.resolve(SECRETS)));
        material.check();
        return material;
    }

    public Path dir() {
        return dir;
    }

    /** The Kafka cluster id the broker's data directory is formatted with. */
    public String clusterId() {
        return secrets.get("cluster.id");
    }

    public String username() {
        return secrets.get("sasl.username");
    }

    public String password() {
        return secrets.get("sasl.password");
    }

    public Path keyStore() {
        return dir.resolve(KEY_STORE);
    }

    public String keyStorePassword() {
        return secrets.get("keystore.password");
    }

    public Path trustStore() {
        return dir.resolve(TRUST_STORE);
    }

    public String trustStorePassword() {
        return secrets.get("truststore.password");
    }

    /** The JAAS line of a SCRAM login as {@code username} with {@code password}. */
    public static String scramJaasConfig(String username, String password) {
        return String.format(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";",
                username, password);
    }

    /** The client security settings, without {@code bootstrap.servers}, in the order {@code client.properties} lists them. */
    public Map<String, String> clientSecurity() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", scramJaasConfig(username(), password()));
        p.put("ssl.truststore.location", trustStore().toString());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.password", trustStorePassword());
        return p;
    }

    /** Writes {@code client.properties}: {@code bootstrap.servers} and {@link #clientSecurity()}. */
    public Path writeClientProperties(String bootstrapServers) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.putAll(clientSecurity());
        Path file = dir.resolve(CLIENT_PROPERTIES);
        SecureFiles.write(file, SecureFiles.properties(
                "Kafka client settings for the streamscore SASL_SSL broker; rewritten at every start of the broker", p), true);
        return file;
    }

    private static void generate(Path dir) throws IOException {
        SecureRandom random = new SecureRandom();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cluster.id", Uuid.randomUuid().toString());
        s.put("sasl.username", USER);
        s.put("sasl.password", randomSecret(random));
        s.put("keystore.password", randomSecret(random));
        s.put("truststore.password", randomSecret(random));
        try {
            // a name of its own (not only a key): trust stores and path building tell the CAs of two directories apart
            LocalCa ca = LocalCa.create(String.format("streamscore local CA %s", s.get("cluster.id")), random);
            LocalCa.Issued server = ca.issueLoopbackServer();
            KeyStore keys = SecureFiles.newPkcs12();
            char[] keyPassword = s.get("keystore.password").toCharArray();
            keys.setKeyEntry(KEY_ALIAS, server.key(), keyPassword, server.chain());
            KeyStore trust = SecureFiles.newPkcs12();
            trust.setCertificateEntry(CA_ALIAS, ca.certificate());
            SecureFiles.write(dir.resolve(KEY_STORE), SecureFiles.pkcs12(keys, keyPassword), true);
            SecureFiles.write(dir.resolve(TRUST_STORE), SecureFiles.pkcs12(trust, s.get("truststore.password").toCharArray()), false);
            SecureFiles.write(dir.resolve(CA_PEM), SecureFiles.pem(ca.certificate()).getBytes(StandardCharsets.US_ASCII), false);
        } catch (GeneralSecurityException e) {
            throw new IOException(String.format("cannot generate the TLS material in %s: %s", dir, e.getMessage()), e);
        }
        SecureFiles.write(dir.resolve(SECRETS), SecureFiles.properties(
                "streamscore SASL_SSL broker secrets: cluster id, SCRAM user, store passwords. Keep private.", s), true);
    }

    /** Fails with the file and the reason when a store is missing, does not open, or holds an expired certificate. */
    private void check() throws IOException {
        for (String key : List.of("cluster.id", "sasl.username", "sasl.password", "keystore.password", "truststore.password")) {
            String v = secrets.get(key);
            if (v == null || v.isEmpty()) {
                throw new IOException(String.format("%s: '%s' is missing or empty", dir.resolve(SECRETS), key));
            }
        }
        KeyStore keys = load(keyStore(), keyStorePassword());
        load(trustStore(), trustStorePassword());
        try {
            X509Certificate server = (X509Certificate) keys.getCertificate(KEY_ALIAS);
            if (server == null) {
                throw new IOException(String.format("%s holds no entry '%s'", keyStore(), KEY_ALIAS));
            }
            server.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new IOException(String.format(
                    "the server certificate in %s is not valid now (%s): delete the files in %s to generate new ones, with a new data directory",
                    keyStore(), e.getMessage(), dir), e);
        }
    }

    private static KeyStore load(Path file, String password) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(String.format(
                    "%s is missing while %s exists: restore it, or delete %s to generate new material",
                    file, file.resolveSibling(SECRETS), file.resolveSibling(SECRETS)));
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException(String.format("cannot open %s with the password in %s: %s",
                    file, file.resolveSibling(SECRETS), e.getMessage()), e);
        }
    }

    /** {@value #SECRET_LENGTH} letters and digits (~190 bits): no character needs quoting in JAAS or SCRAM arguments. */
    private static String randomSecret(SecureRandom random) {
        StringBuilder s = new StringBuilder(SECRET_LENGTH);
        for (int i = 0; i < SECRET_LENGTH; i++) {
            s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return String.format("SaslSslDir[%s, user %s, password [hidden]]", dir, username());
    }
}
