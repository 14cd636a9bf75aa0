package dev.streamscore.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link KafkaBrokerExtension} on a class whose tests fail: one broker for the class and its nested
 * class, stopped (port closed, data deleted) after the last test although a test and the class's
 * own {@code @AfterAll} threw.
 */
class KafkaBrokerExtensionITCase {
    /** Where the tests of {@link FailingClass} found their broker. */
    private record Seen(int port, Path dataDir) {}

    private static final Set<Seen> SEEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean LAUNCHED_HERE = new AtomicBoolean();

    @Test
    void oneBrokerForTheClassStoppedAfterFailures() throws Exception {
        SEEN.clear();
        LAUNCHED_HERE.set(true);
        EngineExecutionResults results;
        try {
            results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingClass.class)).execute();
        } finally {
            LAUNCHED_HERE.set(false);
        }

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        results.containerEvents().assertStatistics(s -> s.failed(1)); // the class: its @AfterAll threw
        assertEquals(1, SEEN.size(), () -> String.format("one broker for the class and its nested class: %s", SEEN));
        Seen broker = SEEN.iterator().next();
        assertFalse(Files.exists(broker.dataDir()), () -> String.format("%s is deleted", broker.dataDir()));
        assertThrows(ConnectException.class,
                () -> new Socket(InetAddress.getLoopbackAddress(), broker.port()).close(), "nothing listens on the port");
    }

    @Test
    void withoutAStartedBrokerTheErrorSaysHowToRegisterTheExtension() {
        KafkaBrokerExtension unregistered = new KafkaBrokerExtension();
        IllegalStateException e = assertThrows(IllegalStateException.class, unregistered::bootstrapServers);
        assertEquals("no broker running: register the extension on a static field with @RegisterExtension", e.getMessage());
    }

    /**
     * Run by {@link #oneBrokerForTheClassStoppedAfterFailures} through the test kit only (Maven's
     * test plugins skip nested classes; elsewhere the assumptions skip it). A test and the
     * {@code @AfterAll} fail on purpose.
     */
    static class FailingClass {
        @RegisterExtension
        static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

        static void see() throws Exception {
            assumeTrue(LAUNCHED_HERE.get(), "run by KafkaBrokerExtensionITCase only");
            assertTrue(Files.isDirectory(KAFKA.broker().dataDir()));
            KAFKA.createTopics(1, "seen"); // the broker answers
            SEEN.add(new Seen(KAFKA.broker().port(), KAFKA.broker().dataDir()));
        }

        @Test
        void passes() throws Exception {
            see();
        }

        @Test
        void fails() throws Exception {
            see();
            fail("fails on purpose: the broker must still be stopped");
        }

        @AfterAll
        static void afterAllFails() {
            assumeTrue(LAUNCHED_HERE.get());
            throw new IllegalStateException("@AfterAll fails on purpose: the broker must still be stopped");
        }

        @Nested
        class Inner {
            @Test
            void sharesTheOuterClassBroker() throws Exception {
                see();
            }
        }
    }
}
