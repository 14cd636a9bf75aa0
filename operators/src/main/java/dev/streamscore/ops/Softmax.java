package dev.streamscore.ops;

import org.ejml.data.DMatrixRMaj;

/**
 * Row-wise softmax and log-softmax, always shifted by the row maximum m so that no exponent
 * overflows: {@code softmax(z)_j = e^(z_j - m) / Σ_k e^(z_k - m)} and
 * {@code logSoftmax(z)_j = z_j - m - log Σ_k e^(z_k - m)}; sums run over k ascending.
 * The matrix forms reshape {@code y} to {@code x}'s shape and overwrite it ({@code y} may be
 * {@code x}); nothing else is modified and nothing is allocated.
 */
public final class Softmax {
    private Softmax() {}

    /** Row-wise softmax of x into y. */
    public static void softmax(DMatrixRMaj x, DMatrixRMaj y) {
        y.reshape(x.numRows, x.numCols);
        final int n = x.numCols;
        for (int r = 0; r < x.numRows; r++) {
            softmaxRow(x.data, r * n, n, y.data, r * n);
        }
    }

    /** Row-wise log-softmax of x into y. */
    public static void logSoftmax(DMatrixRMaj x, DMatrixRMaj y) {
        y.reshape(x.numRows, x.numCols);
        final int n = x.numCols;
        for (int r = 0; r < x.numRows; r++) {
            logSoftmaxRow(x.data, r * n, n, y.data, r * n);
        }
    }

    /**
     * Log-softmax of {@code z[zOff .. zOff+n)} into {@code out[outOff .. outOff+n)} by log-sum-exp:
     * {@code log pⱼ = (zⱼ - m) - log Σₖ e^(zₖ - m)}, m the maximum (only that range of {@code out}
     * is modified; the ranges may be the same).
     */
    public static void logSoftmaxRow(double[] z, int zOff, int n, double[] out, int outOff) {
        final double m = max(z, zOff, n);
        final double logSum = Math.log(sumExp(z, zOff, n, m));
        for (int j = 0; j < n; j++) {
            out[outOff + j] = z[zOff + j] - m - logSum;
        }
    }

    /**
     * Softmax of {@code z[zOff .. zOff+n)} into {@code out[outOff .. outOff+n)} (only that range of
     * {@code out} is modified; the ranges may be the same).
     */
    public static void softmaxRow(double[] z, int zOff, int n, double[] out, int outOff) {
        final double m = max(z, zOff, n);
        double sum = 0;
        for (int j = 0; j < n; j++) {
            final double e = Math.exp(z[zOff + j] - m);
            out[outOff + j] = e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            out[outOff + j] /= sum;
        }
    }

    /** The maximum of {@code z[off .. off+n)}; n must be at least 1. */
    public static double max(double[] z, int off, int n) {
        double m = z[off];
        for (int j = 1; j < n; j++) {
            final double v = z[off + j];
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    /** {@code Σ_j e^(z_j - m)} over {@code z[off .. off+n)}, j ascending. */
    public static double sumExp(double[] z, int off, int n, double m) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(z[off + j] - m);
        }
        return sum;
    }
}
