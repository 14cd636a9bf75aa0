package dev.streamscore.bench.e2e;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.pipeline.ScoringJob;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka I/O limit of this machine as a Flink job: the input records' value bytes copied to
 * another topic with no parsing, {@code KafkaSource<byte[]>} chained to {@code KafkaSink<byte[]>}
 * (no exchange between them), with the scoring job's consumer settings ({@code read_committed},
 * offsets committed on checkpoints), delivery guarantee, transaction timeout and Flink
 * configuration ({@link ScoringJob#configuration}).
 */
final class RawCopyJob {
    private RawCopyJob() {}

    /** Adds the copy of {@code options}' input topic, up to {@code stoppingOffsets}, to its output topic. */
    static void wire(StreamExecutionEnvironment env, JobOptions options, Map<TopicPartition, Long> stoppingOffsets) {
        Properties consumer = new Properties();
        consumer.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.setProperty("commit.offsets.on.checkpoint", "true");
        KafkaSource<byte[]> source = KafkaSource.<byte[]>builder()
                .setProperties(consumer)
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(options.inputTopic())
                .setGroupId(options.groupId())
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(new HashMap<>(stoppingOffsets)))
                .build();
        Properties producer = options.kafkaProperties();
        producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(options.transactionTimeoutMs()));
        KafkaSink<byte[]> sink = KafkaSink.<byte[]>builder()
                .setKafkaProducerConfig(producer)
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new ValueSerializer(options.outputTopic()))
                .setDeliveryGuarantee(options.delivery() == JobOptions.Delivery.EXACTLY_ONCE
                        ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix(options.outputTopic()))
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), String.format("kafka %s", options.inputTopic()))
                .sinkTo(sink).name(String.format("kafka %s", options.outputTopic()));
    }

    /** The value as it was read, no key, with the input record's timestamp (as the scoring job's sink writes). */
    private static final class ValueSerializer implements KafkaRecordSerializationSchema<byte[]> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        ValueSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(byte[] value, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, null, value);
        }
    }
}
