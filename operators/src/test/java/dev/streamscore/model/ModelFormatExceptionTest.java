package dev.streamscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by the job's ModelFuzzTest: what a model file declares is checked against what it holds
 * before anything is allocated, and a refusal is one line of bounded length whatever the file's names.
 */
class ModelFormatExceptionTest {

    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        r.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    /** A tensor of 16384 x 16384 floats without data: refused by its count, without allocating 2 GiB of doubles. */
    @Test
    void declaredDimsAreCountedBeforeAllocating() {
        OnnxFixture f = OnnxFixture.model().input("x", 3).output("y", 2)
                .init("W", OnnxFixture.dims(2, 3), 1, 2, 3, 4, 5, 6)
                .node("Gemm", "fc", List.of("x", "W"), "y", OnnxFixture.attr("transB", 1L));
        f.graph().addInitializer(TensorProto.newBuilder().setName("huge").setDataType(DataType.FLOAT_VALUE)
                .addDims(16384).addDims(16384));
        f.graph().getNodeBuilder(0).setInput(1, "huge");
        long bytes = allocatedBy(() -> {
            String message = assertThrows(ModelFormatException.class, () -> OnnxImporter.toGraph(f.build())).getMessage();
            assertTrue(message.contains("tensor 'huge' of shape [16384, 16384] needs 268435456 values, but float_data holds 0"),
                    message);
        });
        assertTrue(bytes < 64 << 20, () -> String.format("%d bytes allocated", bytes));
    }

    @Test
    void aMessageIsOneLineOfBoundedLength() {
        String name = "n".repeat(100_000);
        String message = new ModelFormatException(String.format("graph input '%s' is\nnot a tensor", name)).getMessage();
        String line = String.format("graph input '%s' is not a tensor", name);
        assertEquals(String.format("%s... (%d more characters)", line.substring(0, 1000), line.length() - 1000), message);
        assertEquals("a b c d", ModelFormatException.oneLine("a\r\nb\rc\u2028d"));
        assertEquals("short", ModelFormatException.oneLine("short"));
        String emoji = ModelFormatException.oneLine("x".concat("\ud83d\ude00".repeat(600)));
        assertEquals(999, emoji.indexOf("..."), "not cut inside a surrogate pair");
    }
}
