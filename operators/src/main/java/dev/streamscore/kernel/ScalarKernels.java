package dev.streamscore.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain-Java {@link DenseKernels}, the portable fallback. {@code apply} works on tiles of 4 rows ×
 * 2 outputs (8 independent fused multiply-add chains, enough to keep two FMA units busy), then
 * 1 row × 4 outputs for the last rows, then single dot products. Every chain is the documented one,
 * {@code acc = fma(x[i][k], W[j][k], acc)} for k ascending from +0.0, then {@code + b[j]}, so the
 * tile an element falls in never changes its bits, and they equal the vector kernels' bits.
 *
 * <p>{@link Math#fma} is a single instruction on CPUs with FMA (x86-64 since 2013, AArch64); on a
 * CPU without it the JVM computes it in software, correctly but much more slowly.
 */
public final class ScalarKernels implements DenseKernels {
    static final ScalarKernels INSTANCE = new ScalarKernels(null);

    private final String note;

    /** @param note why these kernels were chosen, appended to the description; null for none */
    ScalarKernels(String note) {
        this.note = note;
    }

    @Override
    public DenseKernels.Linear prepare(DMatrixRMaj w, double[] b, Pointwise epilogue) {
        return new Linear(w, b, epilogue);
    }

    /** The chain one stage after the other, by the ops' matrix functions ({@link Pointwise#applyScalar}). */
    @Override
    public void pointwise(DMatrixRMaj x, Pointwise chain) {
        checkChain(x, chain);
        chain.reshape(x.numRows);
        chain.applyScalar(x);
    }

    @Override
    public String description() {
        String base = "scalar (plain Java, Math.fma, tiles of 4 rows × 2 outputs)";
        return note == null ? base : String.format("%s: %s", base, note);
    }

    /** W (out×in, row-major) and b, copied; the epilogue runs on the whole output after the layer. */
    private static final class Linear implements DenseKernels.Linear {
        private final double[] w;
        private final double[] b;
        private final int in;
        private final int out;
        private final Pointwise epilogue;

        Linear(DMatrixRMaj w, double[] b, Pointwise epilogue) {
            checkParameters(w, b, epilogue);
            this.in = w.numCols;
            this.out = w.numRows;
            this.w = java.util.Arrays.copyOf(w.data, out * in);
            this.b = b.clone();
            this.epilogue = epilogue;
        }

        @Override
        public int inputWidth() {
            return in;
        }

        @Override
        public int outputWidth() {
            return out;
        }

        @Override
        public void apply(DMatrixRMaj x, DMatrixRMaj y) {
            checkOperands(x, y, in, out);
            final int rows = x.numRows;
            final int n = in;
            y.reshape(rows, out);
            final double[] xd = x.data;
            final double[] yd = y.data;
            int i = 0;
            for (; i + 4 <= rows; i += 4) {
                int j = 0;
                for (; j + 2 <= out; j += 2) {
                    tile4x2(xd, i * n, n, w, j * n, b, j, yd, i * out + j, out);
                }
                for (; j < out; j++) {
                    for (int r = i; r < i + 4; r++) {
                        yd[r * out + j] = dot(xd, r * n, w, j * n, n) + b[j];
                    }
                }
            }
            for (; i < rows; i++) {
                int j = 0;
                for (; j + 4 <= out; j += 4) {
                    tile1x4(xd, i * n, n, w, j * n, b, j, yd, i * out + j);
                }
                for (; j < out; j++) {
                    yd[i * out + j] = dot(xd, i * n, w, j * n, n) + b[j];
                }
            }
            if (!epilogue.isEmpty()) {
                epilogue.reshape(rows);
                epilogue.applyScalar(y);
            }
        }
    }

    /** Shared by both implementations: W non-empty, b of length out, an epilogue of width out (or none). */
    static void checkParameters(DMatrixRMaj w, double[] b, Pointwise epilogue) {
        if (w.numRows < 1 || w.numCols < 1 || b.length != w.numRows) {
            throw new IllegalArgumentException(String.format(
                    "linear: W is %d×%d and b has %d values; need W at least 1×1 and b length = W rows",
                    w.numRows, w.numCols, b.length));
        }
        if (!epilogue.isEmpty() && epilogue.width() != w.numRows) {
            throw new IllegalArgumentException(String.format(
                    "linear: the epilogue takes rows of width %d but W has %d rows (outputs)", epilogue.width(), w.numRows));
        }
    }

    /** Shared by both implementations: a chain as wide as x. */
    static void checkChain(DMatrixRMaj x, Pointwise chain) {
        if (!chain.isEmpty() && chain.width() != x.numCols) {
            throw new IllegalArgumentException(String.format(
                    "pointwise: x is %d×%d but the chain takes rows of width %d", x.numRows, x.numCols, chain.width()));
        }
    }

    /** Shared by both implementations: x of width in, y not x. */
    static void checkOperands(DMatrixRMaj x, DMatrixRMaj y, int in, int out) {
        if (x.numCols != in) {
            throw new IllegalArgumentException(String.format(
                    "linear: x is %d×%d but W is %d×%d (out×in); need x columns = %d", x.numRows, x.numCols, out, in, in));
        }
        if (x == y) {
            throw new IllegalArgumentException("linear: y must not be x");
        }
    }

    private static double dot(double[] x, int x0, double[] w, int w0, int n) {
        double acc = 0;
        for (int k = 0; k < n; k++) {
            acc = Math.fma(x[x0 + k], w[w0 + k], acc);
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
            a00 = Math.fma(u0, v0, a00);
            a01 = Math.fma(u0, v1, a01);
            a10 = Math.fma(u1, v0, a10);
            a11 = Math.fma(u1, v1, a11);
            a20 = Math.fma(u2, v0, a20);
            a21 = Math.fma(u2, v1, a21);
            a30 = Math.fma(u3, v0, a30);
            a31 = Math.fma(u3, v1, a31);
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
            a0 = Math.fma(u, w[w0 + k], a0);
            a1 = Math.fma(u, w[w1 + k], a1);
            a2 = Math.fma(u, w[w2 + k], a2);
            a3 = Math.fma(u, w[w3 + k], a3);
        }
        y[y0] = a0 + b[j];
        y[y0 + 1] = a1 + b[j + 1];
        y[y0 + 2] = a2 + b[j + 2];
        y[y0 + 3] = a3 + b[j + 3];
    }
}
