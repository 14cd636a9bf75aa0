package dev.streamscore.job.options;

import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.util.EnumNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The command line of {@code run}: each flag once, with its placeholder and the builder setter it
 * feeds; the usage line and the parser come from this table. Ranges and every other check are
 * {@link JobOptionsBuilder#build()}'s.
 */
public final class JobFlags {
    private static final String KAFKA = "kafka.";

    /** One flag: {@code --name PLACEHOLDER}, and how its text reaches the builder. */
    private record Flag(String name, String placeholder, boolean required, BiConsumer<JobOptionsBuilder, String> apply) {}

    private static final List<Flag> TABLE = List.of(
            new Flag("bootstrap-servers", "HOST:PORT", true, JobOptionsBuilder::bootstrapServers),
            new Flag("input-topic", "T", true, JobOptionsBuilder::inputTopic),
            new Flag("output-topic", "T", true, JobOptionsBuilder::outputTopic),
            new Flag("model", "FILE", true, (b, v) -> b.model(Path.of(v))),
            new Flag("dead-letter-topic", "T", false, JobOptionsBuilder::deadLetterTopic),
            new Flag("batch-size", "N", false, (b, v) -> b.batchSize(integer(JobOptionsBuilder.BATCH_SIZE, v))),
            new Flag("batch-timeout-ms", "MS", false, (b, v) -> b.batchTimeoutMs(JobOptionsBuilder.BATCH_TIMEOUT_MS.parse(v, Long.MAX_VALUE))),
            new Flag("parallelism", "N", false, (b, v) -> b.parallelism(integer(JobOptionsBuilder.PARALLELISM, v))),
            new Flag("checkpoint-interval-ms", "MS", false,
                    (b, v) -> b.checkpointIntervalMs(JobOptionsBuilder.CHECKPOINT_INTERVAL_MS.parse(v, Long.MAX_VALUE))),
            new Flag("delivery", choices(JobOptions.Delivery.values(), "|"), false,
                    (b, v) -> b.delivery(choice("delivery", JobOptions.Delivery.values(), v))),
            new Flag("group-id", "G", false, JobOptionsBuilder::groupId),
            new Flag("start-from", choices(JobOptions.StartFrom.values(), "|"), false,
                    (b, v) -> b.startFrom(choice("start-from", JobOptions.StartFrom.values(), v))),
            new Flag("checkpoint-dir", "DIR", false, (b, v) -> b.checkpointDir(Path.of(v))),
            new Flag("bounded", null, false, (b, v) -> b.bounded(true)),
            new Flag("model-topic", "T", false, JobOptionsBuilder::modelTopic),
            new Flag("shadow-model", "FILE", false, (b, v) -> b.shadowModel(Path.of(v))),
            new Flag("eval-window", "N", false, (b, v) -> b.evalWindow(integer(JobOptionsBuilder.EVAL_WINDOW, v))),
            new Flag("eval-interval-ms", "MS", false,
                    (b, v) -> b.evalIntervalMs(JobOptionsBuilder.EVAL_INTERVAL_MS.parse(v, Long.MAX_VALUE))),
            new Flag("eval-topic", "T", false, JobOptionsBuilder::evalTopic),
            new Flag("max-record-bytes", "N", false,
                    (b, v) -> b.maxRecordBytes(integer(JobOptionsBuilder.MAX_RECORD_BYTES, v))),
            new Flag("dead-letter-max-raw-bytes", "N", false,
                    (b, v) -> b.deadLetterMaxRawBytes(integer(JobOptionsBuilder.DEAD_LETTER_MAX_RAW_BYTES, v))),
            new Flag("max-model-bytes", "N", false,
                    (b, v) -> b.maxModelBytes(integer(JobOptionsBuilder.MAX_MODEL_BYTES, v))),
            new Flag("model-signing-key", "FILE", false, (b, v) -> b.modelSigningKey(Path.of(v))),
            new Flag("kafka-config", "FILE", false, (b, v) -> b.kafkaConfig(Path.of(v))),
            new Flag("features", "FIELD[,FIELD...]", false, (b, v) -> b.features(fields(v))),
            new Flag("label-field", "FIELD", false, JobOptionsBuilder::labelField),
            new Flag("id-field", "FIELD", false, JobOptionsBuilder::idField));

    /** The flags of {@code run}, in usage order. */
    public static final Flags.Spec SPEC = spec();

    private JobFlags() {}

    /** {@code run --bootstrap-servers HOST:PORT ... [--kafka.NAME VALUE ...]}. */
    public static String usage() {
        return SPEC.usage();
    }

    /**
     * Parses the arguments of {@code run}.
     *
     * @return the options, or empty when {@code --help} was given
     * @throws UsageException naming the flag and what was valid
     */
    public static Optional<JobOptions> parse(List<String> args) {
        Flags flags = SPEC.parse(args);
        return flags.help() ? Optional.empty() : Optional.of(options(flags));
    }

    /**
     * The options given by flags parsed with {@link #SPEC}.
     *
     * @throws UsageException naming the flag and what was valid
     */
    public static JobOptions options(Flags flags) {
        JobOptionsBuilder b = JobOptions.builder();
        for (Flag f : TABLE) {
            if (f.placeholder() == null) {
                if (flags.isSet(f.name())) {
                    f.apply().accept(b, null);
                }
            } else {
                flags.optional(f.name()).ifPresent(v -> f.apply().accept(b, v));
            }
        }
        flags.prefixed(KAFKA).forEach(b::kafka);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Flags.Spec spec() {
        Flags.Spec spec = Flags.spec("run");
        for (Flag f : TABLE) {
            if (f.placeholder() == null) {
                spec.flag(f.name());
            } else if (f.required()) {
                spec.required(f.name(), f.placeholder());
            } else {
                spec.optional(f.name(), f.placeholder());
            }
        }
        return spec.prefix(KAFKA, "NAME VALUE");
    }

    private static List<String> fields(String text) {
        try {
            return RecordLayout.fields(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int integer(Range range, String text) {
        return (int) range.parse(text, Integer.MAX_VALUE);
    }

    private static String choices(Enum<?>[] values, String separator) {
        return EnumNames.list(values, '-', null).replace(", ", separator);
    }

    private static <E extends Enum<E>> E choice(String flag, E[] values, String text) {
        E e = EnumNames.find(values, text, '-');
        if (e == null) {
            throw new UsageException(String.format("--%s: expected %s, got '%s'", flag, EnumNames.list(values, '-', "or"), text));
        }
        return e;
    }
}
