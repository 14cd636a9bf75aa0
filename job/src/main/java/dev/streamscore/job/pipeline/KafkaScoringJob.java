package dev.streamscore.job.pipeline;

import dev.streamscore.job.lifecycle.ModelUpdate;
import dev.streamscore.job.lifecycle.ModelUpdateDeserializer;
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
    public static final String MODEL_SOURCE_UID = "streamscore-model-source";
    public static final String MODEL_DEAD_LETTER_SINK_UID = "streamscore-model-dead-letter-sink";
    public static final String EVALUATION_SINK_UID = "streamscore-evaluation-sink";
    /** The source's {@code isolation.level} unless {@code --kafka.isolation.level} sets it. */
    public static final String DEFAULT_ISOLATION_LEVEL = "read_committed";

    private KafkaScoringJob() {}

    /**
     * The job's Flink configuration: exactly-once checkpoints every {@code --checkpoint-interval-ms};
     * exponential-delay restarts (1 s up to 30 s, failing after 10 attempts without an hour of
     * stable running in between); with {@code --checkpoint-dir}, checkpoints on disk there, retained
     * on cancellation and failure (deleted when a bounded job finishes), and recovery from the latest
     * completed one ({@link StateRecoveryOptions#SAVEPOINT_PATH}) in claim mode. State of an operator
     * the job no longer has is ignored on that recovery: a job restarted without {@code --model-topic}
     * or {@code --eval-topic} leaves the model source's or the evaluation sink's state behind.
     * Checkpoints are aligned (never unaligned, whatever the cluster's default): the models in state,
     * written by one subtask, must be those every subtask had at the barrier.
     */
    public static Configuration configuration(JobOptions options) throws IOException {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(options.checkpointIntervalMs()));
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
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
                conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
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
        return wire(env, options, model, null, stoppingOffsets);
    }

    /**
     * Adds the Kafka sources, the pipeline and the Kafka sinks to {@code env}: records in, scores and
     * dead letters out; with {@code --model-topic}, model updates in (one reader, broadcast to every
     * scoring subtask) and refused updates out to {@code <model-topic>.dlq}; with {@code --eval-topic},
     * evaluation records out.
     *
     * @param model           the model to score with (a restored checkpoint's model takes precedence)
     * @param shadow          the shadow model, or null (a restored checkpoint's shadow takes precedence)
     * @param stoppingOffsets where a bounded job's input stops (null for an unbounded job)
     * @throws IllegalArgumentException when the shadow model does not fit the model
     */
    public static ScoringPipeline.Streams wire(StreamExecutionEnvironment env, JobOptions options, ModelSpec model,
                                               ModelSpec shadow, Map<TopicPartition, Long> stoppingOffsets) {
        DataStream<RawKafkaRecord> input = env
                .fromSource(source(options, stoppingOffsets), WatermarkStrategy.noWatermarks(),
                        String.format("kafka %s", options.inputTopic()))
                .uid(SOURCE_UID);
        DataStream<ModelUpdate> updates = options.modelTopic().isEmpty() ? null : env
                .fromSource(modelSource(options), WatermarkStrategy.noWatermarks(),
                        String.format("kafka %s", options.modelTopic().get()))
                .setParallelism(1)
                .uid(MODEL_SOURCE_UID);
        ScoringPipeline.Streams streams = ScoringPipeline.build(input, updates, model, shadow, options.pipeline(),
                options.evaluation());
        streams.scores().sinkTo(sink(options, options.outputTopic()))
                .name(String.format("kafka %s", options.outputTopic())).uid(SCORES_SINK_UID);
        streams.deadLetters().sinkTo(sink(options, options.deadLetterTopic()))
                .name(String.format("kafka %s", options.deadLetterTopic())).uid(DEAD_LETTER_SINK_UID);
        options.modelDeadLetterTopic().ifPresent(topic -> streams.modelDeadLetters().sinkTo(sink(options, topic))
                .setParallelism(1).name(String.format("kafka %s", topic)).uid(MODEL_DEAD_LETTER_SINK_UID));
        options.evalTopic().ifPresent(topic -> streams.evaluations().sinkTo(sink(options, topic))
                .name(String.format("kafka %s", topic)).uid(EVALUATION_SINK_UID));
        return streams;
    }

    /**
     * The model-update source: {@code --model-topic} from its earliest offsets, as group
     * {@code <group-id>.models}, {@code read_committed} unless {@code --kafka.isolation.level} says
     * otherwise. A job restored from a checkpoint resumes from the offsets in its state (after the
     * updates that produced the models in its state); a job without state replays every update
     * still in the topic, in order, and ends up serving the latest valid one. A bounded job reads
     * the updates that are in the topic when it starts.
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
     * The source: raw records of {@code --input-topic} as group {@code --group-id}, offsets committed
     * on checkpoints, {@code read_committed} unless {@code --kafka.isolation.level} says otherwise.
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
