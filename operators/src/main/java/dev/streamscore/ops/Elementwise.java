package dev.streamscore.ops;

import dev.streamscore.graph.OpType;
import org.ejml.data.DMatrixRMaj;

/**
 * ADD, SUB, MUL and DIV of a matrix with a second matrix of the same shape or with a constant
 * broadcast along the rows. {@code y} is reshaped to {@code a}'s shape and overwritten (it may be
 * {@code a} or {@code b}); nothing else is modified and nothing is allocated.
 */
public final class Elementwise {
    private Elementwise() {}

    /** {@code y = a ∘ b} elementwise, ∘ the op; a and b have the same shape. */
    public static void apply(OpType op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj y) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException(String.format("%s: shapes differ, %d×%d and %d×%d",
                    op.jsonName(), a.numRows, a.numCols, b.numRows, b.numCols));
        }
        y.reshape(a.numRows, a.numCols);
        final double[] p = a.data;
        final double[] q = b.data;
        final double[] o = y.data;
        final int n = a.getNumElements();
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { o[i] = p[i] + q[i]; } }
            case SUB -> { for (int i = 0; i < n; i++) { o[i] = p[i] - q[i]; } }
            case MUL -> { for (int i = 0; i < n; i++) { o[i] = p[i] * q[i]; } }
            case DIV -> { for (int i = 0; i < n; i++) { o[i] = p[i] / q[i]; } }
            default -> throw notBinary(op);
        }
    }

    /**
     * {@code y[i][j] = a[i][j] ∘ c[j]} (c of length a's width) or {@code a[i][j] ∘ c[0]} (length 1).
     */
    public static void applyConstant(OpType op, DMatrixRMaj a, double[] c, DMatrixRMaj y) {
        final int w = a.numCols;
        if (c.length != 1 && c.length != w) {
            throw new IllegalArgumentException(String.format(
                    "%s: constant has %d values; expected 1 or the width %d", op.jsonName(), c.length, w));
        }
        y.reshape(a.numRows, w);
        final double[] p = a.data;
        final double[] o = y.data;
        final int step = c.length == 1 ? 0 : 1; // constant index = column · step
        for (int r = 0; r < a.numRows; r++) {
            final int off = r * w;
            switch (op) {
                case ADD -> { for (int j = 0; j < w; j++) { o[off + j] = p[off + j] + c[j * step]; } }
                case SUB -> { for (int j = 0; j < w; j++) { o[off + j] = p[off + j] - c[j * step]; } }
                case MUL -> { for (int j = 0; j < w; j++) { o[off + j] = p[off + j] * c[j * step]; } }
                case DIV -> { for (int j = 0; j < w; j++) { o[off + j] = p[off + j] / c[j * step]; } }
                default -> throw notBinary(op);
            }
        }
    }

    /** {@code a ∘ c} for one pair of values, ∘ the op: the definition the matrix forms follow. */
    public static double apply(OpType op, double a, double c) {
        return switch (op) {
            case ADD -> a + c;
            case SUB -> a - c;
            case MUL -> a * c;
            case DIV -> a / c;
            default -> throw notBinary(op);
        };
    }

    private static IllegalArgumentException notBinary(OpType op) {
        return new IllegalArgumentException(String.format(
                "%s is not an elementwise binary op; valid: add, sub, mul, div", op.jsonName()));
    }
}
