package dev.streamscore.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link VectorKernels}: {@code tileRxN} computes R rows (4, or 1 for the
 * last rows of a batch) × N vectors of outputs (N·V outputs, V = the preferred species' lanes) in
 * R·N accumulators held in registers.
 *
 * <p>Operands: rows {@code x0, x0+n, ...} of {@code x} (width n); the weight panel at {@code p0} in
 * {@code pw}, k-major ({@code pw[p0 + k·N·V + c] = W[j0 + c][k]}, zero-padded past the last
 * output), so each k step loads N contiguous vectors; the padded bias {@code bp} at {@code j0}.
 * Modifies {@code y}: the R×N·V outputs, at {@code y0} with row stride {@code ys}.
 *
 * <p>Each lane is one output element's chain: {@code acc = fma(x[i][k], W[j][k], acc)} for k
 * ascending from +0.0, then {@code acc + b[j]}, the order {@link DenseKernels} documents, so every
 * tile gives the bits of {@link ScalarKernels}. No vector escapes a method, so after JIT compilation
 * nothing is allocated.
 */
final class VectorTiles {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int V = S.length();

    private VectorTiles() {}

    /** 4 rows × 1 vector of outputs. */
    static void tile4x1(double[] x, int x0, int n, double[] pw, int p0, double[] bp, int j0,
                          double[] y, int y0, int ys) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        final int x1 = x0 + n;
        final int x2 = x1 + n;
        final int x3 = x2 + n;
        for (int k = 0, p = p0; k < n; k++, p += V) {
            final DoubleVector w0 = DoubleVector.fromArray(S, pw, p);
            DoubleVector u = DoubleVector.broadcast(S, x[x0 + k]);
            a00 = u.fma(w0, a00);
            u = DoubleVector.broadcast(S, x[x1 + k]);
            a10 = u.fma(w0, a10);
            u = DoubleVector.broadcast(S, x[x2 + k]);
            a20 = u.fma(w0, a20);
            u = DoubleVector.broadcast(S, x[x3 + k]);
            a30 = u.fma(w0, a30);
        }
        final DoubleVector b0 = DoubleVector.fromArray(S, bp, j0);
        a00.add(b0).intoArray(y, y0);
        a10.add(b0).intoArray(y, y0 + ys);
        a20.add(b0).intoArray(y, y0 + 2 * ys);
        a30.add(b0).intoArray(y, y0 + 3 * ys);
    }

    /** 4 rows × 2 vectors of outputs. */
    static void tile4x2(double[] x, int x0, int n, double[] pw, int p0, double[] bp, int j0,
                          double[] y, int y0, int ys) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S), a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S), a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S), a31 = DoubleVector.zero(S);
        final int x1 = x0 + n;
        final int x2 = x1 + n;
        final int x3 = x2 + n;
        for (int k = 0, p = p0; k < n; k++, p += 2 * V) {
            final DoubleVector w0 = DoubleVector.fromArray(S, pw, p);
            final DoubleVector w1 = DoubleVector.fromArray(S, pw, p + V);
            DoubleVector u = DoubleVector.broadcast(S, x[x0 + k]);
            a00 = u.fma(w0, a00); a01 = u.fma(w1, a01);
            u = DoubleVector.broadcast(S, x[x1 + k]);
            a10 = u.fma(w0, a10); a11 = u.fma(w1, a11);
            u = DoubleVector.broadcast(S, x[x2 + k]);
            a20 = u.fma(w0, a20); a21 = u.fma(w1, a21);
            u = DoubleVector.broadcast(S, x[x3 + k]);
            a30 = u.fma(w0, a30); a31 = u.fma(w1, a31);
        }
        final DoubleVector b0 = DoubleVector.fromArray(S, bp, j0);
        final DoubleVector b1 = DoubleVector.fromArray(S, bp, j0 + V);
        a00.add(b0).intoArray(y, y0);
        a01.add(b1).intoArray(y, y0 + V);
        a10.add(b0).intoArray(y, y0 + ys);
        a11.add(b1).intoArray(y, y0 + ys + V);
        a20.add(b0).intoArray(y, y0 + 2 * ys);
        a21.add(b1).intoArray(y, y0 + 2 * ys + V);
        a30.add(b0).intoArray(y, y0 + 3 * ys);
        a31.add(b1).intoArray(y, y0 + 3 * ys + V);
    }

    /** 4 rows × 3 vectors of outputs. */
    static void tile4x3(double[] x, int x0, int n, double[] pw, int p0, double[] bp, int j0,
                          double[] y, int y0, int ys) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = DoubleVector.zero(S), a02 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S), a11 = DoubleVector.zero(S), a12 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S), a21 = DoubleVector.zero(S), a22 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S), a31 = DoubleVector.zero(S), a32 = DoubleVector.zero(S);
        final int x1 = x0 + n;
        final int x2 = x1 + n;
        final int x3 = x2 + n;
        for (int k = 0, p = p0; k < n; k++, p += 3 * V) {
            final DoubleVector w0 = DoubleVector.fromArray(S, pw, p);
            final DoubleVector w1 = DoubleVector.fromArray(S, pw, p + V);
            final DoubleVector w2 = DoubleVector.fromArray(S, pw, p + 2 * V);
            DoubleVector u = DoubleVector.broadcast(S, x[x0 + k]);
            a00 = u.fma(w0, a00); a01 = u.fma(w1, a01); a02 = u.fma(w2, a02);
            u = DoubleVector.broadcast(S, x[x1 + k]);
            a10 = u.fma(w0, a10); a11 = u.fma(w1, a11); a12 = u.fma(w2, a12);
            u = DoubleVector.broadcast(S, x[x2 + k]);
            a20 = u.fma(w0, a20); a21 = u.fma(w1, a21); a22 = u.fma(w2, a22);
            u = DoubleVector.broadcast(S, x[x3 + k]);
            a30 = u.fma(w0, a30); a31 = u.fma(w1, a31); a32 = u.fma(w2, a32);
        }
        final DoubleVector b0 = DoubleVector.fromArray(S, bp, j0);
        final DoubleVector b1 = DoubleVector.fromArray(S, bp, j0 + V);
        final DoubleVector b2 = DoubleVector.fromArray(S, bp, j0 + 2 * V);
        a00.add(b0).intoArray(y, y0);
        a01.add(b1).intoArray(y, y0 + V);
        a02.add(b2).intoArray(y, y0 + 2 * V);
        a10.add(b0).intoArray(y, y0 + ys);
        a11.add(b1).intoArray(y, y0 + ys + V);
        a12.add(b2).intoArray(y, y0 + ys + 2 * V);
        a20.add(b0).intoArray(y, y0 + 2 * ys);
        a21.add(b1).intoArray(y, y0 + 2 * ys + V);
        a22.add(b2).intoArray(y, y0 + 2 * ys + 2 * V);
        a30.add(b0).intoArray(y, y0 + 3 * ys);
        a31.add(b1).intoArray(y, y0 + 3 * ys + V);
        a32.add(b2).intoArray(y, y0 + 3 * ys + 2 * V);
    }

    /** 1 row × 1 vector of outputs. */
    static void tile1x1(double[] x, int x0, int n, double[] pw, int p0, double[] bp, int j0,
                          double[] y, int y0) {
        DoubleVector a00 = DoubleVector.zero(S);
        for (int k = 0, p = p0; k < n; k++, p += V) {
            final DoubleVector w0 = DoubleVector.fromArray(S, pw, p);
            DoubleVector u = DoubleVector.broadcast(S, x[x0 + k]);
            a00 = u.fma(w0, a00);
        }
        final DoubleVector b0 = DoubleVector.fromArray(S, bp, j0);
        a00.add(b0).intoArray(y, y0);
    }

    /** 1 row × 2 vectors of outputs. */
    static void tile1x2(double[] x, int x0, int n, double[] pw, int p0, double[] bp, int j0,
                          double[] y, int y0) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = DoubleVector.zero(S);
        for (int k = 0, p = p0; k < n; k++, p += 2 * V) {
            final DoubleVector w0 = DoubleVector.fromArray(S, pw, p);
            final DoubleVector w1 = DoubleVector.fromArray(S, pw, p + V);
            DoubleVector u = DoubleVector.broadcast(S, x[x0 + k]);
            a00 = u.fma(w0, a00); a01 = u.fma(w1, a01);
        }
        final DoubleVector b0 = DoubleVector.fromArray(S, bp, j0);
        final DoubleVector b1 = DoubleVector.fromArray(S, bp, j0 + V);
        a00.add(b0).intoArray(y, y0);
        a01.add(b1).intoArray(y, y0 + V);
    }

    /** 1 row × 3 vectors of outputs. */
    static void tile1x3(double[] x, int x0, int n, double[] pw, int p0, double[] bp, int j0,
                          double[] y, int y0) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = DoubleVector.zero(S), a02 = DoubleVector.zero(S);
        for (int k = 0, p = p0; k < n; k++, p += 3 * V) {
            final DoubleVector w0 = DoubleVector.fromArray(S, pw, p);
            final DoubleVector w1 = DoubleVector.fromArray(S, pw, p + V);
            final DoubleVector w2 = DoubleVector.fromArray(S, pw, p + 2 * V);
            DoubleVector u = DoubleVector.broadcast(S, x[x0 + k]);
            a00 = u.fma(w0, a00); a01 = u.fma(w1, a01); a02 = u.fma(w2, a02);
        }
        final DoubleVector b0 = DoubleVector.fromArray(S, bp, j0);
        final DoubleVector b1 = DoubleVector.fromArray(S, bp, j0 + V);
        final DoubleVector b2 = DoubleVector.fromArray(S, bp, j0 + 2 * V);
        a00.add(b0).intoArray(y, y0);
        a01.add(b1).intoArray(y, y0 + V);
        a02.add(b2).intoArray(y, y0 + 2 * V);
    }
}
