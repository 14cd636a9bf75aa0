package dev.streamscore.job.records;

import java.util.Arrays;

/**
 * An output record, ready for Kafka: the input record's key, the rendered value (a score or a dead
 * letter, UTF-8 JSON) and the input record's timestamp.
 */
public record KeyedValue(byte[] key, byte[] value, long timestamp) {

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyedValue k && Arrays.equals(k.key, key) && Arrays.equals(k.value, value)
                && k.timestamp == timestamp;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("KeyedValue[%d key bytes, %d value bytes, ts %d]",
                key == null ? 0 : key.length, value.length, timestamp);
    }
}
