package dev.streamscore.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.options.JobOptionsBuilder;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Kafka client settings the job's sources and sinks are given, and how long they wait for a broker. */
class KafkaConnectorsTest {
    private static JobOptionsBuilder options() {
        return JobOptions.builder().bootstrapServers("127.0.0.1:9092").inputTopic("in").outputTopic("out");
    }

    @Test
    void clientsWaitForABrokerAsLongAsATransactionMayStayOpen() {
        JobOptions defaults = options().build();
        Properties producer = KafkaConnectors.producerProperties(defaults);
        assertEquals("600000", producer.getProperty("transaction.timeout.ms"));
        assertEquals("600000", producer.getProperty("delivery.timeout.ms"), "Kafka's default: 120000");
        assertEquals("600000", producer.getProperty("max.block.ms"), "Kafka's default: 60000");
        Properties consumer = KafkaConnectors.consumerProperties(defaults);
        assertEquals("600000", consumer.getProperty("default.api.timeout.ms"), "Kafka's default: 60000");
        assertEquals("read_committed", consumer.getProperty("isolation.level"));
        assertEquals("true", consumer.getProperty("commit.offsets.on.checkpoint"));

        JobOptions longer = options().kafka("transaction.timeout.ms", "840000").build();
        assertEquals("840000", KafkaConnectors.producerProperties(longer).getProperty("delivery.timeout.ms"));
        assertEquals("840000", KafkaConnectors.producerProperties(longer).getProperty("max.block.ms"));
        assertEquals("840000", KafkaConnectors.consumerProperties(longer).getProperty("default.api.timeout.ms"));
    }

    @Test
    void neverShorterThanKafkasOwnDeliveryTimeout() {
        JobOptions shortTransactions = options().kafka("transaction.timeout.ms", "60000").build();
        assertEquals("120000", KafkaConnectors.producerProperties(shortTransactions).getProperty("delivery.timeout.ms"));
        assertEquals("120000", KafkaConnectors.consumerProperties(shortTransactions).getProperty("default.api.timeout.ms"));
        JobOptions atLeastOnce = options().delivery(JobOptions.Delivery.AT_LEAST_ONCE)
                .kafka("transaction.timeout.ms", "5000").build();
        assertEquals("120000", KafkaConnectors.producerProperties(atLeastOnce).getProperty("delivery.timeout.ms"),
                "at least linger.ms + request.timeout.ms, or the producer refuses its settings");
    }

    @Test
    void theFlagsDecideWhenTheyAreGiven() {
        JobOptions set = options().kafka("delivery.timeout.ms", "90000").kafka("max.block.ms", "30000")
                .kafka("default.api.timeout.ms", "45000").build();
        assertEquals("90000", KafkaConnectors.producerProperties(set).getProperty("delivery.timeout.ms"));
        assertEquals("30000", KafkaConnectors.producerProperties(set).getProperty("max.block.ms"));
        assertEquals("45000", KafkaConnectors.consumerProperties(set).getProperty("default.api.timeout.ms"));
    }
}
