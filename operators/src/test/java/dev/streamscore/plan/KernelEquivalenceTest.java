package dev.streamscore.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.model.ModelLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
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

    @BeforeAll
    static void warmUp() throws InterruptedException {
        assertTrue(DenseKernels.vector().orElseThrow().awaitWarmUp(Duration.ofSeconds(60)), "vector kernels warmed up");
    }

    static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(PARITY)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx")).sorted().toList();
        }
    }

    @Test
    void oddWidthNetworkGivesTheSameBitsOnBothKernels() {
        assertSameBits(PlanTest.network(), 37, "network");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void onnxFixtureGivesTheSameBitsOnBothKernels(String file) throws IOException {
        Graph graph = ModelLoader.load(PARITY.resolve(file)).graph();
        Plan probe = Compiler.compile(graph, 1, DenseKernels.scalar());
        assertSameBits(graph, probe.inputWidth(probe.inputNames().get(0)), file);
    }

    /** As PlanTest's allocation test, on the vector kernels once warm: best of 5 rounds of 200 passes is 0 bytes. */
    @Test
    void warmVectorPlanAllocatesNothingInSteadyState() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Plan plan = Compiler.compile(PlanTest.network(), 64, DenseKernels.vector().orElseThrow());
        for (int i = 0; i < 3000; i++) {
            plan.input("x", 1 + i % 64);
            plan.forward();
        }
        long probe = mx.getCurrentThreadAllocatedBytes();
        long overhead = mx.getCurrentThreadAllocatedBytes() - probe;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) {
                plan.input("x", 1 + i % 64);
                plan.forward();
            }
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - start - overhead);
        }
        assertEquals(0, best, "bytes allocated by 200 forward passes (best of 5 rounds)");
    }

    private static void assertSameBits(Graph graph, int width, String what) {
        Plan vector = Compiler.compile(graph, 300, DenseKernels.vector().orElseThrow());
        Plan scalar = Compiler.compile(graph, 300, DenseKernels.scalar());
        DMatrixRMaj x = PlanTest.rows(300, 9);
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
