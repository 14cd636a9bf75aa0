package dev.streamscore.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.streamscore.job.serving.ModelBytes;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The model in state goes through Flink's own record serializer: no Kryo, no Java serialisation. */
class ModelStateTest {

    @Test
    void modelStateUsesFlinksRecordSerializerAndKeepsTheBytes() throws Exception {
        TypeInformation<ModelBytes> info = TypeInformation.of(ModelBytes.class);
        assertInstanceOf(PojoTypeInfo.class, info, "ModelBytes must not fall back to a generic (Kryo) type");

        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // as the job runs: a Kryo fallback would throw here
        TypeSerializer<ModelBytes> serializer = info.createSerializer(config);

        byte[] bytes = "{\"format\":\"streamscore-model/1\"}".getBytes(StandardCharsets.UTF_8);
        ModelBytes spec = new ModelBytes("digits", "v2", bytes);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(spec, out);
        ModelBytes back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertEquals("digits", back.name());
        assertEquals("v2", back.version());
        assertArrayEquals(bytes, back.bytes());
    }
}
