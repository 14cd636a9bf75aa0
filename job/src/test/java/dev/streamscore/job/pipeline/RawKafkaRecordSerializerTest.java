package dev.streamscore.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@link RawKafkaRecordSerializer} through Flink's own serializer test suite (round trips, copies,
 * snapshots, duplicates, concurrent use), on records with and without key and value, and Flink's
 * type extraction finding it for the record type.
 */
class RawKafkaRecordSerializerTest extends SerializerTestBase<RawKafkaRecord> {

    @Override
    protected TypeSerializer<RawKafkaRecord> createSerializer() {
        return RawKafkaRecordSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<RawKafkaRecord> getTypeClass() {
        return RawKafkaRecord.class;
    }

    @Override
    protected RawKafkaRecord[] getTestData() {
        byte[] json = "{\"id\": \"tx-1\", \"features\": [0.12, 3.5, 0.0]}".getBytes(StandardCharsets.UTF_8);
        return new RawKafkaRecord[] {
            new RawKafkaRecord("k1".getBytes(StandardCharsets.UTF_8), json, json.length, "events", 2, 1045L, 1_700_000_000_123L),
            new RawKafkaRecord(null, json, json.length, "events", 0, 0L, -1L),
            new RawKafkaRecord(new byte[0], null, 0, "événements", Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE),
            new RawKafkaRecord(null, new byte[] {(byte) 0xff, 0, 1}, 5_000_000, "t", 1, 7L, 0L)};
    }

    @Test
    void flinkFindsThisSerializerForTheRecordType() {
        assertSame(RawKafkaRecordTypeInfo.INSTANCE, TypeInformation.of(RawKafkaRecord.class));
        assertSame(RawKafkaRecordSerializer.INSTANCE, TypeInformation.of(RawKafkaRecord.class).createSerializer(null));
    }

    @Test
    void aCopySharesNoArrayWithItsOriginal() {
        RawKafkaRecord original = getTestData()[0];
        RawKafkaRecord copy = RawKafkaRecordSerializer.INSTANCE.copy(original);
        assertEquals(original, copy);
        assertNotSame(original.key(), copy.key());
        assertNotSame(original.value(), copy.value());
    }
}
