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
    /** Kafka's default {@code delivery.timeout.ms}: the least {@link #brokerWaitMs} gives. */
    private static final long KAFKA_DELIVERY_TIMEOUT_MS = 120_000;

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
        return KafkaSink.<KeyedValue>builder()
                .setKafkaProducerConfig(producerProperties(options))
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new KeyedValueSerializer(topic))
                .setDeliveryGuarantee(options.delivery() == JobOptions.Delivery.EXACTLY_ONCE
                        ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix(topic))
                .build();
    }

    /**
     * What the sinks' producers are given: the {@code --kafka.*} properties, the transaction
     * timeout, and, unless {@code --kafka.delivery.timeout.ms} or {@code --kafka.max.block.ms} set
     * them, a delivery timeout and a longest block (starting, committing or aborting a
     * transaction) as long as the transaction timeout (see {@link #brokerWaitMs}).
     */
    static Properties producerProperties(JobOptions options) {
        Properties props = options.kafkaProperties();
        props.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(options.transactionTimeoutMs()));
        String wait = Long.toString(brokerWaitMs(options));
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, wait);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, wait);
        return props;
    }

    /**
     * What every consumer of the job (and the sources' own admin clients) is given:
     * {@code read_committed} unless {@code --kafka.isolation.level} says otherwise, the
     * {@code --kafka.*} properties, offsets committed to Kafka on checkpoints, and, unless
     * {@code --kafka.default.api.timeout.ms} sets it, an API timeout as long as the transaction
     * timeout (see {@link #brokerWaitMs}).
     */
    static Properties consumerProperties(JobOptions options) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, DEFAULT_ISOLATION_LEVEL);
        props.putAll(options.kafkaProperties());
        props.setProperty("commit.offsets.on.checkpoint", "true");
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(brokerWaitMs(options)));
        return props;
    }

    /**
     * How long the job's Kafka clients wait for an unreachable broker before an operation fails:
     * the transaction timeout (10 min unless set), and never less than Kafka's default delivery
     * timeout (2 min). Kafka's own defaults: 2 min for a record's delivery
     * ({@code delivery.timeout.ms}), 1 min for a producer's transaction call or a send without
     * metadata ({@code max.block.ms}) and for a consumer or admin call ({@code default.api.timeout.ms}).
     *
     * <p>Why: during a broker outage the job must wait, not fail. An undelivered record or a new
     * transaction holds up the next checkpoint, which completes once the broker is back: nothing
     * restarts and the open transactions commit. A failure while the broker is away is far worse.
     * The failed task's clean-up aborts a transaction with records (which times out) or rethrows
     * the other sink's pending send error (both sinks share the task), and Flink 2.2 takes an
     * exception in that clean-up as fatal for the TaskManager: {@code run}'s local environment has
     * only one, so the job cannot restart any more and ends. Or the restarted job commits the
     * restored transactions while the broker is away, and the Kafka connector's resumed producer
     * can miss the answer once it is back, retrying for 10 min. Measured with Kafka's defaults, a
     * 150 s outage (longer than the 2 min of a delivery) ended {@code run} in one run and held up
     * the output for 10 min in another; a transaction starting as the outage began failed after
     * 1 min. The sources' partition discovery (every 5 min) likewise fails the job when its admin
     * call times out. Waiting longer than the transaction timeout is of no use: the broker aborts a
     * transaction open for longer.
     */
    static long brokerWaitMs(JobOptions options) {
        return Math.max(options.transactionTimeoutMs(), KAFKA_DELIVERY_TIMEOUT_MS);
    }
}
