package dev.streamscore.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Runs twice (see the operators POM): in the JVM started with {@code --add-modules
 * jdk.incubator.vector}, where the vector kernels are chosen, and in one without it, where the
 * choice falls back to the scalar kernels and says why, instead of failing.
 */
class KernelSelectionTest {
    private static final boolean MODULE_PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    @Test
    void bestIsTheVectorKernelsExactlyWhenTheModuleIsPresent() {
        DenseKernels best = DenseKernels.best();
        assertSame(best, DenseKernels.best());
        if (MODULE_PRESENT) {
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
        assertEquals("scalar (plain Java, Math.fma, tiles of 4 rows × 2 outputs): chosen by -Dstreamscore.kernels=scalar",
                KernelSelection.choose(" Scalar ").description());
        DenseKernels auto = KernelSelection.choose("auto");
        assertEquals(MODULE_PRESENT, auto.description().startsWith("vector"), auto.description());
        assertEquals(auto.description(), KernelSelection.choose("no-such-kernels").description());
        assertEquals(auto.description(), KernelSelection.choose("vector").description());
    }
}
