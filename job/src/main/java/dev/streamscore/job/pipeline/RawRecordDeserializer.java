package dev.streamscore.job.pipeline;

import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps a Kafka record's bytes and coordinates as they are; parsing happens in the scoring
 * operator. A value over {@code --max-record-bytes} keeps only its first
 * {@code --dead-letter-max-raw-bytes} (its dead letter's raw): it is not carried through the job whole.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawKafkaRecord> {
    private static final long serialVersionUID = 2L;

    private final int maxRecordBytes;
    private final int maxRawBytes;

    public RawRecordDeserializer(int maxRecordBytes, int maxRawBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxRawBytes = maxRawBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawKafkaRecord> out) {
        byte[] value = record.value();
        int size = value == null ? 0 : value.length;
        if (size > maxRecordBytes && size > maxRawBytes) {
            value = Arrays.copyOf(value, maxRawBytes);
        }
        out.collect(new RawKafkaRecord(record.key(), value, size, record.topic(), record.partition(),
                record.offset(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawKafkaRecord> getProducedType() {
        return RawKafkaRecordTypeInfo.INSTANCE;
    }
}
