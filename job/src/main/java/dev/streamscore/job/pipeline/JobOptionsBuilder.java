package dev.streamscore.job.pipeline;

import dev.streamscore.job.lifecycle.EvaluationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link JobOptions} in code; {@link #build()} checks them as {@link JobOptions#parse} does. */
public final class JobOptionsBuilder {
    String bootstrapServers;
    String inputTopic;
    String outputTopic;
    String deadLetterTopic;
    Path model;
    int batchSize = PipelineOptions.DEFAULT_BATCH_SIZE;
    long batchTimeoutMs = PipelineOptions.DEFAULT_BATCH_TIMEOUT_MS;
    Integer parallelism;
    long checkpointIntervalMs = JobOptions.DEFAULT_CHECKPOINT_INTERVAL_MS;
    JobOptions.Delivery delivery = JobOptions.Delivery.EXACTLY_ONCE;
    String groupId;
    JobOptions.StartFrom startFrom = JobOptions.StartFrom.COMMITTED;
    Path checkpointDir;
    boolean bounded;
    final Map<String, String> kafka = new LinkedHashMap<>();
    String modelTopic;
    Path shadowModel;
    int evalWindow = EvaluationOptions.DEFAULT_WINDOW;
    long evalIntervalMs = EvaluationOptions.DEFAULT_INTERVAL_MS;
    String evalTopic;

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

    /** {@code --model-topic}: model updates are read from it; refused ones go to {@code <model-topic>.dlq}. */
    public JobOptionsBuilder modelTopic(String v) {
        modelTopic = v;
        return this;
    }

    /** {@code --shadow-model}. */
    public JobOptionsBuilder shadowModel(Path v) {
        shadowModel = v;
        return this;
    }

    /** {@code --eval-window}. */
    public JobOptionsBuilder evalWindow(int v) {
        evalWindow = v;
        return this;
    }

    /** {@code --eval-interval-ms}. */
    public JobOptionsBuilder evalIntervalMs(long v) {
        evalIntervalMs = v;
        return this;
    }

    /** {@code --eval-topic}. */
    public JobOptionsBuilder evalTopic(String v) {
        evalTopic = v;
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
        if (!Arrays.stream(bootstrapServers.split(",")).allMatch(s -> JobOptions.HOST_PORT.matcher(s.trim()).matches())) {
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
        new PipelineOptions(batchSize, batchTimeoutMs); // checks --batch-size and --batch-timeout-ms
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
            all.add(JobOptions.modelDeadLetterTopic(modelTopic));
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
        new EvaluationOptions(evalWindow, evalIntervalMs, evalTopic != null); // checks --eval-window and --eval-interval-ms
    }

    private void checkKafka() {
        for (Map.Entry<String, String> e : kafka.entrySet()) {
            if (e.getKey().isEmpty()) {
                fail("--kafka.NAME: NAME must not be empty");
            }
            if (JobOptions.RESERVED.containsKey(e.getKey())) {
                fail("--kafka.%s: %s", e.getKey(), JobOptions.RESERVED.get(e.getKey()));
            }
        }
        String timeout = kafka.get(JobOptions.TRANSACTION_TIMEOUT);
        if (timeout == null) {
            return;
        }
        long ms;
        try {
            ms = Long.parseLong(timeout);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(
                    "--kafka.%s: expected a number of milliseconds, got '%s'", JobOptions.TRANSACTION_TIMEOUT, timeout));
        }
        long min = checkpointIntervalMs + JobOptions.RESTART_ALLOWANCE_MS;
        if (delivery == JobOptions.Delivery.EXACTLY_ONCE && ms < min) {
            fail("--kafka.%s: %d ms is too short for exactly-once delivery: a transaction stays open from one"
                            + " checkpoint to the next and across a restart, so it must be at least"
                            + " --checkpoint-interval-ms (%d) + %d ms = %d ms",
                    JobOptions.TRANSACTION_TIMEOUT, ms, checkpointIntervalMs, JobOptions.RESTART_ALLOWANCE_MS, min);
        }
    }

    private static void require(String value, String flag) {
        if (value == null || value.isBlank()) {
            fail("%s is required", flag);
        }
    }

    private static void topic(String flag, String name) {
        if (!JobOptions.TOPIC.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            fail("%s: '%s' is not a valid Kafka topic name (1 to 249 of letters, digits, '.', '_', '-')", flag, name);
        }
    }

    private static void fail(String format, Object... args) {
        throw new IllegalArgumentException(String.format(format, args));
    }
}
