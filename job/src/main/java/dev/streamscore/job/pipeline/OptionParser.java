package dev.streamscore.job.pipeline;

import dev.streamscore.job.cli.UsageException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Reads the {@code run} command line into {@link JobOptions}; every error is a {@link UsageException}. */
final class OptionParser {
    private static final String KAFKA_PREFIX = "--kafka.";
    private static final String BOUNDED = "--bounded";
    private static final Map<String, BiConsumer<JobOptions.Builder, String>> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("--bootstrap-servers", JobOptions.Builder::bootstrapServers);
        FLAGS.put("--input-topic", JobOptions.Builder::inputTopic);
        FLAGS.put("--output-topic", JobOptions.Builder::outputTopic);
        FLAGS.put("--model", (b, v) -> b.model(Path.of(v)));
        FLAGS.put("--dead-letter-topic", JobOptions.Builder::deadLetterTopic);
        FLAGS.put("--batch-size", (b, v) -> b.batchSize(toInt("--batch-size", v, 1)));
        FLAGS.put("--batch-timeout-ms", (b, v) -> b.batchTimeoutMs(toLong("--batch-timeout-ms", v, 0)));
        FLAGS.put("--parallelism", (b, v) -> b.parallelism(toInt("--parallelism", v, 1)));
        FLAGS.put("--checkpoint-interval-ms", (b, v) -> b.checkpointIntervalMs(toLong("--checkpoint-interval-ms", v, 10)));
        FLAGS.put("--delivery", (b, v) -> b.delivery(toEnum("--delivery", v, JobOptions.Delivery.values())));
        FLAGS.put("--group-id", JobOptions.Builder::groupId);
        FLAGS.put("--start-from", (b, v) -> b.startFrom(toEnum("--start-from", v, JobOptions.StartFrom.values())));
        FLAGS.put("--checkpoint-dir", (b, v) -> b.checkpointDir(Path.of(v)));
    }

    private OptionParser() {}

    static JobOptions parse(List<String> args) {
        JobOptions.Builder builder = JobOptions.builder();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (!flag.startsWith("--")) {
                throw usage("unexpected argument '%s'; flags start with --", flag);
            }
            if (!seen.add(flag)) {
                throw usage("%s: given twice", flag);
            }
            if (flag.equals(BOUNDED)) {
                builder.bounded(true);
                continue;
            }
            boolean kafka = flag.startsWith(KAFKA_PREFIX);
            BiConsumer<JobOptions.Builder, String> setter = FLAGS.get(flag);
            if (!kafka && setter == null) {
                throw usage("unknown flag '%s'; valid flags are %s, %s and --kafka.NAME", flag,
                        String.join(", ", FLAGS.keySet()), BOUNDED);
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw usage("%s: missing value", flag);
            }
            String value = args.get(++i);
            if (kafka) {
                builder.kafka(flag.substring(KAFKA_PREFIX.length()), value);
            } else {
                setter.accept(builder, value);
            }
        }
        JobOptions options;
        try {
            options = builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.model().isEmpty()) {
            throw usage("--model is required");
        }
        return options;
    }

    private static int toInt(String flag, String value, int min) {
        long v = toLong(flag, value, min);
        if (v > Integer.MAX_VALUE) {
            throw usage("%s: expected an integer >= %d, got '%s'", flag, min, value);
        }
        return (int) v;
    }

    private static long toLong(String flag, String value, long min) {
        try {
            long v = Long.parseLong(value);
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("%s: expected an integer >= %d, got '%s'", flag, min, value);
    }

    private static <E extends Enum<E>> E toEnum(String flag, String value, E[] values) {
        StringBuilder valid = new StringBuilder();
        for (E e : values) {
            String name = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (name.equals(value)) {
                return e;
            }
            valid.append(valid.length() == 0 ? "" : e.ordinal() == values.length - 1 ? " or " : ", ").append(name);
        }
        throw usage("%s: expected %s, got '%s'", flag, valid, value);
    }

    private static UsageException usage(String format, Object... args) {
        return new UsageException(String.format(format, args));
    }
}
