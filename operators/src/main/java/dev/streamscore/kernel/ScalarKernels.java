package dev.streamscore.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain-Java {@link DenseKernels}. {@code linear} works on tiles of 4 rows × 2 outputs (8 independent
 * accumulators, so the adds pipeline), then 1 row × 4 outputs for the last rows. Every accumulator
 * sums its products for k ascending from zero and adds the bias last, so which tile an element
 * falls in never changes its bits.
 */
public final class ScalarKernels implements DenseKernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public void linear(DMatrixRMaj x, DMatrixRMaj w, double[] b, DMatrixRMaj y) {
        if (x.numCols != w.numCols || b.length != w.numRows) {
            throw new IllegalArgumentException(String.format(
                    "linear: x is %d×%d, W is %d×%d and b has %d values; need x columns = W columns and b length = W rows",
                    x.numRows, x.numCols, w.numRows, w.numCols, b.length));
        }
        if (x == y) {
            throw new IllegalArgumentException("linear: y must not be x");
        }
        final int rows = x.numRows;
        final int n = x.numCols;
        final int out = w.numRows;
        y.reshape(rows, out);
        final double[] xd = x.data;
        final double[] wd = w.data;
        final double[] yd = y.data;
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int j = 0;
            for (; j + 2 <= out; j += 2) {
                tile4x2(xd, i * n, n, wd, j * n, b, j, yd, i * out + j, out);
            }
            for (; j < out; j++) {
                for (int r = i; r < i + 4; r++) {
                    yd[r * out + j] = dot(xd, r * n, wd, j * n, n) + b[j];
                }
            }
        }
        for (; i < rows; i++) {
            int j = 0;
            for (; j + 4 <= out; j += 4) {
                tile1x4(xd, i * n, n, wd, j * n, b, j, yd, i * out + j);
            }
            for (; j < out; j++) {
                yd[i * out + j] = dot(xd, i * n, wd, j * n, n) + b[j];
            }
        }
    }

    private static double dot(double[] x, int x0, double[] w, int w0, int n) {
        double acc = 0;
        for (int k = 0; k < n; k++) {
            acc += x[x0 + k] * w[w0 + k];
        }
        return acc;
    }

    private static void tile4x2(double[] x, int x0, int n, double[] w, int w0, double[] b, int j,
                                double[] y, int y0, int ys) {
        final int x1 = x0 + n;
        final int x2 = x1 + n;
        final int x3 = x2 + n;
        final int w1 = w0 + n;
        double a00 = 0, a01 = 0, a10 = 0, a11 = 0, a20 = 0, a21 = 0, a30 = 0, a31 = 0;
        for (int k = 0; k < n; k++) {
            final double v0 = w[w0 + k];
            final double v1 = w[w1 + k];
            final double u0 = x[x0 + k];
            final double u1 = x[x1 + k];
            final double u2 = x[x2 + k];
            final double u3 = x[x3 + k];
            a00 += u0 * v0;
            a01 += u0 * v1;
            a10 += u1 * v0;
            a11 += u1 * v1;
            a20 += u2 * v0;
            a21 += u2 * v1;
            a30 += u3 * v0;
            a31 += u3 * v1;
        }
        final double b0 = b[j];
        final double b1 = b[j + 1];
        y[y0] = a00 + b0;
        y[y0 + 1] = a01 + b1;
        y[y0 + ys] = a10 + b0;
        y[y0 + ys + 1] = a11 + b1;
        y[y0 + 2 * ys] = a20 + b0;
        y[y0 + 2 * ys + 1] = a21 + b1;
        y[y0 + 3 * ys] = a30 + b0;
        y[y0 + 3 * ys + 1] = a31 + b1;
    }

    private static void tile1x4(double[] x, int x0, int n, double[] w, int w0, double[] b, int j,
                                double[] y, int y0) {
        final int w1 = w0 + n;
        final int w2 = w1 + n;
        final int w3 = w2 + n;
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (int k = 0; k < n; k++) {
            final double u = x[x0 + k];
            a0 += u * w[w0 + k];
            a1 += u * w[w1 + k];
            a2 += u * w[w2 + k];
            a3 += u * w[w3 + k];
        }
        y[y0] = a0 + b[j];
        y[y0 + 1] = a1 + b[j + 1];
        y[y0 + 2] = a2 + b[j + 2];
        y[y0 + 3] = a3 + b[j + 3];
    }
}
