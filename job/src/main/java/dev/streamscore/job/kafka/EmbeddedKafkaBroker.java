package dev.streamscore.job.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.utils.Time;

/**
 * The real Kafka server (KRaft, one node acting as broker and controller) in this JVM, listening on
 * 127.0.0.1 only. Topics are auto-created on first use; internal topics (offsets, transactions)
 * have replication 1, so transactions and consumer groups work. The client listener is PLAINTEXT,
 * or SASL_SSL only (see {@link BrokerSecurity}); {@link #clientProperties()} has what clients need.
 * The node's storage and settings come from {@link KraftNode}.
 *
 * <p>Closing shuts the server down cleanly and deletes the data directory if this broker created it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    static final String CONTROLLER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final BrokerSecurity security;
    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, BrokerSecurity security, int port, int controllerPort,
                                Path dataDir, boolean ownsDataDir) {
        this.server = server;
        this.security = security;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /** Starts a broker on a free port with a temporary data directory deleted on {@link #close()}. */
    public static EmbeddedKafkaBroker start() throws IOException, InterruptedException, TimeoutException {
        return start(0, null);
    }

    /** A PLAINTEXT broker: {@link #start(int, Path, BrokerSecurity)} with {@link BrokerSecurity#plaintext()}. */
    public static EmbeddedKafkaBroker start(int port, Path dataDir)
            throws IOException, InterruptedException, TimeoutException {
        return start(port, dataDir, BrokerSecurity.plaintext());
    }

    /**
     * Starts a broker and returns once clients can connect to it.
     *
     * @param port     the client port on 127.0.0.1, or 0 for a free one
     * @param dataDir  the log directory (formatted on first use, reused afterwards), or null for a
     *                 temporary directory deleted on {@link #close()}
     * @param security how the client listener is secured
     */
    public static EmbeddedKafkaBroker start(int port, Path dataDir, BrokerSecurity security)
            throws IOException, InterruptedException, TimeoutException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(String.format("port must be in [0, 65535], got %d", port));
        }
        boolean owns = dataDir == null;
        Path dir = owns ? Files.createTempDirectory("streamscore-kafka-") : Files.createDirectories(dataDir);
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        try {
            KraftNode.format(dir, CONTROLLER, security);
            KafkaRaftServer server = new KafkaRaftServer(
                    KafkaConfig.fromProps(KraftNode.serverProperties(dir, clientPort, controllerPort, security)), Time.SYSTEM);
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, security, clientPort, controllerPort, dir, owns);
            try {
                server.startup();
                broker.awaitReady();
                security.brokerReady(broker.bootstrapServers());
            } catch (IOException | RuntimeException | InterruptedException | TimeoutException e) {
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

    /** The controller listener's port on 127.0.0.1 (for tests of who may reach it). */
    int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Client properties for this broker: the bootstrap servers and, with SASL_SSL, the security settings. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.putAll(security.clientProperties());
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

    /** Polls until the broker lists itself; an authentication failure (a broken setup, not a slow start) ends it at once. */
    private void awaitReady() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(clientProperties())) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (e.getCause() instanceof AuthenticationException) {
                        throw new IllegalStateException(String.format("cannot log in to the broker on %s: %s",
                                bootstrapServers(), e.getCause().getMessage()), e.getCause());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException(String.format(
                                "broker on %s not ready after %d s", bootstrapServers(), READY_TIMEOUT.toSeconds()));
                    }
                }
                Thread.sleep(50);
            }
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
