package dev.streamscore.job.pipeline;

import dev.streamscore.job.cli.Flags;
import dev.streamscore.job.cli.UsageException;
import dev.streamscore.job.lifecycle.EvaluationOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code run} command line into {@link JobOptions} with the launcher's {@link Flags}. */
final class OptionParser {
    private static final String KAFKA = "kafka.";
    static final Flags.Spec SPEC = Flags.spec()
            .value("bootstrap-servers").value("input-topic").value("output-topic").value("model")
            .value("dead-letter-topic").value("batch-size").value("batch-timeout-ms").value("parallelism")
            .value("checkpoint-interval-ms").value("delivery").value("group-id").value("start-from")
            .value("checkpoint-dir").flag("bounded")
            .value("model-topic").value("shadow-model").value("eval-window").value("eval-interval-ms").value("eval-topic")
            .prefix(KAFKA);

    private OptionParser() {}

    /** @return the options, or empty when {@code --help} was given */
    static Optional<JobOptions> parse(List<String> args) {
        Flags flags = SPEC.parse(args);
        if (flags.help()) {
            return Optional.empty();
        }
        JobOptionsBuilder b = JobOptions.builder()
                .bootstrapServers(flags.required("bootstrap-servers"))
                .inputTopic(flags.required("input-topic"))
                .outputTopic(flags.required("output-topic"))
                .model(Path.of(flags.required("model")))
                .batchSize(flags.intValue("batch-size", PipelineOptions.DEFAULT_BATCH_SIZE, 1, Integer.MAX_VALUE))
                .batchTimeoutMs(flags.longValue("batch-timeout-ms", PipelineOptions.DEFAULT_BATCH_TIMEOUT_MS, 0, Long.MAX_VALUE))
                .checkpointIntervalMs(flags.longValue("checkpoint-interval-ms",
                        JobOptions.DEFAULT_CHECKPOINT_INTERVAL_MS, 10, Long.MAX_VALUE))
                .delivery(choice(flags, "delivery", JobOptions.Delivery.values(), JobOptions.Delivery.EXACTLY_ONCE))
                .startFrom(choice(flags, "start-from", JobOptions.StartFrom.values(), JobOptions.StartFrom.COMMITTED))
                .bounded(flags.isSet("bounded"));
        flags.optional("dead-letter-topic").ifPresent(b::deadLetterTopic);
        flags.optional("group-id").ifPresent(b::groupId);
        flags.optional("checkpoint-dir").ifPresent(d -> b.checkpointDir(Path.of(d)));
        flags.optional("model-topic").ifPresent(b::modelTopic);
        flags.optional("shadow-model").ifPresent(f -> b.shadowModel(Path.of(f)));
        flags.optional("eval-topic").ifPresent(b::evalTopic);
        b.evalWindow(flags.intValue("eval-window", EvaluationOptions.DEFAULT_WINDOW, 1, Integer.MAX_VALUE));
        b.evalIntervalMs(flags.longValue("eval-interval-ms", EvaluationOptions.DEFAULT_INTERVAL_MS, 1, Long.MAX_VALUE));
        if (flags.optional("parallelism").isPresent()) {
            b.parallelism(flags.intValue("parallelism", 1, 1, Integer.MAX_VALUE));
        }
        for (Map.Entry<String, String> e : flags.prefixed(KAFKA).entrySet()) {
            b.kafka(e.getKey(), e.getValue());
        }
        try {
            return Optional.of(b.build());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static <E extends Enum<E>> E choice(Flags flags, String name, E[] values, E defaultValue) {
        String value = flags.optional(name).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        StringBuilder valid = new StringBuilder();
        for (E e : values) {
            String choice = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (choice.equals(value)) {
                return e;
            }
            valid.append(valid.length() == 0 ? "" : e.ordinal() == values.length - 1 ? " or " : ", ").append(choice);
        }
        throw new UsageException(String.format("--%s: expected %s, got '%s'", name, valid, value));
    }
}
