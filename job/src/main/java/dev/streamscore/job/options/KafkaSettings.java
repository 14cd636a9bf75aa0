package dev.streamscore.job.options;

import dev.streamscore.job.security.KafkaClientConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client settings of the job, made once from {@code --kafka-config} and the
 * {@code --kafka.*} flags, and what the job derives from them and checks against them: the
 * producers' transaction timeout, and the room a dead letter has in a producer request.
 */
final class KafkaSettings {
    /** Kafka producer {@code transaction.timeout.ms} unless set: below the broker's 15 min maximum. */
    static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 600_000;
    /** Time allowed for a restart, on top of the checkpoint interval, when checking the transaction timeout. */
    static final long RESTART_ALLOWANCE_MS = 30_000;
    static final String TRANSACTION_TIMEOUT = "transaction.timeout.ms";
    /** The producers' {@code max.request.size} unless the settings give one (Kafka's default). */
    private static final long DEFAULT_MAX_REQUEST_SIZE = 1 << 20;
    /** Room in a dead letter for its error, source and field names, beside the raw value. */
    private static final long DEAD_LETTER_OVERHEAD = 4096;
    /** Kafka properties the job sets itself; each is named with the flag to use instead, if any. */
    private static final Map<String, String> RESERVED = Map.of(
            "bootstrap.servers", "set it with --bootstrap-servers",
            "group.id", "set it with --group-id",
            "transactional.id", "the job derives it from --group-id and the topic",
            "key.serializer", "the job writes bytes",
            "value.serializer", "the job writes bytes",
            "key.deserializer", "the job reads bytes",
            "value.deserializer", "the job reads bytes");

    private KafkaSettings() {}

    /**
     * The settings of every Kafka client: the file's under the flags. A flag may not set what the
     * job sets itself; the file's settings of that kind (a client file often names its
     * {@code bootstrap.servers}) give way to the job's.
     *
     * @param file  {@code --kafka-config}, or null
     * @param flags the {@code --kafka.NAME VALUE} flags
     */
    static KafkaClientConfig merge(Path file, Map<String, String> flags) {
        for (Map.Entry<String, String> e : flags.entrySet()) {
            if (e.getKey().isEmpty()) {
                fail("--kafka.NAME: NAME must not be empty");
            }
            if (RESERVED.containsKey(e.getKey())) {
                fail("--kafka.%s: %s", e.getKey(), RESERVED.get(e.getKey()));
            }
        }
        Map<String, String> settings = new LinkedHashMap<>(file == null ? Map.of() : KafkaClientConfig.load(file));
        settings.keySet().removeAll(RESERVED.keySet());
        settings.putAll(flags);
        return KafkaClientConfig.of(null, settings);
    }

    /**
     * The producers' timeout: {@code transaction.timeout.ms} of the settings (checked), else the
     * default, raised to cover the checkpoint interval and a restart. A transaction stays open from
     * one checkpoint to the next and across a restart, so exactly-once needs at least that much.
     */
    static long transactionTimeoutMs(Map<String, String> settings, long checkpointIntervalMs, JobOptions.Delivery delivery) {
        long min = checkpointIntervalMs + RESTART_ALLOWANCE_MS;
        String set = settings.get(TRANSACTION_TIMEOUT);
        if (set == null) {
            return Math.max(DEFAULT_TRANSACTION_TIMEOUT_MS, min);
        }
        long ms;
        try {
            ms = Long.parseLong(set.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(
                    "--kafka.%s: expected a number of milliseconds, got '%s'", TRANSACTION_TIMEOUT, set));
        }
        if (delivery == JobOptions.Delivery.EXACTLY_ONCE && ms < min) {
            fail("--kafka.%s: %d ms is too short for exactly-once delivery: a transaction stays open from one"
                            + " checkpoint to the next and across a restart, so it must be at least"
                            + " --checkpoint-interval-ms (%d) + %d ms = %d ms",
                    TRANSACTION_TIMEOUT, ms, checkpointIntervalMs, RESTART_ALLOWANCE_MS, min);
        }
        return ms;
    }

    /**
     * A dead letter repeats at most {@code --dead-letter-max-raw-bytes} of its value, and JSON
     * escaping makes a byte at most 6 characters: that must fit the producers' {@code max.request.size}.
     */
    static void checkDeadLetterSize(Map<String, String> settings, int deadLetterMaxRawBytes) {
        String set = settings.get("max.request.size");
        long max;
        try {
            max = set == null ? DEFAULT_MAX_REQUEST_SIZE : Long.parseLong(set.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format("max.request.size: expected a number of bytes, got '%s'", set));
        }
        long allowed = (max - DEAD_LETTER_OVERHEAD) / 6;
        if (deadLetterMaxRawBytes > allowed) {
            fail("--dead-letter-max-raw-bytes: %d bytes can take up to 6 times as much in a dead letter;"
                    + " with max.request.size %d, at most %d", deadLetterMaxRawBytes, max, Math.max(0, allowed));
        }
    }

    private static void fail(String format, Object... args) {
        throw new IllegalArgumentException(String.format(format, args));
    }
}
