package dev.streamscore.job.pipeline;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * {@link ScoringJobTestBase} against Kafka 4.2.0 in a container (the image's default transaction
 * protocol, unlike the in-process broker's {@code transaction.version=1}). Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class ScoringJobContainerITCase extends ScoringJobTestBase {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.0");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
