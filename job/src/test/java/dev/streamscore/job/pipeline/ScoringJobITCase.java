package dev.streamscore.job.pipeline;

import dev.streamscore.job.testing.KafkaBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ScoringJobTestBase} against the in-process KRaft broker. */
class ScoringJobITCase extends ScoringJobTestBase {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Override
    String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }
}
