package dev.streamscore.job.pipeline;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.TopicPartition;

/**
 * The scoring job: {@link #build} adds the parse and score stages to any record stream (tests
 * give their own sources and sinks), {@link #wire} puts Kafka around them, and
 * {@link #configuration} sets checkpointing, restarts and recovery.
 */
public final class ScoringJob {
    /** Operator uids: stable, so state maps back onto the same operators after a restart. */
    public static final String SOURCE_UID = "streamscore-kafka-source";
    public static final String SCORE_UID = "streamscore-score";
    public static final String NO_UPDATES_UID = "streamscore-no-model-updates";
    public static final String SCORES_SINK_UID = "streamscore-scores-sink";
    public static final String DEAD_LETTER_SINK_UID = "streamscore-dead-letter-sink";
    public static final String MODEL_SOURCE_UID = "streamscore-model-source";
    public static final String MODEL_DEAD_LETTER_SINK_UID = "streamscore-model-dead-letter-sink";
    public static final String EVALUATION_SINK_UID = "streamscore-evaluation-sink";

    private static final String LOOPBACK = "127.0.0.1";
    /** The longest a record waits in a partly filled network buffer between two tasks, ms (Flink's default: 100). */
    static final long MAX_NETWORK_BUFFER_TIMEOUT_MS = 5;

    private ScoringJob() {}

    /**
     * What the job writes.
     *
     * @param scores           one output record per valid input record (key and timestamp of the input)
     * @param deadLetters      one dead-letter record per invalid input record (key and timestamp of the input)
     * @param modelDeadLetters one record per refused model update (key and timestamp of the update)
     * @param evaluations      evaluation records (empty unless an eval topic is set)
     */
    public record Streams(DataStream<KeyedValue> scores, DataStream<KeyedValue> deadLetters,
                          DataStream<KeyedValue> modelDeadLetters, DataStream<KeyedValue> evaluations) {}

    /**
     * Exactly-once checkpoints every {@code --checkpoint-interval-ms}, aligned (the models in
     * state, written by one subtask, must be those every subtask had at the barrier); exponential
     * restarts (1 s up to 30 s, failing after 10 attempts without an hour of stable running); with
     * {@code --checkpoint-dir}, checkpoints kept there and the job resumed from the latest
     * completed one in claim mode, ignoring the state of operators it no longer has (a job
     * restarted without {@code --model-topic} or {@code --eval-topic}). Network buffers are
     * flushed after {@link #networkBufferTimeoutMs}; objects are handed between chained operators
     * without a copy. That is safe because no operator changes a record it has emitted or been
     * given, and the one that keeps records, the scoring operator's batch, keeps
     * {@link RawKafkaRecord}s: immutable, and new for each record, since they reach it over the
     * network and their serializer never reuses one.
     */
    public static Configuration configuration(JobOptions options) throws IOException {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(networkBufferTimeoutMs(options.scoring().batchTimeoutMs())));
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(options.checkpointIntervalMs()));
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, 10);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        options.parallelism().ifPresent(p -> conf.set(CoreOptions.DEFAULT_PARALLELISM, p));
        if (options.checkpointDir().isPresent()) {
            Path dir = options.checkpointDir().get().toAbsolutePath();
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            CheckpointDirs.latestCompleted(dir).ifPresent(chk -> {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toUri().toString());
                conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
                conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            });
        }
        return conf;
    }

    /**
     * How long a partly filled network buffer waits for more records before it is sent, ms: the
     * batch timeout, at most {@value #MAX_NETWORK_BUFFER_TIMEOUT_MS}. The source hands records to
     * the scoring task over the network (a two-input operator is not chained to its source); with
     * Flink's default of 100 ms a record at low rates waited there five times longer than
     * {@code --batch-timeout-ms} lets it wait for its batch. A full buffer (32 KiB) is sent at once
     * whatever this says, and a flush every 5 ms costs nothing measurable; 0 (for a batch timeout of
     * 0) sends every record as it comes.
     */
    static long networkBufferTimeoutMs(long batchTimeoutMs) {
        return Math.min(batchTimeoutMs, MAX_NETWORK_BUFFER_TIMEOUT_MS);
    }

    /**
     * {@code conf} for a local Flink environment (the launcher's {@code run} and {@code demo}):
     * its REST, RPC and BLOB servers bind to 127.0.0.1 only, so nobody else on the network can
     * reach the job's REST API. Not for a cluster, whose own configuration decides.
     */
    public static Configuration loopbackOnly(Configuration conf) {
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        return conf;
    }

    /**
     * Adds parsing and scoring to {@code input}'s environment: one operator, so a record is parsed
     * where it is batched and scored, and its raw bytes are at hand should it become a dead letter
     * at any step. The model was loaded and compiled once by the caller; its input width and class
     * count are what records are validated for and what every later model must have. The operator
     * carries only the models' bytes.
     *
     * @param updates model updates, broadcast to every scoring subtask; give them from a single
     *                reader (parallelism 1) so every subtask sees them in the same order. Null for none.
     * @param shadow  the shadow model, or null for none
     * @throws IllegalArgumentException when the record layout does not fit the model (a usage error:
     *         {@link JobOptions#layout}), or the shadow cannot shadow the model
     */
    public static Streams build(DataStream<RawKafkaRecord> input, DataStream<ModelUpdate> updates, LoadedModel model,
                                LoadedModel shadow, JobOptions options) {
        int width = model.inputWidth();
        int classes = model.classes();
        RecordLayout layout = options.layout(model.featureFields(), width);
        if (shadow != null) {
            shadow.incompatibility(width, classes).or(shadow::defect).ifPresent(problem -> {
                throw new IllegalArgumentException(String.format("shadow model %s cannot shadow %s: %s",
                        shadow.id(), model.id(), problem));
            });
        }
        DataStream<ModelUpdate> modelUpdates = updates != null ? updates : input
                .flatMap(new NoUpdates(), TypeInformation.of(ModelUpdate.class))
                .name("no model updates").uid(NO_UPDATES_UID);
        SingleOutputStreamOperator<KeyedValue> scores = input
                .connect(modelUpdates.broadcast())
                .transform("score", TypeInformation.of(KeyedValue.class), new ScoringOperator(model.bytes(),
                        shadow == null ? null : shadow.bytes(), width, classes, layout, options.scoring()))
                .uid(SCORE_UID);
        return new Streams(scores, scores.getSideOutput(ScoringOperator.DEAD_LETTERS),
                scores.getSideOutput(ScoringOperator.MODEL_DEAD_LETTERS), scores.getSideOutput(ScoringOperator.EVALUATIONS));
    }

    /**
     * The whole job on Kafka: the input and (with {@code --model-topic}) model-update sources,
     * {@link #build}, and sinks for scores, dead letters, refused updates and evaluations.
     *
     * @param stoppingOffsets where a bounded job's input stops (null for an unbounded job)
     */
    public static Streams wire(StreamExecutionEnvironment env, JobOptions options, LoadedModel model, LoadedModel shadow,
                               Map<TopicPartition, Long> stoppingOffsets) {
        DataStream<RawKafkaRecord> input = env
                .fromSource(KafkaConnectors.source(options, stoppingOffsets), WatermarkStrategy.noWatermarks(),
                        String.format("kafka %s", options.inputTopic()))
                .uid(SOURCE_UID);
        DataStream<ModelUpdate> updates = options.modelTopic().isEmpty() ? null : env
                .fromSource(KafkaConnectors.modelSource(options), WatermarkStrategy.noWatermarks(),
                        String.format("kafka %s", options.modelTopic().get()))
                .setParallelism(1)
                .uid(MODEL_SOURCE_UID);
        Streams streams = build(input, updates, model, shadow, options);
        streams.scores().sinkTo(KafkaConnectors.sink(options, options.outputTopic()))
                .name(String.format("kafka %s", options.outputTopic())).uid(SCORES_SINK_UID);
        streams.deadLetters().sinkTo(KafkaConnectors.sink(options, options.deadLetterTopic()))
                .name(String.format("kafka %s", options.deadLetterTopic())).uid(DEAD_LETTER_SINK_UID);
        options.modelDeadLetterTopic().ifPresent(topic -> streams.modelDeadLetters()
                .sinkTo(KafkaConnectors.sink(options, topic))
                .setParallelism(1).name(String.format("kafka %s", topic)).uid(MODEL_DEAD_LETTER_SINK_UID));
        options.evalTopic().ifPresent(topic -> streams.evaluations().sinkTo(KafkaConnectors.sink(options, topic))
                .name(String.format("kafka %s", topic)).uid(EVALUATION_SINK_UID));
        return streams;
    }

    /**
     * The update input of a job without a model topic: emits nothing. It derives from the record
     * stream and keeps no state, rather than being a source of its own, so a job restarted later
     * with a model topic finds no state of an operator that is gone, and the graph has no extra source.
     */
    private static final class NoUpdates implements FlatMapFunction<RawKafkaRecord, ModelUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(RawKafkaRecord value, Collector<ModelUpdate> out) {
            // no model updates
        }
    }
}
