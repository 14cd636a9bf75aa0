package dev.streamscore.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * The dense kernels the plan calls: the one seam behind which a faster implementation (for example
 * a register-tiled, vectorised GEMM) can replace {@link ScalarKernels} without touching the plan.
 *
 * <p>Every implementation must keep each output element's reduction order fixed, so that a row's
 * result has the same bits whatever the batch size or the rows it is computed together with.
 */
public interface DenseKernels {

    /**
     * {@code y = x·Wᵀ + b}, i.e. {@code y[i][j] = Σ_k x[i][k]·W[j][k] + b[j]}.
     *
     * <p>Reduction order of every element: {@code acc = 0; for k = 0, 1, ..., in-1: acc += x[i][k]·W[j][k]
     * (a product then a sum, no fused multiply-add); y[i][j] = acc + b[j]}.
     *
     * @param x rows×in, read only
     * @param w out×in, read only
     * @param b length out, read only
     * @param y modified: reshaped to rows×out (no reallocation when its capacity suffices) and
     *          overwritten; must not be {@code x}
     * @throws IllegalArgumentException when the shapes do not agree or {@code y == x}
     */
    void linear(DMatrixRMaj x, DMatrixRMaj w, double[] b, DMatrixRMaj y);

    /** The default implementation: plain Java, tiled over rows and outputs. */
    static DenseKernels scalar() {
        return ScalarKernels.INSTANCE;
    }
}
