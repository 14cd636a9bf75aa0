package dev.streamscore.job.pipeline;

import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ScoringJobTestBase} against the in-process KRaft broker. */
class ScoringJobITCase extends ScoringJobTestBase {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
