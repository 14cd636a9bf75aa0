package dev.streamscore.job.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The real Kafka server (KRaft, one node acting as broker and controller) in this JVM, listening on
 * 127.0.0.1 only. Topics are auto-created on first use; internal topics (offsets, transactions)
 * have replication 1, so transactions and consumer groups work.
 *
 * <p>The storage is formatted with {@code transaction.version=1} (the pre-KIP-890 transaction
 * protocol): with the 4.x default, Flink's exactly-once sink logs spurious "producer is already
 * fenced ... data loss" warnings on recovery although its output stays exactly-once.
 *
 * <p>Closing shuts the server down cleanly and deletes the data directory if this broker created it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final String CONTROLLER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path dataDir, boolean ownsDataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /** Starts a broker on a free port with a temporary data directory deleted on {@link #close()}. */
    public static EmbeddedKafkaBroker start() throws IOException, InterruptedException, TimeoutException {
        return start(0, null);
    }

    /**
     * Starts a broker and returns once clients can connect to it.
     *
     * @param port    the client port on 127.0.0.1, or 0 for a free one
     * @param dataDir the log directory (formatted on first use, reused afterwards), or null for a
     *                temporary directory deleted on {@link #close()}
     */
    public static EmbeddedKafkaBroker start(int port, Path dataDir)
            throws IOException, InterruptedException, TimeoutException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(String.format("port must be in [0, 65535], got %d", port));
        }
        boolean owns = dataDir == null;
        Path dir = owns ? Files.createTempDirectory("streamscore-kafka-") : Files.createDirectories(dataDir);
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        try {
            format(dir);
            KafkaRaftServer server = new KafkaRaftServer(
                    KafkaConfig.fromProps(serverProperties(dir, clientPort, controllerPort)), Time.SYSTEM);
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, clientPort, dir, owns);
            try {
                server.startup();
                broker.awaitReady();
            } catch (RuntimeException | InterruptedException | TimeoutException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (RuntimeException | IOException e) {
            if (owns) {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return String.format("127.0.0.1:%d", port);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Admin client properties for this broker. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /**
     * Creates the topics that do not exist yet with {@code partitions} partitions each, and returns
     * once every partition of every named topic has a leader (so records produced next are kept).
     */
    public void createTopics(int partitions, String... names) throws InterruptedException, TimeoutException {
        if (partitions < 1) {
            throw new IllegalArgumentException(String.format("partitions must be >= 1, got %d", partitions));
        }
        try (Admin admin = Admin.create(clientProperties())) {
            Topics.create(admin, partitions, (short) 1, Arrays.asList(names), READY_TIMEOUT);
        }
    }

    /** Shuts the server down and waits for it; deletes the data directory if this broker created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (ownsDataDir) {
                deleteRecursively(dataDir);
            }
        }
    }

    private void awaitReady() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(clientProperties())) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException(String.format(
                                "broker on %s not ready after %d s", bootstrapServers(), READY_TIMEOUT.toSeconds()));
                    }
                }
                Thread.sleep(50);
            }
        }
    }

    private static Properties serverProperties(Path dir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", String.format("1@127.0.0.1:%d", controllerPort)),
                Map.entry("listeners", String.format(
                        "PLAINTEXT://127.0.0.1:%d,%s://127.0.0.1:%d", clientPort, CONTROLLER, controllerPort)),
                Map.entry("advertised.listeners", String.format("PLAINTEXT://127.0.0.1:%d", clientPort)),
                Map.entry("controller.listener.names", CONTROLLER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
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
        return p;
    }

    /** Formats {@code dir} for a single-node KRaft cluster; a directory formatted before is left as it is. */
    private static void format(Path dir) throws IOException {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        String logDir = dir.toAbsolutePath().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir))
                    .setMetadataLogDirectory(logDir)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setFeatureLevel(Feature.TRANSACTION_VERSION.featureName(), (short) 1)
                    .setControllerListenerName(CONTROLLER)
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(String.format("cannot format %s: %s", dir, e.getMessage()), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.format("cannot delete %s", dir), e);
        }
    }
}
