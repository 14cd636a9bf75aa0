package dev.streamscore.job.pipeline;

import dev.streamscore.job.cli.UsageException;
import dev.streamscore.job.lifecycle.EvaluationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
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
    private static final Map<String, String> RESERVED = Map.of(
            "bootstrap.servers", "set it with --bootstrap-servers",
            "group.id", "set it with --group-id",
            "transactional.id", "the job derives it from --group-id and the topic",
            "key.serializer", "the job writes bytes",
            "value.serializer", "the job writes bytes",
            "key.deserializer", "the job reads bytes",
            "value.deserializer", "the job reads bytes");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

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

    private JobOptions(Builder b) {
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

    public static Builder builder() {
        return new Builder();
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

    private static String modelDeadLetterTopic(String modelTopic) {
        return String.format("%s.dlq", modelTopic);
    }

    private long minTransactionTimeoutMs() {
        return checkpointIntervalMs + RESTART_ALLOWANCE_MS;
    }

    /** Builds options in code; {@link #build()} checks them as {@link #parse} does. */
    public static final class Builder {
        private String bootstrapServers;
        private String inputTopic;
        private String outputTopic;
        private String deadLetterTopic;
        private Path model;
        private int batchSize = PipelineOptions.DEFAULT_BATCH_SIZE;
        private long batchTimeoutMs = PipelineOptions.DEFAULT_BATCH_TIMEOUT_MS;
        private Integer parallelism;
        private long checkpointIntervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS;
        private Delivery delivery = Delivery.EXACTLY_ONCE;
        private String groupId;
        private StartFrom startFrom = StartFrom.COMMITTED;
        private Path checkpointDir;
        private boolean bounded;
        private final Map<String, String> kafka = new LinkedHashMap<>();
        private String modelTopic;
        private Path shadowModel;
        private int evalWindow = EvaluationOptions.DEFAULT_WINDOW;
        private long evalIntervalMs = EvaluationOptions.DEFAULT_INTERVAL_MS;
        private String evalTopic;

        private Builder() {}

        public Builder bootstrapServers(String v) {
            bootstrapServers = v;
            return this;
        }

        public Builder inputTopic(String v) {
            inputTopic = v;
            return this;
        }

        public Builder outputTopic(String v) {
            outputTopic = v;
            return this;
        }

        public Builder deadLetterTopic(String v) {
            deadLetterTopic = v;
            return this;
        }

        public Builder model(Path v) {
            model = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder batchTimeoutMs(long v) {
            batchTimeoutMs = v;
            return this;
        }

        public Builder parallelism(int v) {
            parallelism = v;
            return this;
        }

        public Builder checkpointIntervalMs(long v) {
            checkpointIntervalMs = v;
            return this;
        }

        public Builder delivery(Delivery v) {
            delivery = v;
            return this;
        }

        public Builder groupId(String v) {
            groupId = v;
            return this;
        }

        public Builder startFrom(StartFrom v) {
            startFrom = v;
            return this;
        }

        public Builder checkpointDir(Path v) {
            checkpointDir = v;
            return this;
        }

        public Builder bounded(boolean v) {
            bounded = v;
            return this;
        }

        public Builder modelTopic(String v) {
            modelTopic = v;
            return this;
        }

        public Builder shadowModel(Path v) {
            shadowModel = v;
            return this;
        }

        public Builder evalWindow(int v) {
            evalWindow = v;
            return this;
        }

        public Builder evalIntervalMs(long v) {
            evalIntervalMs = v;
            return this;
        }

        public Builder evalTopic(String v) {
            evalTopic = v;
            return this;
        }

        /** A Kafka client property for every client of the job ({@code --kafka.NAME VALUE}). */
        public Builder kafka(String name, String value) {
            kafka.put(name, value);
            return this;
        }

        /** @throws IllegalArgumentException naming the flag and what was valid */
        public JobOptions build() {
            require(bootstrapServers, "--bootstrap-servers");
            require(inputTopic, "--input-topic");
            require(outputTopic, "--output-topic");
            if (!Arrays.stream(bootstrapServers.split(",")).allMatch(s -> HOST_PORT.matcher(s.trim()).matches())) {
                fail("--bootstrap-servers: expected HOST:PORT[,HOST:PORT...], got '%s'", bootstrapServers);
            }
            topic("--input-topic", inputTopic);
            topic("--output-topic", outputTopic);
            if (deadLetterTopic != null) {
                topic("--dead-letter-topic", deadLetterTopic);
            }
            String dlq = deadLetterTopic != null ? deadLetterTopic : String.format("%s.dlq", inputTopic);
            if (new HashSet<>(List.of(inputTopic, outputTopic, dlq)).size() < 3) {
                fail("input, output and dead-letter topics must differ, got '%s', '%s' and '%s'", inputTopic, outputTopic, dlq);
            }
            if (model != null && !Files.isRegularFile(model)) {
                fail("--model: no such file '%s'", model);
            }
            checkLifecycle(dlq);
            if (parallelism != null && parallelism < 1) {
                fail("--parallelism: must be >= 1, got %d", parallelism);
            }
            if (checkpointIntervalMs < 10) {
                fail("--checkpoint-interval-ms: must be >= 10, got %d", checkpointIntervalMs);
            }
            if (groupId != null && groupId.isBlank()) {
                fail("--group-id: must not be empty");
            }
            if (checkpointDir != null && Files.exists(checkpointDir) && !Files.isDirectory(checkpointDir)) {
                fail("--checkpoint-dir: '%s' exists and is not a directory", checkpointDir);
            }
            if (delivery == null || startFrom == null) {
                fail("delivery and start-from must be set");
            }
            checkKafka();
            new PipelineOptions(batchSize, batchTimeoutMs);
            return new JobOptions(this);
        }

        /** The model topic, its dead-letter topic and the eval topic: valid, and distinct from each other and the rest. */
        private void checkLifecycle(String dlq) {
            if (modelTopic != null) {
                topic("--model-topic", modelTopic);
            }
            if (evalTopic != null) {
                topic("--eval-topic", evalTopic);
            }
            List<String> all = new ArrayList<>(List.of(inputTopic, outputTopic, dlq));
            if (modelTopic != null) {
                all.add(modelTopic);
                all.add(modelDeadLetterTopic(modelTopic));
            }
            if (evalTopic != null) {
                all.add(evalTopic);
            }
            if (new HashSet<>(all).size() < all.size()) {
                fail("input, output, dead-letter, model, model dead-letter and eval topics must differ, got %s", all);
            }
            if (shadowModel != null && !Files.isRegularFile(shadowModel)) {
                fail("--shadow-model: no such file '%s'", shadowModel);
            }
            new EvaluationOptions(evalWindow, evalIntervalMs, evalTopic != null);
        }

        private void checkKafka() {
            for (Map.Entry<String, String> e : kafka.entrySet()) {
                if (e.getKey().isEmpty()) {
                    fail("--kafka.NAME: NAME must not be empty");
                }
                if (RESERVED.containsKey(e.getKey())) {
                    fail("--kafka.%s: %s", e.getKey(), RESERVED.get(e.getKey()));
                }
            }
            String timeout = kafka.get(TRANSACTION_TIMEOUT);
            if (timeout == null) {
                return;
            }
            long ms;
            try {
                ms = Long.parseLong(timeout);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(String.format(
                        "--kafka.%s: expected a number of milliseconds, got '%s'", TRANSACTION_TIMEOUT, timeout));
            }
            long min = checkpointIntervalMs + RESTART_ALLOWANCE_MS;
            if (delivery == Delivery.EXACTLY_ONCE && ms < min) {
                fail("--kafka.%s: %d ms is too short for exactly-once delivery: a transaction stays open from one"
                                + " checkpoint to the next and across a restart, so it must be at least"
                                + " --checkpoint-interval-ms (%d) + %d ms = %d ms",
                        TRANSACTION_TIMEOUT, ms, checkpointIntervalMs, RESTART_ALLOWANCE_MS, min);
            }
        }

        private static void require(String value, String flag) {
            if (value == null || value.isBlank()) {
                fail("%s is required", flag);
            }
        }

        private static void topic(String flag, String name) {
            if (!TOPIC.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                fail("%s: '%s' is not a valid Kafka topic name (1 to 249 of letters, digits, '.', '_', '-')", flag, name);
            }
        }

        private static void fail(String format, Object... args) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }
}
