package dev.streamscore.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event fields a model names for its features: the JSON format's "features", ONNX metadata_props. */
class FeatureFieldsTest {
    private static final String JSON = """
            {"format": "streamscore-model/1", "name": "fraud", "features": ["amount", "merchant.risk"], "output": 1,
             "nodes": [{"id": 0, "op": "input", "name": "x", "width": 2}, {"id": 1, "op": "softmax", "inputs": [0]}]}
            """;

    @Test
    void aJsonModelNamesItsFieldsAndWritesThemBackBitForBit() {
        Model m = ModelLoader.fromBytes(JSON.getBytes(UTF_8), "file", null);
        assertEquals(List.of("amount", "merchant.risk"), m.featureFields());
        byte[] written = JsonModelFormat.toBytes(m);
        Model again = ModelLoader.fromBytes(written, "file", null);
        assertEquals(m.featureFields(), again.featureFields());
        assertArrayEquals(written, JsonModelFormat.toBytes(again), "save then load gives the same bytes");
        assertEquals(List.of(), ModelLoader.fromBytes(JSON.replace("\"features\": [\"amount\", \"merchant.risk\"], ", "")
                .getBytes(UTF_8), "file", null).featureFields(), "a model without names");
    }

    @Test
    void badNamesAreRefusedNamingTheEntry() {
        assertEquals("features[1]: 'merchant..risk' is not a field name or a dotted path such as merchant.risk",
                assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(
                        JSON.replace("merchant.risk", "merchant..risk").getBytes(UTF_8), "f", null)).getMessage());
        assertEquals("features[1]: 'amount' is named twice", assertThrows(ModelFormatException.class,
                () -> ModelLoader.fromBytes(JSON.replace("merchant.risk", "amount").getBytes(UTF_8), "f", null)).getMessage());
        assertEquals("features[0] must be a string, got '3'", assertThrows(ModelFormatException.class,
                () -> ModelLoader.fromBytes(JSON.replace("\"amount\"", "3").getBytes(UTF_8), "f", null)).getMessage());
    }

    @Test
    void anOnnxModelNamesItsFieldsInMetadataProps() {
        byte[] onnx = OnnxFixture.smallMlp().build().toBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("producer.note").setValue("x"))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(FeatureFields.ONNX_KEY)
                        .setValue("amount, merchant.risk ,history"))
                .build().toByteArray();
        assertEquals(List.of("amount", "merchant.risk", "history"), ModelLoader.fromBytes(onnx, "m", null).featureFields());
        assertEquals(List.of(), ModelLoader.fromBytes(OnnxFixture.smallMlp().bytes(), "m", null).featureFields());
        byte[] bad = OnnxFixture.smallMlp().build().toBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(FeatureFields.ONNX_KEY).setValue("a,,b"))
                .build().toByteArray();
        assertEquals("metadata_props 'streamscore.features'[1]: '' is not a field name or a dotted path such as merchant.risk",
                assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(bad, "m", null)).getMessage());
    }

    /** A name of 100,000 characters is quoted cut, so that the message still says what is wrong with it. */
    @Test
    void aLongBadNameIsQuotedCut() {
        String name = "a ".repeat(50_000);
        byte[] bad = OnnxFixture.smallMlp().build().toBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(FeatureFields.ONNX_KEY)
                        .setValue(String.format("x,%sy", name)))
                .build().toByteArray();
        assertEquals(String.format("metadata_props 'streamscore.features'[1]: '%s... (99,921 more characters)' is not a field"
                        + " name or a dotted path such as merchant.risk", "a ".repeat(40)),
                assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(bad, "m", null)).getMessage());
    }
}
