package dev.streamscore.job.cli;

import dev.streamscore.job.kafka.BrokerSecurity;
import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import dev.streamscore.job.options.Flags;
import dev.streamscore.job.options.UsageException;
import dev.streamscore.job.security.SaslSslDir;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code broker [--port 9092] [--data-dir DIR] [--sasl-ssl DIR]}: a single-node Kafka broker on
 * 127.0.0.1 until SIGINT or SIGTERM ({@code --port 0} picks a free port). Prints
 * {@code ready 127.0.0.1:PORT} once clients can connect; a shutdown hook stops the server cleanly
 * (and deletes the temporary data directory when none was given). With {@code --sasl-ssl DIR} the
 * only client listener is SASL_SSL (SCRAM-SHA-512 over TLS), its material generated into or
 * reused from DIR ({@link SaslSslDir}), and {@code DIR/client.properties} is written before the
 * ready line.
 */
public final class BrokerCommand implements Command {
    static final int DEFAULT_PORT = 9092;
    private static final Flags.Spec FLAGS = Flags.spec("broker")
            .optional("port", Integer.toString(DEFAULT_PORT)).optional("data-dir", "DIR").optional("sasl-ssl", "DIR");

    @Override
    public Flags.Spec flags() {
        return FLAGS;
    }

    @Override
    public int run(Flags flags, PrintStream out, PrintStream err) throws Exception {
        int port = flags.intValue("port", DEFAULT_PORT, 0, 65535);
        Path dataDir = flags.optional("data-dir").map(Path::of).orElse(null);
        String saslSsl = flags.get("sasl-ssl", null);
        if (saslSsl != null && saslSsl.isBlank()) {
            throw new UsageException("--sasl-ssl: expected a directory, got ''");
        }
        BrokerSecurity security = saslSsl == null
                ? BrokerSecurity.plaintext()
                : BrokerSecurity.saslSsl(SaslSslDir.openOrCreate(Path.of(saslSsl)));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, dataDir, security);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } finally {
                stopped.countDown();
            }
        }, "streamscore-broker-shutdown"));
        out.printf("ready %s%n", broker.bootstrapServers());
        out.flush();
        stopped.await();
        return 0;
    }
}
