package dev.streamscore.job.pipeline;

import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordOrigin;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A Kafka record as read, before any parsing: the raw key and value and where and when it was
 * written. Serialised between tasks by {@link RawKafkaRecordSerializer}. Its fallback id and
 * source are only formatted when asked for (most records have an id and are valid).
 *
 * @param key       the record key, or null
 * @param value     the record value, or only its first bytes when it is over the job's record size
 *                  limit (it is then a dead letter); null for a tombstone
 * @param size      the size of the whole value in bytes (0 for a tombstone)
 * @param timestamp the record's Kafka timestamp (ms since the epoch)
 */
@TypeInfo(RawKafkaRecordTypeInfo.Factory.class)
public record RawKafkaRecord(byte[] key, byte[] value, int size, String topic, int partition, long offset,
                             long timestamp) implements RecordOrigin {

    /** The id of a record that has none: {@code topic-partition-offset}. */
    @Override
    public RecordId fallbackId() {
        return RecordId.ofString(String.format("%s-%d-%d", topic, partition, offset));
    }

    /** Where the record came from, for dead letters: {@code topic@partition:offset}. */
    @Override
    public String source() {
        return String.format("%s@%d:%d", topic, partition, offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawKafkaRecord r && Arrays.equals(r.key, key) && Arrays.equals(r.value, value)
                && r.size == size && r.topic.equals(topic) && r.partition == partition && r.offset == offset
                && r.timestamp == timestamp;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * topic.hashCode() + partition) + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return String.format("RawKafkaRecord[%s, %d value bytes, ts %d]", source(), size, timestamp);
    }
}
