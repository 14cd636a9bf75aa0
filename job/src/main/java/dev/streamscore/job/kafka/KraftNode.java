package dev.streamscore.job.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The single KRaft node of {@link EmbeddedKafkaBroker} (broker and controller, node id 1, on
 * 127.0.0.1): its server settings, and the formatting of its log directory
 * ({@code kafka-storage format} in-process). Internal topics have replication 1, so transactions
 * and consumer groups work on one node.
 *
 * <p>Formatted with {@code transaction.version=1} (the pre-KIP-890 transaction protocol): with the
 * 4.x default, Flink's exactly-once sink logs spurious "producer is already fenced ... data loss"
 * warnings on recovery although its output stays exactly-once.
 */
final class KraftNode {
    private static final String META = "meta.properties";

    private KraftNode() {}

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

    /** The server settings: the client listener and the controller listener secured as {@code security} says. */
    static Properties serverProperties(Path dir, int clientPort, int controllerPort, BrokerSecurity security) {
        String client = security.protocol();
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", String.format("1@127.0.0.1:%d", controllerPort)),
                Map.entry("listeners", String.format(
                        "%s://127.0.0.1:%d,%s://127.0.0.1:%d", client, clientPort, EmbeddedKafkaBroker.CONTROLLER, controllerPort)),
                Map.entry("advertised.listeners", String.format("%s://127.0.0.1:%d", client, clientPort)),
                Map.entry("controller.listener.names", EmbeddedKafkaBroker.CONTROLLER),
                Map.entry("inter.broker.listener.name", client),
                Map.entry("listener.security.protocol.map",
                        String.format("%s:%s,%s:%s", client, client, EmbeddedKafkaBroker.CONTROLLER, security.controllerProtocol())),
                Map.entry("log.dirs", dir.toAbsolutePath().toString()),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        p.putAll(security.serverProperties());
        return p;
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
