package dev.streamscore.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamscore.graph.Graph;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.model.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole plans compiled with the vector kernels and with the scalar kernels give the same bits, so
 * the parity tests that run on one path hold for the other (both also run on each path, see the
 * operators POM). Runs in the JVM that has {@code jdk.incubator.vector}.
 */
class KernelEquivalenceTest {
    private static final Path PARITY = Path.of("src/test/resources/parity");

    static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(PARITY)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx")).sorted().toList();
        }
    }

    @Test
    void oddWidthNetworkGivesTheSameBitsOnBothKernels() {
        assertSameBits(CompiledGraphTest.network(), 37, "network");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void onnxFixtureGivesTheSameBitsOnBothKernels(String file) throws IOException {
        Graph graph = ModelLoader.load(PARITY.resolve(file)).graph();
        CompiledGraph probe = Compiler.compile(graph, 1, DenseKernels.scalar());
        assertSameBits(graph, probe.inputWidth(probe.inputNames().get(0)), file);
    }

    private static void assertSameBits(Graph graph, int width, String what) {
        CompiledGraph vector = Compiler.compile(graph, 300, DenseKernels.vector().orElseThrow());
        CompiledGraph scalar = Compiler.compile(graph, 300, DenseKernels.scalar());
        DMatrixRMaj x = CompiledGraphTest.rows(300, 9);
        if (width != x.numCols) {
            DMatrixRMaj resized = new DMatrixRMaj(300, width);
            for (int i = 0; i < resized.getNumElements(); i++) {
                resized.data[i] = x.data[i % x.getNumElements()];
            }
            x = resized;
        }
        for (int rows : new int[] {300, 1, 5}) {
            x.reshape(rows, width, true);
            DMatrixRMaj a = vector.forward(x).copy();
            DMatrixRMaj b = scalar.forward(x);
            for (int e = 0; e < b.getNumElements(); e++) {
                assertEquals(Double.doubleToRawLongBits(b.data[e]), Double.doubleToRawLongBits(a.data[e]),
                        String.format("%s, batch %d, element %d", what, rows, e));
            }
        }
    }
}
