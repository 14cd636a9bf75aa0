package dev.streamscore.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ScalarKernelsTest {

    static DMatrixRMaj random(int rows, int cols, Random r) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = r.nextGaussian();
        }
        return m;
    }

    /** The documented reduction: a fused multiply-add chain over k ascending from +0.0, then the bias. */
    static double reference(DMatrixRMaj x, int i, DMatrixRMaj w, int j, double[] b) {
        double acc = 0;
        for (int k = 0; k < x.numCols; k++) {
            acc = Math.fma(x.get(i, k), w.get(j, k), acc);
        }
        return acc + b[j];
    }

    /** Every shape around the tile edges gives exactly the documented reduction, bit for bit. */
    @Test
    void matchesTheDocumentedReductionOrderBitForBit() {
        Random r = new Random(3);
        for (int rows : new int[] {1, 3, 4, 5, 9}) {
            for (int in : new int[] {1, 2, 7}) {
                for (int out : new int[] {1, 2, 3, 5, 8}) {
                    DMatrixRMaj x = random(rows, in, r);
                    DMatrixRMaj w = random(out, in, r);
                    double[] b = random(1, out, r).data;
                    DMatrixRMaj y = new DMatrixRMaj(16, 16);
                    double[] storage = y.data;
                    DenseKernels.scalar().linear(x, w, b, y);
                    assertSame(storage, y.data);
                    assertEquals(rows, y.numRows);
                    assertEquals(out, y.numCols);
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < out; j++) {
                            assertEquals(Double.doubleToLongBits(reference(x, i, w, j, b)), Double.doubleToLongBits(y.get(i, j)),
                                    String.format("%d×%d·(%d×%d)ᵀ at (%d,%d)", rows, in, out, in, i, j));
                        }
                    }
                }
            }
        }
    }

    /** The fused chain differs from a product-then-sum chain: the test above can tell them apart. */
    @Test
    void theChainIsFused() {
        DMatrixRMaj x = new DMatrixRMaj(1, 2, true, 1, 1 + 0x1p-30);
        DMatrixRMaj w = new DMatrixRMaj(1, 2, true, -1, 1 - 0x1p-30);
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        DenseKernels.scalar().linear(x, w, new double[] {0}, y);
        // -1 + (1 + 2^-30)(1 - 2^-30) = -2^-60 exactly when fused; the product alone rounds to 1, giving 0
        assertEquals(-0x1p-60, y.get(0, 0));
    }

    @Test
    void preparedWeightsAreACopy() {
        DMatrixRMaj w = new DMatrixRMaj(1, 2, true, 1, 2);
        double[] b = {0.5};
        DenseKernels.Linear layer = DenseKernels.scalar().prepare(w, b);
        w.set(0, 0, 100);
        b[0] = 100;
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        layer.apply(new DMatrixRMaj(1, 2, true, 3, 4), y);
        assertEquals(11.5, y.get(0, 0));
        assertEquals(2, layer.inputWidth());
        assertEquals(1, layer.outputWidth());
    }

    @Test
    void rejectsMismatchedShapesAndAliasing() {
        DMatrixRMaj x = new DMatrixRMaj(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.scalar().linear(x, new DMatrixRMaj(4, 2), new double[4], new DMatrixRMaj(2, 4)));
        assertEquals("linear: x is 2×3, W is 4×2 and b has 4 values; need x columns = W columns and b length = W rows",
                e.getMessage());
        IllegalArgumentException prepared = assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.scalar().prepare(new DMatrixRMaj(4, 2), new double[4]).apply(x, new DMatrixRMaj(2, 4)));
        assertEquals("linear: x is 2×3 but W is 4×2 (out×in); need x columns = 2", prepared.getMessage());
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.scalar().prepare(new DMatrixRMaj(4, 2), new double[3]));
        assertEquals("linear: W is 4×2 and b has 3 values; need W at least 1×1 and b length = W rows", bias.getMessage());
        IllegalArgumentException aliased = assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.scalar().linear(x, new DMatrixRMaj(3, 3), new double[3], x));
        assertEquals("linear: y must not be x", aliased.getMessage());
    }
}
