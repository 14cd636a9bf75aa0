package dev.streamscore.kernel;

import static dev.streamscore.kernel.ScalarKernelsTest.random;
import static dev.streamscore.kernel.ScalarKernelsTest.reference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.OpType;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels (this test runs only in the JVM that has {@code jdk.incubator.vector}): every
 * tile shape and k blocking gives the documented reduction's bits, hence the scalar kernels' bits,
 * for batch sizes around the tile heights and widths that are not multiples of the vector length.
 */
class VectorKernelsTest {
    private static final int[] BATCHES = {1, 3, 4, 5, 6, 7, 9, 10, 11, 16, 17, 1000};
    private static final int V = VectorTiles.V;

    /** The tiles run only once the warm-up has finished; until then the layers run the scalar kernels. */
    @BeforeAll
    static void warmUp() throws InterruptedException {
        assertTrue(DenseKernels.vector().orElseThrow().awaitWarmUp(Duration.ofSeconds(60)), "vector kernels warmed up");
    }

    @Test
    void isAvailableInThisJvm() {
        assertTrue(DenseKernels.vector().isPresent(), KernelSelection.class.getName());
        assertTrue(DenseKernels.best().description().startsWith("vector"), DenseKernels.best().description());
        assertTrue(DenseKernels.best().description().contains("JIT warm-up done in"), DenseKernels.best().description());
    }

    /**
     * Full panels and a last panel of every width (1 to 4 vectors), inputs cut into one or several
     * k blocks (first, middle and last) and batches into row blocks, batches around the tile heights: every output has the
     * documented reduction's bits.
     */
    @Test
    void everyTileShapeAndBlockingGivesTheDocumentedBitsAtEveryBatchSize() {
        Random r = new Random(11);
        int panel = VectorKernels.PANEL;
        int[] outs = {1, 2, V - 1, V + 1, 2 * V + 3, 3 * V + 5, panel, panel + 1, 2 * panel + 2 * V + 1, 10, 37};
        for (int out : outs) {
            for (int in : new int[] {1, 5, 37}) {
                for (int kBlock : new int[] {4, VectorKernels.K_BLOCK}) {
                    DMatrixRMaj w = random(out, in, r);
                    double[] b = random(1, out, r).data;
                    // row blocks of 7 rows (not a whole number of tiles) and of M_BLOCK (batch 1000 spans four)
                    int mBlock = kBlock == 4 ? 7 : VectorKernels.M_BLOCK;
                    VectorKernels.Packed layer = new VectorKernels.Packed(w, b, Pointwise.NONE, kBlock, mBlock);
                    DMatrixRMaj all = random(1000, in, r);
                    DMatrixRMaj y = new DMatrixRMaj(1000, out);
                    for (int rows : BATCHES) {
                        int start = (rows * 7) % (1000 - rows + 1);
                        DMatrixRMaj x = new DMatrixRMaj(rows, in);
                        System.arraycopy(all.data, start * in, x.data, 0, rows * in);
                        layer.apply(x, y);
                        assertEquals(rows, y.numRows);
                        for (int i = 0; i < rows; i++) {
                            for (int j = 0; j < out; j++) {
                                assertEquals(Double.doubleToLongBits(reference(all, start + i, w, j, b)),
                                        Double.doubleToLongBits(y.get(i, j)), String.format(
                                                "k block %d, row block %d, batch %d, in %d, out %d: row %d output %d",
                                                kBlock, mBlock, rows, in, out, start + i, j));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void sameBitsAsTheScalarKernelsOnALayerOfTheBenchmarkModel() {
        Random r = new Random(5);
        DMatrixRMaj w = random(256, 784, r);
        double[] b = random(1, 256, r).data;
        DMatrixRMaj x = random(17, 784, r);
        DMatrixRMaj fast = new DMatrixRMaj(1, 1);
        DMatrixRMaj slow = new DMatrixRMaj(1, 1);
        DenseKernels.vector().orElseThrow().prepare(w, b).apply(x, fast);
        DenseKernels.scalar().prepare(w, b).apply(x, slow);
        for (int e = 0; e < 17 * 256; e++) {
            assertEquals(Double.doubleToLongBits(slow.data[e]), Double.doubleToLongBits(fast.data[e]), String.format("element %d", e));
        }
    }

    /** Full panels of 4 vectors, then one panel just wide enough for the rest (none when there is no rest). */
    @Test
    void theLastPanelIsJustWideEnough() {
        Random r = new Random(1);
        int panel = VectorKernels.PANEL;
        int[][] cases = {{2, 1}, {V, 1}, {V + 1, 2}, {panel - 1, 4}, {panel, 0}, {panel + 1, 1}, {2 * panel + 3 * V, 3}};
        for (int[] c : cases) {
            VectorKernels.Packed layer = (VectorKernels.Packed) DenseKernels.vector().orElseThrow()
                    .prepare(random(c[0], 3, r), new double[c[0]]);
            assertEquals(c[1], layer.lastVectors(), String.format("%d outputs", c[0]));
        }
    }

    @Test
    void preparedWeightsAreACopyAndShapesAreChecked() {
        DMatrixRMaj w = new DMatrixRMaj(1, 2, true, 1, 2);
        double[] b = {0.5};
        DenseKernels.Linear layer = DenseKernels.vector().orElseThrow().prepare(w, b);
        w.set(0, 0, 100);
        b[0] = 100;
        DMatrixRMaj x = new DMatrixRMaj(1, 2, true, 3, 4);
        DMatrixRMaj y = new DMatrixRMaj(4, 4);
        double[] storage = y.data;
        layer.apply(x, y);
        assertEquals(11.5, y.get(0, 0));
        assertSame(storage, y.data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.apply(new DMatrixRMaj(1, 3), y));
        assertEquals("linear: x is 1×3 but W is 1×2 (out×in); need x columns = 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.apply(x, x));
        IllegalArgumentException epilogue = assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.vector().orElseThrow().prepare(new DMatrixRMaj(2, 2), new double[2],
                        Pointwise.of(3, List.of(Pointwise.Stage.activation(OpType.RELU, 0, new DMatrixRMaj(1, 3))))));
        assertEquals("linear: the epilogue takes rows of width 3 but W has 2 rows (outputs)", epilogue.getMessage());
    }

    /** As PlanTest's allocation test: the best of 5 rounds of 200 applications must be zero bytes. */
    @Test
    void steadyStateApplyAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random r = new Random(2);
        int out = VectorKernels.PANEL + 3 * V + 1;
        DenseKernels.Linear[] layers = new DenseKernels.Linear[3];
        for (int i = 0; i < 3; i++) {
            Pointwise epilogue = i == 0 ? Pointwise.NONE : Pointwise.of(out, List.of(
                    Pointwise.Stage.activation(OpType.LEAKY_RELU, 0.5, new DMatrixRMaj(64, out)),
                    Pointwise.Stage.constant(OpType.DIV, new double[] {3}, new DMatrixRMaj(64, out))));
            layers[i] = new VectorKernels.Packed(random(out, 33, r), new double[out], epilogue, 8 * i + 5, 10 + i);
        }
        DMatrixRMaj x = random(64, 33, r);
        DMatrixRMaj y = new DMatrixRMaj(64, out);
        for (int i = 0; i < 5000; i++) {
            x.reshape(1 + i % 64, 33);
            layers[i % 3].apply(x, y);
        }
        long probe = mx.getCurrentThreadAllocatedBytes();
        long overhead = mx.getCurrentThreadAllocatedBytes() - probe;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) {
                x.reshape(1 + i % 64, 33);
                layers[i % 3].apply(x, y);
            }
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - start - overhead);
        }
        assertEquals(0, best, "bytes allocated by 200 applications (best of 5 rounds)");
    }
}
