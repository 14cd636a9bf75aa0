package dev.streamscore.kernel;

import static dev.streamscore.kernel.VectorTiles.S;
import static dev.streamscore.kernel.VectorTiles.V;

import dev.streamscore.graph.OpType;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Pointwise} chains in vector lanes: every lane computes what the scalar definition computes
 * (an IEEE add, subtract, multiply or divide by the column's constant; {@code max(v, 0.0)} with
 * {@link Math#max}'s NaN and signed-zero rules; {@code v < 0 ? alpha·v : v}), so the bits are those
 * of {@link Pointwise#applyScalar}. Columns past the last whole vector of a row go through
 * {@link Pointwise#apply(int, double, int)}. Allocates nothing once JIT-compiled.
 */
final class VectorPointwise {
    /** Rows of a standalone chain are processed in blocks of about this many values, so each stage reads the previous one from L1. */
    private static final int BLOCK_VALUES = 1024;

    private VectorPointwise() {}

    /** The chain on all {@code rows} rows of {@code source}; the stages' buffers must be reshaped already. */
    static void applyAll(Pointwise p, double[] source, int rows) {
        final int block = Math.max(1, BLOCK_VALUES / p.width());
        for (int r = 0; r < rows; r += block) {
            apply(p, source, r, Math.min(block, rows - r), 0, p.width());
        }
    }

    /**
     * The chain on rows {@code [r0, r0 + rows)} × columns {@code [j0, j1)} of {@code source} (row
     * stride: the chain's width). Modifies those positions of every stage's buffer (already reshaped).
     */
    static void apply(Pointwise p, double[] source, int r0, int rows, int j0, int j1) {
        final int w = p.width();
        for (int s = 0; s < p.size(); s++) {
            final double[] in = p.input(s, source);
            final double[] out = p.stage(s).out().data;
            final double[] c = p.columns(s);
            final OpType op = p.stage(s).op();
            final double alpha = p.stage(s).alpha();
            for (int r = r0; r < r0 + rows; r++) {
                final int off = r * w;
                int j = j0;
                switch (op) {
                    case ADD -> {
                        for (; j + V <= j1; j += V) {
                            DoubleVector.fromArray(S, in, off + j).add(DoubleVector.fromArray(S, c, j)).intoArray(out, off + j);
                        }
                    }
                    case SUB -> {
                        for (; j + V <= j1; j += V) {
                            DoubleVector.fromArray(S, in, off + j).sub(DoubleVector.fromArray(S, c, j)).intoArray(out, off + j);
                        }
                    }
                    case MUL -> {
                        for (; j + V <= j1; j += V) {
                            DoubleVector.fromArray(S, in, off + j).mul(DoubleVector.fromArray(S, c, j)).intoArray(out, off + j);
                        }
                    }
                    case DIV -> {
                        for (; j + V <= j1; j += V) {
                            DoubleVector.fromArray(S, in, off + j).div(DoubleVector.fromArray(S, c, j)).intoArray(out, off + j);
                        }
                    }
                    case RELU -> {
                        for (; j + V <= j1; j += V) {
                            DoubleVector.fromArray(S, in, off + j).lanewise(VectorOperators.MAX, 0.0).intoArray(out, off + j);
                        }
                    }
                    case LEAKY_RELU -> {
                        for (; j + V <= j1; j += V) {
                            final DoubleVector v = DoubleVector.fromArray(S, in, off + j);
                            v.blend(v.mul(alpha), v.compare(VectorOperators.LT, 0.0)).intoArray(out, off + j);
                        }
                    }
                    default -> throw new IllegalStateException(String.format("%s is not pointwise", op));
                }
                for (; j < j1; j++) {
                    out[off + j] = p.apply(s, in[off + j], j);
                }
            }
        }
    }
}
