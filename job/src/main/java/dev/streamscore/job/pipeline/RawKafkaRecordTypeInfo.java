package dev.streamscore.job.pipeline;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type information for {@link RawKafkaRecord}, which names it with
 * {@code @TypeInfo(RawKafkaRecordTypeInfo.Factory.class)}: wherever Flink meets the type, it uses
 * {@link RawKafkaRecordSerializer}. An atomic type: it is never a key and has no fields to select.
 */
public final class RawKafkaRecordTypeInfo extends TypeInformation<RawKafkaRecord> {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final RawKafkaRecordTypeInfo INSTANCE = new RawKafkaRecordTypeInfo();

    private RawKafkaRecordTypeInfo() {}

    /** What {@code @TypeInfo} on {@link RawKafkaRecord} names. */
    public static final class Factory extends TypeInfoFactory<RawKafkaRecord> {
        @Override
        public TypeInformation<RawKafkaRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<RawKafkaRecord> getTypeClass() {
        return RawKafkaRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<RawKafkaRecord> createSerializer(SerializerConfig config) {
        return RawKafkaRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "RawKafkaRecord";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawKafkaRecordTypeInfo;
    }

    @Override
    public int hashCode() {
        return RawKafkaRecordTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof RawKafkaRecordTypeInfo;
    }
}
