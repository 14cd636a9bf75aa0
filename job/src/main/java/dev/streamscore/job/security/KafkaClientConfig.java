package dev.streamscore.job.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Kafka client settings of {@code run}: a properties file ({@code --kafka-config FILE}, the
 * format Kafka's own tools take with {@code --command-config}) with the {@code --kafka.NAME VALUE}
 * flags on top (a flag wins over the file). {@link #toString()} and {@link #masked()} hide secret
 * values ({@link SecretMask}); {@link #scrub} hides them in any message.
 *
 * <p>The file is read as {@link Properties#load(InputStream)} reads it (ISO-8859-1, {@code \\uXXXX}
 * escapes), as Kafka's tools do; at most {@value #MAX_FILE_BYTES} bytes.
 */
public final class KafkaClientConfig {
    /** The flag the file comes from, named in every error. */
    public static final String FLAG = "--kafka-config";
    /** A client properties file is a few lines; a larger one is the wrong file (or {@code /dev/zero}). */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private final Map<String, String> settings;

    private KafkaClientConfig(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(settings);
    }

    /**
     * The settings of {@code file} (none when null) with {@code overrides} on top.
     *
     * @throws IllegalArgumentException with a one-line reason naming {@value #FLAG} and the file
     *                                  when it is missing, unreadable, too large or malformed
     */
    public static KafkaClientConfig of(Path file, Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(file == null ? Map.of() : load(file));
        merged.putAll(overrides);
        return new KafkaClientConfig(merged);
    }

    /**
     * Reads a client properties file.
     *
     * @throws IllegalArgumentException with a one-line reason naming {@value #FLAG} and the file
     */
    public static Map<String, String> load(Path file) {
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException(String.format("%s: expected a properties file, got '%s'", FLAG, file));
        }
        byte[] bytes = FlagFiles.read(FLAG, file, "a properties file", in -> in.readNBytes(MAX_FILE_BYTES + 1));
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(String.format(
                    "%s %s: larger than %d bytes, not a client properties file", FLAG, file, MAX_FILE_BYTES));
        }
        Properties p = new Properties();
        try {
            p.load(new ByteArrayInputStream(bytes));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format("%s %s: not a properties file: %s", FLAG, file, e.getMessage()), e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** The merged settings, by name. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The merged settings as {@link Properties}, for a Kafka client. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(settings);
        return p;
    }

    /** The merged settings with secret values shown as {@value SecretMask#HIDDEN}. */
    public Map<String, String> masked() {
        return SecretMask.mask(settings);
    }

    /** {@code text} with every secret value of these settings shown as {@value SecretMask#HIDDEN}. */
    public String scrub(String text) {
        return SecretMask.scrub(text, settings);
    }

    /** The masked settings, e.g. {@code {sasl.jaas.config=[hidden], security.protocol=SASL_SSL}}. */
    @Override
    public String toString() {
        return masked().toString();
    }
}
