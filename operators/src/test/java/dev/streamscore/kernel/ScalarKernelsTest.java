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
                            double acc = 0;
                            for (int k = 0; k < in; k++) {
                                acc += x.get(i, k) * w.get(j, k);
                            }
                            assertEquals(Double.doubleToLongBits(acc + b[j]), Double.doubleToLongBits(y.get(i, j)),
                                    String.format("%d×%d·(%d×%d)ᵀ at (%d,%d)", rows, in, out, in, i, j));
                        }
                    }
                }
            }
        }
    }

    @Test
    void rejectsMismatchedShapesAndAliasing() {
        DMatrixRMaj x = new DMatrixRMaj(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.scalar().linear(x, new DMatrixRMaj(4, 2), new double[4], new DMatrixRMaj(2, 4)));
        assertEquals("linear: x is 2×3, W is 4×2 and b has 4 values; need x columns = W columns and b length = W rows",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.scalar().linear(x, new DMatrixRMaj(3, 3), new double[3], x));
    }
}
