package dev.streamscore.job.pipeline;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * How a {@link RawKafkaRecord} crosses from the source task to the scoring task: its fields one
 * after another, the byte arrays as a length (-1 for null) and their bytes. Flink's serializer for
 * Java records did the same through reflection, boxing the four number fields and building an
 * argument array for the constructor of every record. Never part of a checkpoint (raw records are
 * only in flight), but versioned like any Flink serializer.
 */
public final class RawKafkaRecordSerializer extends TypeSerializerSingleton<RawKafkaRecord> {
    private static final long serialVersionUID = 1L;

    /** The one instance (it keeps no state). */
    public static final RawKafkaRecordSerializer INSTANCE = new RawKafkaRecordSerializer();

    private RawKafkaRecordSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false; // its byte arrays could be written to
    }

    /** An empty record: no key, no value, topic "", offsets and times 0. */
    @Override
    public RawKafkaRecord createInstance() {
        return new RawKafkaRecord(null, null, 0, "", 0, 0L, 0L);
    }

    /** A copy that shares nothing with {@code from}. */
    @Override
    public RawKafkaRecord copy(RawKafkaRecord from) {
        return new RawKafkaRecord(from.key() == null ? null : from.key().clone(), from.value() == null ? null : from.value().clone(),
                from.size(), from.topic(), from.partition(), from.offset(), from.timestamp());
    }

    @Override
    public RawKafkaRecord copy(RawKafkaRecord from, RawKafkaRecord reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RawKafkaRecord record, DataOutputView out) throws IOException {
        writeBytes(record.key(), out);
        writeBytes(record.value(), out);
        out.writeInt(record.size());
        StringValue.writeString(record.topic(), out);
        out.writeInt(record.partition());
        out.writeLong(record.offset());
        out.writeLong(record.timestamp());
    }

    @Override
    public RawKafkaRecord deserialize(DataInputView in) throws IOException {
        byte[] key = readBytes(in);
        byte[] value = readBytes(in);
        int size = in.readInt();
        String topic = StringValue.readString(in);
        int partition = in.readInt();
        long offset = in.readLong();
        return new RawKafkaRecord(key, value, size, topic, partition, offset, in.readLong());
    }

    /** Never reuses: the scoring operator keeps the records of a batch until it is flushed (see {@link ScoringJob#configuration}). */
    @Override
    public RawKafkaRecord deserialize(RawKafkaRecord reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    @Override
    public TypeSerializerSnapshot<RawKafkaRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: it has no configuration, only this format. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawKafkaRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
