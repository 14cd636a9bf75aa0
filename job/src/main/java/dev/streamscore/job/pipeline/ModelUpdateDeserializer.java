package dev.streamscore.job.pipeline;

import dev.streamscore.job.serving.ModelUpdate;
import dev.streamscore.job.serving.Role;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Keeps a model-topic record's key, value and {@code version}, {@code role} (the last of each,
 * read as UTF-8) and {@code signature} headers as they are; {@link ModelUpdateValidator} checks them.
 */
public final class ModelUpdateDeserializer implements KafkaRecordDeserializationSchema<ModelUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ModelUpdate> out) {
        Header signature = record.headers().lastHeader(ModelUpdate.SIGNATURE_HEADER);
        out.collect(new ModelUpdate(record.key(), record.value(),
                header(record, ModelUpdate.VERSION_HEADER), header(record, Role.HEADER),
                signature == null ? null : signature.value(),
                record.topic(), record.partition(), record.offset(), record.timestamp()));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<ModelUpdate> getProducedType() {
        return TypeInformation.of(ModelUpdate.class);
    }
}
