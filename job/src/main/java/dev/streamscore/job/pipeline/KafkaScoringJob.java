package dev.streamscore.job.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * The scoring job on Kafka: the Flink configuration (checkpointing, restarts, recovery), the Kafka
 * source and sinks, and their wiring around {@link ScoringPipeline}. Every Kafka client gets the
 * {@code --kafka.*} properties.
 */
public final class KafkaScoringJob {
    public static final String SOURCE_UID = "streamscore-kafka-source";
    public static final String SCORES_SINK_UID = "streamscore-scores-sink";
    public static final String DEAD_LETTER_SINK_UID = "streamscore-dead-letter-sink";
    /** The source's {@code isolation.level} unless {@code --kafka.isolation.level} sets it. */
    public static final String DEFAULT_ISOLATION_LEVEL = "read_committed";

    private KafkaScoringJob() {}

    /**
     * The job's Flink configuration: exactly-once checkpoints every {@code --checkpoint-interval-ms};
     * exponential-delay restarts (1 s up to 30 s, failing after 10 attempts without an hour of
     * stable running in between); with {@code --checkpoint-dir}, checkpoints on disk there, retained
     * on cancellation and failure (deleted when a bounded job finishes), and recovery from the latest
     * completed one ({@link StateRecoveryOptions#SAVEPOINT_PATH}) in claim mode.
     */
    public static Configuration configuration(JobOptions options) throws IOException {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(options.checkpointIntervalMs()));
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, 10);
        conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        options.parallelism().ifPresent(p -> conf.set(CoreOptions.DEFAULT_PARALLELISM, p));
        if (options.checkpointDir().isPresent()) {
            Path dir = options.checkpointDir().get().toAbsolutePath();
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            CheckpointDirs.latestCompleted(dir).ifPresent(chk -> {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toUri().toString());
                // the resumed job owns the checkpoint and deletes it once a newer one completes
                conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
            });
        }
        return conf;
    }

    /**
     * Adds the Kafka source, the pipeline and both Kafka sinks to {@code env}. A bounded job stops at
     * the offsets that are latest now ({@link BoundedInput#latestOffsets}).
     *
     * @param model the model to score with (a restored checkpoint's model takes precedence)
     */
    public static ScoringPipeline.Streams wire(StreamExecutionEnvironment env, JobOptions options, ModelSpec model)
            throws InterruptedException {
        return wire(env, options, model, options.bounded() ? BoundedInput.latestOffsets(options) : null);
    }

    /**
     * As {@link #wire(StreamExecutionEnvironment, JobOptions, ModelSpec)} with the stopping offsets
     * of a bounded job given (null for an unbounded job).
     */
    public static ScoringPipeline.Streams wire(StreamExecutionEnvironment env, JobOptions options, ModelSpec model,
                                               Map<TopicPartition, Long> stoppingOffsets) {
        DataStream<RawKafkaRecord> input = env
                .fromSource(source(options, stoppingOffsets), WatermarkStrategy.noWatermarks(),
                        String.format("kafka %s", options.inputTopic()))
                .uid(SOURCE_UID);
        ScoringPipeline.Streams streams = ScoringPipeline.build(input, model, options.pipeline());
        streams.scores().sinkTo(sink(options, options.outputTopic()))
                .name(String.format("kafka %s", options.outputTopic())).uid(SCORES_SINK_UID);
        streams.deadLetters().sinkTo(sink(options, options.deadLetterTopic()))
                .name(String.format("kafka %s", options.deadLetterTopic())).uid(DEAD_LETTER_SINK_UID);
        return streams;
    }

    /**
     * The source: raw records of {@code --input-topic} as group {@code --group-id}, offsets committed
     * on checkpoints, {@code read_committed} unless {@code --kafka.isolation.level} says otherwise.
     *
     * @param stoppingOffsets where a bounded source stops; null: unbounded, or for a bounded job the
     *                        offsets that are latest when the source starts
     */
    @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's API still takes it
    public static KafkaSource<RawKafkaRecord> source(JobOptions options, Map<TopicPartition, Long> stoppingOffsets) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, DEFAULT_ISOLATION_LEVEL);
        props.putAll(options.kafkaProperties());
        props.setProperty("commit.offsets.on.checkpoint", "true");
        KafkaSourceBuilder<RawKafkaRecord> builder = KafkaSource.<RawKafkaRecord>builder()
                .setProperties(props)
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(options.inputTopic())
                .setGroupId(options.groupId())
                .setDeserializer(new RawRecordDeserializer())
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
}
