package dev.streamscore.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Runs three times (see the operators POM): in the JVM started with {@code --add-modules
 * jdk.incubator.vector}, where the vector kernels are chosen; in one without it, and in one with
 * {@code -XX:-UseFMA}, where the choice falls back to the scalar kernels and says why, instead of failing.
 */
class KernelSelectionTest {
    private static final boolean MODULE_PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    @Test
    void bestIsTheVectorKernelsExactlyWhenTheModuleIsPresentAndFmaIsHardware() {
        DenseKernels best = DenseKernels.best();
        assertSame(best, DenseKernels.best());
        // the POM's -XX:-UseFMA execution says so, so that this branch cannot be skipped unnoticed
        assertEquals(!"off".equals(System.getProperty("streamscore.test.fma")), KernelSelection.HARDWARE_FMA);
        if (!KernelSelection.HARDWARE_FMA) {
            assertTrue(DenseKernels.vector().isEmpty());
            assertEquals("scalar (plain Java, Math.fma, tiles of 4 rows × 2 outputs): this JVM has no hardware fused "
                    + "multiply-add (UseFMA is off): Math.fma runs in software, about 100 times slower", best.description());
        } else if (MODULE_PRESENT) {
            assertSame(DenseKernels.vector().orElseThrow(), best);
            assertTrue(best.description().matches("vector \\(jdk\\.incubator\\.vector, DoubleVector \\d+ bits = \\d+ lanes, .*"),
                    best.description());
        } else {
            assertTrue(DenseKernels.vector().isEmpty());
            assertEquals("scalar (plain Java, Math.fma, tiles of 4 rows × 2 outputs): jdk.incubator.vector is not in the boot layer "
                    + "(start the JVM with --add-modules jdk.incubator.vector)", best.description());
        }
    }

    @Test
    void theBestKernelsComputeTheDocumentedReduction() {
        Random r = new Random(4);
        DMatrixRMaj x = ScalarKernelsTest.random(5, 19, r);
        DMatrixRMaj w = ScalarKernelsTest.random(11, 19, r);
        double[] b = ScalarKernelsTest.random(1, 11, r).data;
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        DenseKernels.best().prepare(w, b).apply(x, y);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 11; j++) {
                assertEquals(Double.doubleToLongBits(ScalarKernelsTest.reference(x, i, w, j, b)),
                        Double.doubleToLongBits(y.get(i, j)), String.format("(%d,%d)", i, j));
            }
        }
    }

    @Test
    void thePropertyCanForceTheScalarKernels() {
        assertTrue(KernelSelection.choose(" Scalar ").description().startsWith(
                "scalar (plain Java, Math.fma, tiles of 4 rows × 2 outputs): chosen by -Dstreamscore.kernels=scalar"));
        DenseKernels auto = KernelSelection.choose("auto");
        assertEquals(MODULE_PRESENT && KernelSelection.HARDWARE_FMA, auto.description().startsWith("vector"), auto.description());
        assertEquals(auto.description(), KernelSelection.choose("no-such-kernels").description());
        assertEquals(auto.description(), KernelSelection.choose("vector").description());
    }
}
