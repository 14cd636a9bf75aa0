package dev.streamscore.job.pipeline;

import dev.streamscore.job.cli.UsageException;
import dev.streamscore.job.lifecycle.EvaluationOptions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The options of the scoring job ({@code ./streamscore run} and the job jar's entry point), all
 * validated when built. {@link #parse} reads the command line; {@link #builder()} is for callers
 * that start the job from code.
 */
public final class JobOptions {
    public static final String USAGE = "run --bootstrap-servers HOST:PORT --input-topic T --output-topic T --model FILE"
            + " [--dead-letter-topic T] [--batch-size N] [--batch-timeout-ms MS] [--parallelism N]"
            + " [--checkpoint-interval-ms MS] [--delivery exactly-once|at-least-once] [--group-id G]"
            + " [--start-from earliest|latest|committed] [--checkpoint-dir DIR] [--bounded]"
            + " [--model-topic T] [--shadow-model FILE] [--eval-window N] [--eval-interval-ms MS] [--eval-topic T]"
            + " [--kafka.NAME VALUE ...]";
    public static final long DEFAULT_CHECKPOINT_INTERVAL_MS = 1_000;
    /** Kafka producer {@code transaction.timeout.ms} unless set: below the broker's 15 min maximum. */
    public static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 600_000;
    /** Time allowed for a restart, on top of the checkpoint interval, when checking the transaction timeout. */
    public static final long RESTART_ALLOWANCE_MS = 30_000;
    public static final String TRANSACTION_TIMEOUT = "transaction.timeout.ms";

    /** Kafka properties the job sets itself; each is named with the flag to use instead, if any. */
    static final Map<String, String> RESERVED = Map.of(
            "bootstrap.servers", "set it with --bootstrap-servers",
            "group.id", "set it with --group-id",
            "transactional.id", "the job derives it from --group-id and the topic",
            "key.serializer", "the job writes bytes",
            "value.serializer", "the job writes bytes",
            "key.deserializer", "the job reads bytes",
            "value.deserializer", "the job reads bytes");
    static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

    /** What the sinks guarantee. */
    public enum Delivery {
        EXACTLY_ONCE, AT_LEAST_ONCE;

        public String flag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where the source starts when there is no checkpoint to resume from. */
    public enum StartFrom {
        /** The oldest offsets. */
        EARLIEST,
        /** The newest offsets: only records written after the start. */
        LATEST,
        /** The group's committed offsets; partitions without one start from the earliest. */
        COMMITTED;

        public String flag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String bootstrapServers;
    private final String inputTopic;
    private final String outputTopic;
    private final String deadLetterTopic;
    private final Path model;
    private final PipelineOptions pipeline;
    private final Integer parallelism;
    private final long checkpointIntervalMs;
    private final Delivery delivery;
    private final String groupId;
    private final StartFrom startFrom;
    private final Path checkpointDir;
    private final boolean bounded;
    private final Map<String, String> kafka;
    private final String modelTopic;
    private final Path shadowModel;
    private final EvaluationOptions evaluation;
    private final String evalTopic;

    JobOptions(JobOptionsBuilder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.inputTopic = b.inputTopic;
        this.outputTopic = b.outputTopic;
        this.deadLetterTopic = b.deadLetterTopic != null ? b.deadLetterTopic : String.format("%s.dlq", b.inputTopic);
        this.model = b.model;
        this.pipeline = new PipelineOptions(b.batchSize, b.batchTimeoutMs);
        this.parallelism = b.parallelism;
        this.checkpointIntervalMs = b.checkpointIntervalMs;
        this.delivery = b.delivery;
        this.groupId = b.groupId != null ? b.groupId : String.format("streamscore-%s", b.inputTopic);
        this.startFrom = b.startFrom;
        this.checkpointDir = b.checkpointDir;
        this.bounded = b.bounded;
        this.kafka = Collections.unmodifiableMap(new LinkedHashMap<>(b.kafka));
        this.modelTopic = b.modelTopic;
        this.shadowModel = b.shadowModel;
        this.evalTopic = b.evalTopic;
        this.evaluation = new EvaluationOptions(b.evalWindow, b.evalIntervalMs, b.evalTopic != null);
    }

    /**
     * Parses the arguments of {@code run}.
     *
     * @return the options, or empty when {@code --help} was given
     * @throws UsageException naming the flag and what was valid
     */
    public static Optional<JobOptions> parse(List<String> args) {
        return OptionParser.parse(args);
    }

    public static JobOptionsBuilder builder() {
        return new JobOptionsBuilder();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String inputTopic() {
        return inputTopic;
    }

    public String outputTopic() {
        return outputTopic;
    }

    /** {@code --dead-letter-topic}, default {@code <input-topic>.dlq}. */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** The model file; empty when the options were built in code for a model given separately. */
    public Optional<Path> model() {
        return Optional.ofNullable(model);
    }

    public PipelineOptions pipeline() {
        return pipeline;
    }

    /** {@code --parallelism}; empty for the environment's default. */
    public OptionalInt parallelism() {
        return parallelism == null ? OptionalInt.empty() : OptionalInt.of(parallelism);
    }

    public long checkpointIntervalMs() {
        return checkpointIntervalMs;
    }

    public Delivery delivery() {
        return delivery;
    }

    /** {@code --group-id}, default {@code streamscore-<input-topic>}. */
    public String groupId() {
        return groupId;
    }

    public StartFrom startFrom() {
        return startFrom;
    }

    public Optional<Path> checkpointDir() {
        return Optional.ofNullable(checkpointDir);
    }

    public boolean bounded() {
        return bounded;
    }

    /** {@code --model-topic}: model updates (key = model name, headers {@code version} and {@code role}); empty for none. */
    public Optional<String> modelTopic() {
        return Optional.ofNullable(modelTopic);
    }

    /** Where refused model updates go: {@code <model-topic>.dlq}; empty without a model topic. */
    public Optional<String> modelDeadLetterTopic() {
        return modelTopic().map(JobOptions::modelDeadLetterTopic);
    }

    /** {@code --shadow-model}: a model scored beside the primary for evaluation only; empty for none. */
    public Optional<Path> shadowModel() {
        return Optional.ofNullable(shadowModel);
    }

    /** {@code --eval-window} and {@code --eval-interval-ms}; evaluation records are written when {@code --eval-topic} is set. */
    public EvaluationOptions evaluation() {
        return evaluation;
    }

    /** {@code --eval-topic}: where each subtask writes its evaluation records; empty for metrics only. */
    public Optional<String> evalTopic() {
        return Optional.ofNullable(evalTopic);
    }

    /** {@code <model-topic>.dlq}. */
    static String modelDeadLetterTopic(String modelTopic) {
        return String.format("%s.dlq", modelTopic);
    }

    /** The {@code --kafka.NAME VALUE} properties, for every Kafka client the job makes. */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        p.putAll(kafka);
        return p;
    }

    /** The producers' {@code transaction.timeout.ms}: {@code --kafka.transaction.timeout.ms} or the default. */
    public long transactionTimeoutMs() {
        String set = kafka.get(TRANSACTION_TIMEOUT);
        return set != null ? Long.parseLong(set) : Math.max(DEFAULT_TRANSACTION_TIMEOUT_MS, minTransactionTimeoutMs());
    }

    /**
     * The transactional-id prefix of the sink writing {@code topic}: unique per job (group id and
     * topic) and the same on every restart, so a restarted job aborts its predecessor's open
     * transactions instead of leaving them to time out.
     */
    public String transactionalIdPrefix(String topic) {
        return String.format("%s-%s", groupId, topic);
    }

    private long minTransactionTimeoutMs() {
        return checkpointIntervalMs + RESTART_ALLOWANCE_MS;
    }
}
