package dev.streamscore.kernel;

import static dev.streamscore.kernel.ScalarKernelsTest.random;
import static dev.streamscore.kernel.ScalarKernelsTest.reference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels (this test runs only in the JVM that has {@code jdk.incubator.vector}): every
 * tile shape gives the documented reduction's bits, hence the scalar kernels' bits, for batch sizes
 * around the 4-row tiles and widths that are not multiples of the vector length.
 */
class VectorKernelsTest {
    private static final int[] BATCHES = {1, 3, 4, 5, 7, 16, 17, 1000};
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

    /** All three tile widths, for output widths around one, two and three vectors and inputs of odd length. */
    @Test
    void everyTileShapeGivesTheDocumentedBitsAtEveryBatchSize() {
        Random r = new Random(11);
        int[] outs = {1, 2, V - 1, V + 1, 2 * V + 3, 3 * V + 5, 10, 37};
        for (int nv = 1; nv <= 3; nv++) {
            for (int out : outs) {
                for (int in : new int[] {1, 5, 37}) {
                    DMatrixRMaj w = random(out, in, r);
                    double[] b = random(1, out, r).data;
                    VectorKernels.Packed layer = new VectorKernels.Packed(w, b, nv);
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
                                                "%d vector(s) per tile, batch %d, in %d, out %d: row %d output %d",
                                                nv, rows, in, out, start + i, j));
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

    /** The tile width per layer: as wide as possible without paying for a tile of mostly padding. */
    @Test
    void tileWidthFollowsTheLayerWidth() {
        assertEquals(3, VectorKernels.vectorsPerTile(256, 8));
        assertEquals(3, VectorKernels.vectorsPerTile(128, 8));
        assertEquals(2, VectorKernels.vectorsPerTile(32, 8));
        assertEquals(2, VectorKernels.vectorsPerTile(10, 8));
        assertEquals(1, VectorKernels.vectorsPerTile(2, 8));
        assertEquals(1, VectorKernels.vectorsPerTile(2, 4));
        assertEquals(3, VectorKernels.vectorsPerTile(10, 4));
        Random r = new Random(1);
        VectorKernels.Packed narrow = (VectorKernels.Packed) DenseKernels.vector().orElseThrow()
                .prepare(random(2, 3, r), new double[2]);
        assertEquals(1, narrow.vectorsPerTile());
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
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new VectorKernels.Packed(new DMatrixRMaj(2, 2), new double[2], 4));
        assertEquals("vectors per tile must be 1 to 3, got 4", shape.getMessage());
    }

    /** As PlanTest's allocation test: the best of 5 rounds of 200 applications must be zero bytes. */
    @Test
    void steadyStateApplyAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random r = new Random(2);
        DenseKernels.Linear[] layers = new DenseKernels.Linear[3];
        for (int nv = 1; nv <= 3; nv++) {
            layers[nv - 1] = new VectorKernels.Packed(random(3 * V + 1, 33, r), new double[3 * V + 1], nv);
        }
        DMatrixRMaj x = random(64, 33, r);
        DMatrixRMaj y = new DMatrixRMaj(64, 3 * V + 1);
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
