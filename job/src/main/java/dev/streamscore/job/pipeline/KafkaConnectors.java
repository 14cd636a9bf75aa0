package dev.streamscore.job.pipeline;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.serving.ModelUpdate;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/** The job's Kafka sources and sinks; every client gets the {@code --kafka.*} properties. */
public final class KafkaConnectors {
    /** The sources' {@code isolation.level} unless {@code --kafka.isolation.level} sets it. */
    public static final String DEFAULT_ISOLATION_LEVEL = "read_committed";

    private KafkaConnectors() {}

    /**
     * Raw records of {@code --input-topic} as group {@code --group-id}, offsets committed on
     * checkpoints.
     *
     * @param stoppingOffsets where a bounded source stops; null: unbounded, or for a bounded job the
     *                        offsets that are latest when the source starts
     */
    @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's API still takes it
    public static KafkaSource<RawKafkaRecord> source(JobOptions options, Map<TopicPartition, Long> stoppingOffsets) {
        KafkaSourceBuilder<RawKafkaRecord> builder = KafkaSource.<RawKafkaRecord>builder()
                .setProperties(consumerProperties(options))
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(options.inputTopic())
                .setGroupId(options.groupId())
                .setDeserializer(new RawRecordDeserializer(options.scoring().maxRecordBytes(),
                        options.scoring().deadLetterMaxRawBytes()))
                .setStartingOffsets(switch (options.startFrom()) {
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                    case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                });
        if (stoppingOffsets != null) {
            builder.setBounded(OffsetsInitializer.offsets(new HashMap<>(stoppingOffsets)));
        } else if (options.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Model updates of {@code --model-topic} from its earliest offsets, as group
     * {@code <group-id>.models}. A job restored from a checkpoint resumes after the updates that
     * produced the models in its state; a job without state replays every update still in the
     * topic, in order, and ends up serving the latest valid one. A bounded job reads the updates
     * that are in the topic when it starts.
     */
    public static KafkaSource<ModelUpdate> modelSource(JobOptions options) {
        String topic = options.modelTopic().orElseThrow(() -> new IllegalArgumentException("no --model-topic"));
        KafkaSourceBuilder<ModelUpdate> builder = KafkaSource.<ModelUpdate>builder()
                .setProperties(consumerProperties(options))
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(topic)
                .setGroupId(String.format("%s.models", options.groupId()))
                .setDeserializer(new ModelUpdateDeserializer())
                .setStartingOffsets(OffsetsInitializer.earliest());
        if (options.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * A sink writing {@link KeyedValue}s to {@code topic}: transactional with a stable per-job
     * transactional-id prefix for exactly-once delivery, flushed on checkpoints for at-least-once.
     */
    public static KafkaSink<KeyedValue> sink(JobOptions options, String topic) {
        Properties props = options.kafkaProperties();
        props.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(options.transactionTimeoutMs()));
        return KafkaSink.<KeyedValue>builder()
                .setKafkaProducerConfig(props)
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new KeyedValueSerializer(topic))
                .setDeliveryGuarantee(options.delivery() == JobOptions.Delivery.EXACTLY_ONCE
                        ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix(topic))
                .build();
    }

    /**
     * What every consumer of the job is given: {@code read_committed} unless
     * {@code --kafka.isolation.level} says otherwise, the {@code --kafka.*} properties, and offsets
     * committed to Kafka on checkpoints.
     */
    private static Properties consumerProperties(JobOptions options) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, DEFAULT_ISOLATION_LEVEL);
        props.putAll(options.kafkaProperties());
        props.setProperty("commit.offsets.on.checkpoint", "true");
        return props;
    }
}
