package dev.streamscore.job.cli;

import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code broker [--port 9092] [--data-dir DIR]}: a single-node Kafka broker on 127.0.0.1 until
 * SIGINT or SIGTERM. Prints {@code ready 127.0.0.1:PORT} once clients can connect; a shutdown hook
 * stops the server cleanly (and deletes the temporary data directory when none was given).
 */
public final class BrokerCommand implements Command {
    static final int DEFAULT_PORT = 9092;

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public String usage() {
        return "broker [--port 9092] [--data-dir DIR]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        int port = DEFAULT_PORT;
        Path dataDir = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (!flag.equals("--port") && !flag.equals("--data-dir")) {
                throw new UsageException(String.format("unknown flag '%s'; valid flags are --port, --data-dir", flag));
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(String.format("%s: missing value", flag));
            }
            String value = args.get(++i);
            if (flag.equals("--port")) {
                port = parsePort(value);
            } else {
                dataDir = Path.of(value);
            }
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, dataDir);
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

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(String.format("--port: expected a port in [0, 65535] (0 = any free port), got '%s'", value));
    }
}
