package dev.streamscore.job.options;

import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.security.KafkaClientConfig;
import dev.streamscore.job.security.ModelSigningKey;
import dev.streamscore.util.EnumNames;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The options of the scoring job ({@code ./streamscore run} and the job jar's entry point): one
 * immutable value, made and checked by {@link JobOptionsBuilder#build()}, from code or from the
 * command line ({@link JobFlags}). Defaults and derived values (the dead-letter topic, the group
 * id, the transaction timeout) are computed there, once.
 */
public final class JobOptions {
    /** What the sinks guarantee. */
    public enum Delivery {
        EXACTLY_ONCE, AT_LEAST_ONCE;

        /** As on the command line: {@code exactly-once}, {@code at-least-once}. */
        public String flag() {
            return EnumNames.of(this, '-');
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
            return EnumNames.of(this, '-');
        }
    }

    /**
     * What the scoring operator needs of the options (it is shipped to the task managers).
     *
     * @param batchSize       most rows per batch
     * @param batchTimeoutMs  longest a row waits for its batch to fill, in ms of processing time (0: no wait)
     * @param evalWindow      labelled records the rolling evaluation covers, per model version
     * @param evalIntervalMs  how often each subtask writes its evaluation records
     * @param emitEvaluations whether evaluation records are written at all (an eval topic is set)
     * @param maxRecordBytes  a larger record is a dead letter without being parsed
     * @param deadLetterMaxRawBytes the most of a value a dead letter repeats
     * @param maxModelBytes   a larger model update is refused unread
     * @param modelSigningKey the key model updates must be signed with, or null
     */
    public record Scoring(int batchSize, long batchTimeoutMs, int evalWindow, long evalIntervalMs,
                          boolean emitEvaluations, int maxRecordBytes, int deadLetterMaxRawBytes,
                          int maxModelBytes, ModelSigningKey modelSigningKey) implements Serializable {}

    final String bootstrapServers;
    final String inputTopic;
    final String outputTopic;
    final String deadLetterTopic;
    final Path model;
    final Scoring scoring;
    final Integer parallelism;
    final long checkpointIntervalMs;
    final Delivery delivery;
    final String groupId;
    final StartFrom startFrom;
    final Path checkpointDir;
    final boolean bounded;
    final KafkaClientConfig kafka;
    final long transactionTimeoutMs;
    final String modelTopic;
    final Path shadowModel;
    final String evalTopic;
    final List<String> features;
    final String labelField;
    final String idField;

    JobOptions(JobOptionsBuilder b, String deadLetterTopic, String groupId, long transactionTimeoutMs,
               KafkaClientConfig kafka, ModelSigningKey modelSigningKey) {
        this.bootstrapServers = b.bootstrapServers;
        this.inputTopic = b.inputTopic;
        this.outputTopic = b.outputTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.model = b.model;
        this.scoring = new Scoring(b.batchSize, b.batchTimeoutMs, b.evalWindow, b.evalIntervalMs, b.evalTopic != null,
                b.maxRecordBytes, b.deadLetterMaxRawBytes, b.maxModelBytes, modelSigningKey);
        this.parallelism = b.parallelism;
        this.checkpointIntervalMs = b.checkpointIntervalMs;
        this.delivery = b.delivery;
        this.groupId = groupId;
        this.startFrom = b.startFrom;
        this.checkpointDir = b.checkpointDir;
        this.bounded = b.bounded;
        this.kafka = kafka;
        this.transactionTimeoutMs = transactionTimeoutMs;
        this.modelTopic = b.modelTopic;
        this.shadowModel = b.shadowModel;
        this.evalTopic = b.evalTopic;
        this.features = b.features;
        this.labelField = b.labelField;
        this.idField = b.idField;
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

    /** Batching and evaluation settings of the scoring operator. */
    public Scoring scoring() {
        return scoring;
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

    /** {@code --eval-topic}: where each subtask writes its evaluation records; empty for metrics only. */
    public Optional<String> evalTopic() {
        return Optional.ofNullable(evalTopic);
    }

    /**
     * Where the records' fields are, for a model that names {@code modelFields} (maybe none) and
     * takes {@code inputWidth} inputs: {@code --features} (the same as the model's, when it names
     * any), else the model's fields, else the {@code features} array; {@code --label-field} and
     * {@code --id-field}.
     *
     * @throws IllegalArgumentException a usage error naming the difference or both widths
     */
    public RecordLayout layout(List<String> modelFields, int inputWidth) {
        return RecordLayout.choose(features, labelField, idField, modelFields, inputWidth);
    }

    /**
     * The Kafka client settings for every client the job makes ({@code --kafka-config} under the
     * {@code --kafka.NAME VALUE} flags), as a new copy.
     */
    public Properties kafkaProperties() {
        return kafka.toProperties();
    }

    /** {@code text} with the value of every secret Kafka setting shown as {@code [hidden]}. */
    public String scrub(String text) {
        return kafka.scrub(text);
    }

    /** The producers' {@code transaction.timeout.ms}: {@code --kafka.transaction.timeout.ms} or the default. */
    public long transactionTimeoutMs() {
        return transactionTimeoutMs;
    }

    /**
     * The transactional-id prefix of the sink writing {@code topic}: unique per job (group id and
     * topic) and the same on every restart, so a restarted job aborts its predecessor's open
     * transactions instead of leaving them to time out.
     */
    public String transactionalIdPrefix(String topic) {
        return String.format("%s-%s", groupId, topic);
    }

    static String modelDeadLetterTopic(String modelTopic) {
        return String.format("%s.dlq", modelTopic);
    }
}
