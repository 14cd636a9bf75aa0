package dev.streamscore.job.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formatting of a single-node KRaft log directory ({@code kafka-storage format} in-process).
 *
 * <p>Formatted with {@code transaction.version=1} (the pre-KIP-890 transaction protocol): with the
 * 4.x default, Flink's exactly-once sink logs spurious "producer is already fenced ... data loss"
 * warnings on recovery although its output stays exactly-once.
 */
final class KraftStorage {
    private static final String META = "meta.properties";

    private KraftStorage() {}

    /**
     * Formats {@code dir} for node 1, with the cluster id and SCRAM users {@code security} asks for
     * (a random cluster id when it asks for none). A directory formatted before is left as it is,
     * but refused when {@code security} needs another cluster id: its SCRAM users were written at
     * format time, so the broker would not know the password.
     */
    static void format(Path dir, String controllerListener, BrokerSecurity security) throws IOException {
        Path meta = dir.resolve(META);
        if (Files.exists(meta)) {
            String formattedFor = clusterId(meta);
            security.clusterId().filter(id -> !id.equals(formattedFor)).ifPresent(id -> {
                throw new IllegalStateException(String.format(
                        "data directory %s was formatted for cluster %s, but the %s is for cluster %s (its SCRAM user is written when a data directory is formatted): use the material this data directory was first started with, or a new data directory",
                        dir, formattedFor, security.describe(), id));
            });
            return;
        }
        String logDir = dir.toAbsolutePath().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(security.clusterId().orElseGet(() -> Uuid.randomUuid().toString()))
                    .setDirectories(List.of(logDir))
                    .setMetadataLogDirectory(logDir)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setFeatureLevel(Feature.TRANSACTION_VERSION.featureName(), (short) 1)
                    .setControllerListenerName(controllerListener)
                    .setScramArguments(security.scramArguments())
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(String.format("cannot format %s: %s", dir, e.getMessage()), e);
        }
    }

    private static String clusterId(Path meta) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        }
        String id = p.getProperty("cluster.id");
        if (id == null) {
            throw new IOException(String.format("%s has no cluster.id", meta));
        }
        return id;
    }
}
