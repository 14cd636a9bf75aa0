package dev.streamscore.job.pipeline;

import dev.streamscore.job.records.KeyedValue;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a {@link KeyedValue} to one topic: the input's key (so the partitioner places it as Kafka
 * users expect), the rendered value, and the input's timestamp (Flink's usual forwarding of the
 * record timestamp).
 */
public final class KeyedValueSerializer implements KafkaRecordSerializationSchema<KeyedValue> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public KeyedValueSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KeyedValue element, KafkaSinkContext context, Long timestamp) {
        Long ts = element.timestamp() >= 0 ? element.timestamp() : null;
        return new ProducerRecord<>(topic, null, ts, element.key(), element.value());
    }
}
