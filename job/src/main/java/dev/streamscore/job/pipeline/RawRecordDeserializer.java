package dev.streamscore.job.pipeline;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps a Kafka record's bytes and coordinates as they are; parsing happens in {@link ParseFunction}. */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawKafkaRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawKafkaRecord> out) {
        out.collect(new RawKafkaRecord(record.key(), record.value(), record.topic(), record.partition(),
                record.offset(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawKafkaRecord> getProducedType() {
        return TypeInformation.of(RawKafkaRecord.class);
    }
}
