package dev.streamscore.job.options;

import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.security.KafkaClientConfig;
import dev.streamscore.job.security.ModelSigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds {@link JobOptions}. The defaults are the field initialisers below; every check, and every
 * value derived from others, is in {@link #build()}, whose errors name the flag and what was valid
 * (the command line turns them into usage errors).
 */
public final class JobOptionsBuilder {
    public static final Range BATCH_SIZE = Range.atLeast("batch-size", 1);
    public static final Range BATCH_TIMEOUT_MS = Range.atLeast("batch-timeout-ms", 0);
    public static final Range PARALLELISM = Range.atLeast("parallelism", 1);
    public static final Range CHECKPOINT_INTERVAL_MS = Range.atLeast("checkpoint-interval-ms", 10);
    public static final Range EVAL_WINDOW = Range.atLeast("eval-window", 1);
    public static final Range EVAL_INTERVAL_MS = Range.atLeast("eval-interval-ms", 1);
    public static final Range MAX_RECORD_BYTES = Range.between("max-record-bytes", 1, Integer.MAX_VALUE - 8);
    public static final Range DEAD_LETTER_MAX_RAW_BYTES = Range.between("dead-letter-max-raw-bytes", 0, Integer.MAX_VALUE - 8);
    public static final Range MAX_MODEL_BYTES = Range.between("max-model-bytes", 1, Integer.MAX_VALUE - 8);
    /** {@code --max-record-bytes} unless set: a larger record is a dead letter without being parsed. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    /** {@code --dead-letter-max-raw-bytes} unless set: the most of a value a dead letter repeats. */
    public static final int DEFAULT_DEAD_LETTER_MAX_RAW_BYTES = 64 << 10;
    /** {@code --max-model-bytes} unless set: a larger model file or update is refused unread. */
    public static final int DEFAULT_MAX_MODEL_BYTES = 512 << 20;
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

    String bootstrapServers;
    String inputTopic;
    String outputTopic;
    String deadLetterTopic;
    Path model;
    int batchSize = 256;
    long batchTimeoutMs = 20;
    Integer parallelism;
    long checkpointIntervalMs = 1_000;
    JobOptions.Delivery delivery = JobOptions.Delivery.EXACTLY_ONCE;
    String groupId;
    JobOptions.StartFrom startFrom = JobOptions.StartFrom.COMMITTED;
    Path checkpointDir;
    boolean bounded;
    final Map<String, String> kafka = new LinkedHashMap<>();
    String modelTopic;
    Path shadowModel;
    int evalWindow = 1_000;
    long evalIntervalMs = 5_000;
    String evalTopic;
    int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    int deadLetterMaxRawBytes = DEFAULT_DEAD_LETTER_MAX_RAW_BYTES;
    int maxModelBytes = DEFAULT_MAX_MODEL_BYTES;
    Path kafkaConfig;
    Path modelSigningKey;
    List<String> features;
    String labelField = RecordLayout.DEFAULT.labelField();
    String idField = RecordLayout.DEFAULT.idField();

    JobOptionsBuilder() {}

    public JobOptionsBuilder bootstrapServers(String v) {
        bootstrapServers = v;
        return this;
    }

    public JobOptionsBuilder inputTopic(String v) {
        inputTopic = v;
        return this;
    }

    public JobOptionsBuilder outputTopic(String v) {
        outputTopic = v;
        return this;
    }

    /** Default {@code <input-topic>.dlq}. */
    public JobOptionsBuilder deadLetterTopic(String v) {
        deadLetterTopic = v;
        return this;
    }

    public JobOptionsBuilder model(Path v) {
        model = v;
        return this;
    }

    public JobOptionsBuilder batchSize(int v) {
        batchSize = v;
        return this;
    }

    public JobOptionsBuilder batchTimeoutMs(long v) {
        batchTimeoutMs = v;
        return this;
    }

    public JobOptionsBuilder parallelism(int v) {
        parallelism = v;
        return this;
    }

    public JobOptionsBuilder checkpointIntervalMs(long v) {
        checkpointIntervalMs = v;
        return this;
    }

    public JobOptionsBuilder delivery(JobOptions.Delivery v) {
        delivery = v;
        return this;
    }

    /** Default {@code streamscore-<input-topic>}. */
    public JobOptionsBuilder groupId(String v) {
        groupId = v;
        return this;
    }

    public JobOptionsBuilder startFrom(JobOptions.StartFrom v) {
        startFrom = v;
        return this;
    }

    public JobOptionsBuilder checkpointDir(Path v) {
        checkpointDir = v;
        return this;
    }

    public JobOptionsBuilder bounded(boolean v) {
        bounded = v;
        return this;
    }

    /** Model updates are read from it; refused ones go to {@code <model-topic>.dlq}. */
    public JobOptionsBuilder modelTopic(String v) {
        modelTopic = v;
        return this;
    }

    public JobOptionsBuilder shadowModel(Path v) {
        shadowModel = v;
        return this;
    }

    public JobOptionsBuilder evalWindow(int v) {
        evalWindow = v;
        return this;
    }

    public JobOptionsBuilder evalIntervalMs(long v) {
        evalIntervalMs = v;
        return this;
    }

    public JobOptionsBuilder evalTopic(String v) {
        evalTopic = v;
        return this;
    }

    public JobOptionsBuilder maxRecordBytes(int v) {
        maxRecordBytes = v;
        return this;
    }

    public JobOptionsBuilder deadLetterMaxRawBytes(int v) {
        deadLetterMaxRawBytes = v;
        return this;
    }

    public JobOptionsBuilder maxModelBytes(int v) {
        maxModelBytes = v;
        return this;
    }

    /**
     * A Kafka client properties file ({@code --kafka-config}, as Kafka's tools take with
     * {@code --command-config}): its settings go to every client, under the {@code --kafka.*} flags.
     */
    public JobOptionsBuilder kafkaConfig(Path v) {
        kafkaConfig = v;
        return this;
    }

    /** The HMAC-SHA256 key file model updates must be signed with ({@code --model-signing-key}). */
    public JobOptionsBuilder modelSigningKey(Path v) {
        modelSigningKey = v;
        return this;
    }

    /**
     * The event fields the features come from, in order ({@code --features}); null (the default)
     * for the fields the model names, else the {@code features} array.
     */
    public JobOptionsBuilder features(List<String> v) {
        features = v == null ? null : List.copyOf(v);
        return this;
    }

    /** The path of the label ({@code --label-field}, default {@code label}). */
    public JobOptionsBuilder labelField(String v) {
        labelField = v;
        return this;
    }

    /** The path of the id ({@code --id-field}, default {@code id}). */
    public JobOptionsBuilder idField(String v) {
        idField = v;
        return this;
    }

    /** A Kafka client property for every client of the job ({@code --kafka.NAME VALUE}). */
    public JobOptionsBuilder kafka(String name, String value) {
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
        String dlq = deadLetterTopic != null ? deadLetterTopic : String.format("%s.dlq", inputTopic);
        checkTopics(dlq);
        if (model != null && !Files.isRegularFile(model)) {
            fail("--model: no such file '%s'", model);
        }
        if (shadowModel != null && !Files.isRegularFile(shadowModel)) {
            fail("--shadow-model: no such file '%s'", shadowModel);
        }
        BATCH_SIZE.check(batchSize);
        BATCH_TIMEOUT_MS.check(batchTimeoutMs);
        if (parallelism != null) {
            PARALLELISM.check(parallelism);
        }
        CHECKPOINT_INTERVAL_MS.check(checkpointIntervalMs);
        EVAL_WINDOW.check(evalWindow);
        EVAL_INTERVAL_MS.check(evalIntervalMs);
        MAX_RECORD_BYTES.check(maxRecordBytes);
        MAX_MODEL_BYTES.check(maxModelBytes);

        if (groupId != null && groupId.isBlank()) {
            fail("--group-id: must not be empty");
        }
        if (checkpointDir != null && Files.exists(checkpointDir) && !Files.isDirectory(checkpointDir)) {
            fail("--checkpoint-dir: '%s' exists and is not a directory", checkpointDir);
        }
        if (delivery == null || startFrom == null) {
            fail("delivery and start-from must be set");
        }
        DEAD_LETTER_MAX_RAW_BYTES.check(deadLetterMaxRawBytes);
        new RecordLayout(features == null ? List.of() : features, labelField, idField); // the paths, before any model
        KafkaClientConfig clients = KafkaSettings.merge(kafkaConfig, kafka);
        KafkaSettings.checkDeadLetterSize(clients.settings(), deadLetterMaxRawBytes);
        return new JobOptions(this, dlq, groupId != null ? groupId : String.format("streamscore-%s", inputTopic),
                KafkaSettings.transactionTimeoutMs(clients.settings(), checkpointIntervalMs, delivery), clients,
                modelSigningKey == null ? null : ModelSigningKey.load("--model-signing-key", modelSigningKey));
    }

    /** Every topic is a valid name, and no two of them are the same. */
    private void checkTopics(String dlq) {
        topic("--input-topic", inputTopic);
        topic("--output-topic", outputTopic);
        topic("--dead-letter-topic", dlq);
        if (new HashSet<>(List.of(inputTopic, outputTopic, dlq)).size() < 3) {
            fail("input, output and dead-letter topics must differ, got '%s', '%s' and '%s'", inputTopic, outputTopic, dlq);
        }
        List<String> all = new ArrayList<>(List.of(inputTopic, outputTopic, dlq));
        if (modelTopic != null) {
            topic("--model-topic", modelTopic);
            all.add(modelTopic);
            all.add(JobOptions.modelDeadLetterTopic(modelTopic));
        }
        if (evalTopic != null) {
            topic("--eval-topic", evalTopic);
            all.add(evalTopic);
        }
        if (new HashSet<>(all).size() < all.size()) {
            fail("input, output, dead-letter, model, model dead-letter and eval topics must differ, got %s", all);
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
