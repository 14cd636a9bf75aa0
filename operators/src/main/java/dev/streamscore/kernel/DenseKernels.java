package dev.streamscore.kernel;

import java.time.Duration;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * The dense kernels the plan calls: the one seam behind which the vectorised GEMM
 * ({@code VectorKernels}, on {@code jdk.incubator.vector}) and the portable {@link ScalarKernels}
 * are interchangeable.
 *
 * <p><b>Reduction order</b>, the same for every implementation, tile and batch size: for each output
 * element, {@code acc = +0.0; for k = 0, 1, ..., in-1: acc = fma(x[i][k], W[j][k], acc)} (one
 * rounding per step, as {@link Math#fma}), then {@code y[i][j] = acc + b[j]}. So a row's outputs
 * have the same bits whatever the batch size, the rows it is computed with, the tile it falls in,
 * and whichever implementation computes it; and, since a fused multiply-add is exactly specified by
 * IEEE 754, on whichever CPU.
 */
public interface DenseKernels {

    /**
     * One layer {@code y = x·Wᵀ + b} prepared for repeated use: W and b are copied (and, for the
     * vector kernels, packed into the layout the inner loop streams) once, when the plan is compiled,
     * so later changes to the arrays given to {@link #prepare} are not seen.
     *
     * <p>Not thread-safe (it may own a small scratch buffer); a plan owns its instances.
     */
    interface Linear {
        /** in: the width of x's rows (W's columns). */
        int inputWidth();

        /** out: the width of y's rows (W's rows). */
        int outputWidth();

        /**
         * {@code y[i][j] = (Σ_k x[i][k]·W[j][k], fused, k ascending) + b[j]} for every row i of x.
         * Allocates nothing.
         *
         * @param x rows×in, read only
         * @param y modified: reshaped to rows×out (no reallocation when its capacity suffices) and
         *          overwritten; must not be {@code x}
         * @throws IllegalArgumentException when x's width is not in, or {@code y == x}
         */
        void apply(DMatrixRMaj x, DMatrixRMaj y);
    }

    /**
     * Prepares {@code y = x·Wᵀ + b}.
     *
     * @param w out×in, row-major (row j holds the weights of output j), read only
     * @param b length out, read only
     * @throws IllegalArgumentException when b's length is not W's rows, or W is empty
     */
    default Linear prepare(DMatrixRMaj w, double[] b) {
        return prepare(w, b, Pointwise.NONE);
    }

    /**
     * Prepares {@code y = x·Wᵀ + b} followed by a pointwise chain on y (a ReLU, say): each
     * {@link Linear#apply} also reshapes and fills the buffers of the chain's stages, with the bits
     * the stages' own steps would give on y (the vector kernels run the chain on each tile of y
     * while it is in cache).
     *
     * @param epilogue {@link Pointwise#NONE}, or a chain of width out
     * @throws IllegalArgumentException as {@link #prepare(DMatrixRMaj, double[])}, or when the
     *         epilogue's width is not W's rows
     */
    Linear prepare(DMatrixRMaj w, double[] b, Pointwise epilogue);

    /**
     * Runs {@code chain} on x: reshapes every stage's buffer to x's rows and fills it (x is read only).
     * Allocates nothing.
     *
     * @throws IllegalArgumentException when the chain's width is not x's width
     */
    void pointwise(DMatrixRMaj x, Pointwise chain);

    /** Which implementation this is and how it runs here (vector width, tiles, warm-up), in one line. */
    String description();

    /**
     * Waits until this implementation runs at full speed. The vector kernels warm the JIT up in a
     * background thread when they are loaded and run the scalar kernels (the same bits) until then;
     * benchmarks and tests that must measure or exercise the vector code wait here first.
     *
     * @return true when warmed up, false if {@code timeout} passed first; true at once for the scalar kernels
     */
    default boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        return true;
    }

    /**
     * {@code y = x·Wᵀ + b} in one call: {@link #prepare} then {@link Linear#apply}. For one-off use
     * (it copies W every time); a plan prepares its layers once.
     *
     * @param x rows×in, read only
     * @param w out×in, read only
     * @param b length out, read only
     * @param y modified: reshaped to rows×out and overwritten; must not be {@code x}
     * @throws IllegalArgumentException when the shapes do not agree or {@code y == x}
     */
    default void linear(DMatrixRMaj x, DMatrixRMaj w, double[] b, DMatrixRMaj y) {
        if (x.numCols != w.numCols || b.length != w.numRows) {
            throw new IllegalArgumentException(String.format(
                    "linear: x is %d×%d, W is %d×%d and b has %d values; need x columns = W columns and b length = W rows",
                    x.numRows, x.numCols, w.numRows, w.numCols, b.length));
        }
        prepare(w, b).apply(x, y);
    }

    /** The portable plain-Java implementation ({@link Math#fma}, intrinsified on FMA hardware). */
    static DenseKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The {@code jdk.incubator.vector} implementation, when this JVM can run it: the module is in
     * the boot layer ({@code --add-modules jdk.incubator.vector}) and offers at least 2 double lanes.
     * Empty otherwise (never throws).
     */
    static Optional<DenseKernels> vector() {
        return KernelSelection.vector();
    }

    /**
     * The kernels a plan uses by default: {@link #vector()} when available, else {@link #scalar()};
     * {@code -Dstreamscore.kernels=scalar} forces the scalar kernels. Chosen once per JVM; what was
     * chosen and why is in its {@link #description()} (also logged once at DEBUG).
     */
    static DenseKernels best() {
        return KernelSelection.best();
    }
}
