package dev.streamscore.job.testing;

import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process Kafka broker ({@link EmbeddedKafkaBroker}: KRaft, 127.0.0.1, a temporary data
 * directory) shared by the tests of a class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 * }</pre>
 *
 * <p>The broker starts before the class's first test and stops after its last, whether the tests
 * passed, failed or the class's own {@code @AfterAll} threw: JUnit runs every after-all callback.
 * Stopping deletes the data directory. Tests of a {@code @Nested} class share the outer class's broker.
 *
 * <p>The broker logs a great deal at INFO; the tests' {@code log4j2-test.xml} keeps the Kafka
 * loggers at ERROR and the rest at WARN, here and in the JVMs {@link LauncherProcess} starts.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafkaBroker broker;
    private int depth;

    /** Starts the broker for the outermost class; a nested class keeps it. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (depth++ == 0) {
            broker = EmbeddedKafkaBroker.start();
        }
    }

    /** Stops the broker after the outermost class, and deletes its data. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (--depth == 0 && broker != null) {
            EmbeddedKafkaBroker stopping = broker;
            broker = null;
            stopping.close();
        }
    }

    /** The running broker, e.g. for its {@link EmbeddedKafkaBroker#clientProperties()}. */
    public EmbeddedKafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException(
                    "no broker running: register the extension on a static field with @RegisterExtension");
        }
        return broker;
    }

    /** {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /**
     * Creates the topics that do not exist yet with {@code partitions} partitions each; returns once
     * every partition has a leader, so records produced next are kept.
     */
    public void createTopics(int partitions, String... names) throws InterruptedException, TimeoutException {
        broker().createTopics(partitions, names);
    }
}
