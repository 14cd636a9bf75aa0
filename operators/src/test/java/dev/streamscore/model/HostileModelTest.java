package dev.streamscore.model;

import static dev.streamscore.model.OnnxFixture.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.streamscore.plan.Compiler;
import dev.streamscore.plan.PlanTooLargeException;
import dev.streamscore.testing.Allocations;
import dev.streamscore.util.Excerpt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Model files built to hurt the reader: dims that claim more than the data holds, an input of
 * width 2^31-1, names of a megabyte, JSON that Jackson would answer with hints about its features.
 * Each is refused with a short one-line message, before anything large is allocated.
 */
class HostileModelTest {
    /** x[?,16384] · W where W declares 16384×16384 FLOAT values and holds none: a file of a few hundred bytes. */
    static byte[] declaredButEmpty() {
        OnnxFixture f = OnnxFixture.model().input("x", 16384).output("y", 16384)
                .node("MatMul", "mm", List.of("x", "W"), "y");
        f.graph().addInitializer(TensorProto.newBuilder().setName("W").setDataType(DataType.FLOAT_VALUE)
                .addDims(16384).addDims(16384));
        return f.bytes();
    }

    @Test
    void aTensorsDimsAreCheckedAgainstItsDataBeforeAllocating() {
        byte[] file = declaredButEmpty();
        assertTrue(file.length < 200, String.format("%d bytes", file.length));
        String[] message = new String[1];
        long allocated = Allocations.bestOfFiveRounds(0, 1, i -> message[0] =
                assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(file, "m", null)).getMessage());
        assertEquals("node 'mm' (MatMul): input 'W' cannot be used: tensor 'W' of shape [16384, 16384] needs 268435456"
                + " values, but float_data holds 0", message[0]);
        // 16384² doubles would be 2 GiB; the reader allocates a few kilobytes
        assertTrue(allocated < 1 << 20, String.format("%d bytes allocated", allocated));
    }

    @Test
    void rawDataShorterThanTheDimsIsRefusedToo() {
        OnnxFixture f = OnnxFixture.model().input("x", 4).output("y", 3)
                .node("MatMul", "mm", List.of("x", "W"), "y");
        f.graph().addInitializer(TensorProto.newBuilder().setName("W").setDataType(DataType.DOUBLE_VALUE)
                .addDims(4).addDims(3).setRawData(com.google.protobuf.ByteString.copyFrom(new byte[8])));
        String m = assertThrows(ModelFormatException.class, () -> OnnxImporter.toGraph(f.build())).getMessage();
        assertTrue(m.endsWith("tensor 'W' of shape [4, 3] needs 12 values, but raw_data holds 8 bytes"), m);
    }

    @Test
    void anInputOfWidth2Pow31Minus1IsRefusedByItsBufferSize() {
        OnnxFixture f = OnnxFixture.model().input("x", Integer.MAX_VALUE).output("y", Integer.MAX_VALUE)
                .node("Relu", "r", List.of("x"), "y");
        Model model = ModelLoader.fromBytes(f.bytes(), "wide", null);
        PlanTooLargeException e = assertThrows(PlanTooLargeException.class, () -> Compiler.compile(model.graph(), 1));
        assertTrue(e.getMessage().startsWith("the model needs 32.0 GiB of buffers at a batch of 1 rows (4,294,967,294 values"
                + " per row, 8 bytes each) and 0 B of parameters, more than the "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; not even a batch of 1 row fits"), e.getMessage());
        assertEquals(0, e.rowsFitting());
    }

    @Test
    void namesOfAMegabyteAreCut() {
        String huge = "n".repeat(1 << 20);
        OnnxFixture f = OnnxFixture.model().input("x", 2).output("y", 2).node("Conv", huge, List.of("x"), "y");
        String m = assertThrows(ModelFormatException.class, () -> OnnxImporter.toGraph(f.build())).getMessage();
        assertTrue(m.startsWith(String.format("unsupported operator 'Conv' at node '%s... (1,048,496 more characters)'",
                "n".repeat(Excerpt.TEXT))), m.substring(0, 200));
        assertTrue(m.length() < 400, String.format("%d characters", m.length()));

        byte[] json = String.format("{\"format\": \"%s\"}", huge).getBytes(StandardCharsets.UTF_8);
        m = assertThrows(ModelFormatException.class, () -> ModelLoader.fromBytes(json, "m", null)).getMessage();
        assertTrue(m.startsWith("unsupported format 'nnn"), m.substring(0, 100));
        assertTrue(m.length() < 300, String.format("%d characters", m.length()));
    }

    @Test
    void manyGraphInputsAreCountedNotListed() {
        OnnxFixture f = OnnxFixture.model().output("y", 2);
        for (int i = 0; i < 5000; i++) {
            f.input(String.format("x%d", i), 2);
        }
        String m = assertThrows(ModelFormatException.class, () -> OnnxImporter.toGraph(f.build())).getMessage();
        assertEquals("the graph must have exactly one input that is not an initializer; it has 5000:"
                + " [x0, x1, x2, x3, x4, x5, x6, x7, x8, ... (4,990 more), x4999]", m);
    }

    @Test
    void jsonSyntaxErrorsSayNothingOfJacksonsFeatures() {
        for (String json : List.of("{\"format\": NaN}", "{\"output\": -Infinity}", "{// comment\n}", "{\"output\": +1}",
                "{\"output\": 01}", "{'format': 1}", "{\"format\": \"a\\qb\"}")) {
            String m = assertThrows(ModelFormatException.class,
                    () -> ModelLoader.fromBytes(json.getBytes(StandardCharsets.UTF_8), "m", null)).getMessage();
            assertTrue(m.startsWith("invalid JSON at line "), m);
            for (String internal : List.of("JsonReadFeature", "enable", "Feature", "`", "[Source", "\n")) {
                assertFalse(m.contains(internal), m);
            }
        }
        String m = assertThrows(ModelFormatException.class,
                () -> ModelLoader.fromBytes("{\"format\": NaN}".getBytes(StandardCharsets.UTF_8), "m", null)).getMessage();
        assertEquals("invalid JSON at line 1, column 15: Non-standard token 'NaN'", m);
    }

    @Test
    void readingAJsonModelFormatsNoMessagePerNumber() {
        StringBuilder weights = new StringBuilder();
        for (int r = 0; r < 200; r++) {
            weights.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < 500; c++) {
                weights.append(c == 0 ? "" : ", ").append(0.5);
            }
            weights.append(']');
        }
        byte[] json = String.format("{\"format\": \"streamscore-model/1\", \"output\": 1, \"nodes\": ["
                + "{\"id\": 0, \"op\": \"input\", \"name\": \"x\", \"width\": 500},"
                + "{\"id\": 1, \"op\": \"linear\", \"inputs\": [0], \"weight\": [%s]}]}", weights).getBytes(StandardCharsets.UTF_8);
        long jackson = Allocations.bestOfFiveRounds(3, 1, i -> {
            try (JsonParser p = new JsonFactory().createParser(json)) {
                while (p.nextToken() != null) {
                    if (p.currentToken().isNumeric()) {
                        p.getDoubleValue();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long allocated = Allocations.bestOfFiveRounds(3, 1, i -> JsonModelFormat.read(json));
        // beyond what Jackson allocates to read the numbers, the 100,000 weights take 800 kB as doubles
        // (a few times that while rows grow and are copied into the matrix); a message formatted per
        // number would add some 20 MB
        assertTrue(allocated < jackson + (4 << 20), String.format("%d bytes allocated by the reader, %d by Jackson alone",
                allocated, jackson));
    }
}
