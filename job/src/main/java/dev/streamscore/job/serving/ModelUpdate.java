package dev.streamscore.job.serving;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record of the model topic as read, before any checking: a Flink POJO (Java record).
 *
 * @param key       the model name (UTF-8), or null
 * @param value     the model file's bytes (ONNX or streamscore JSON), or null for a tombstone
 * @param version   the {@code version} header (UTF-8), or null
 * @param role      the {@code role} header (UTF-8), or null
 * @param signature the {@code signature} header's bytes (lowercase hex HMAC-SHA256 of the value), or null
 * @param topic     where it was read
 * @param partition where it was read
 * @param offset    where it was read
 * @param timestamp its Kafka timestamp (ms since the epoch)
 */
public record ModelUpdate(byte[] key, byte[] value, String version, String role, byte[] signature,
                          String topic, int partition, long offset, long timestamp) {

    /** The Kafka header that gives an update's version. */
    public static final String VERSION_HEADER = "version";
    /** The Kafka header that signs an update for a job run with {@code --model-signing-key}. */
    public static final String SIGNATURE_HEADER = "signature";

    /** Where the update came from, for refusals: {@code topic@partition:offset}. */
    public String source() {
        return String.format("%s@%d:%d", topic, partition, offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelUpdate u && Arrays.equals(u.key, key) && Arrays.equals(u.value, value)
                && Objects.equals(u.version, version) && Objects.equals(u.role, role)
                && Arrays.equals(u.signature, signature)
                && u.topic.equals(topic) && u.partition == partition && u.offset == offset && u.timestamp == timestamp;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * topic.hashCode() + partition) + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return String.format("ModelUpdate[%s, %d value bytes, version %s, role %s]",
                source(), value == null ? 0 : value.length, version, role);
    }
}
