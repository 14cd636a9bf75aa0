package dev.streamscore.graph;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * Weight initialisations for a W stored out×in, so {@code fan_in = W.numCols} and
 * {@code fan_out = W.numRows}. Elements are drawn in row-major order from the given generator, so a
 * seeded generator gives the same bits every time.
 */
public enum Init {
    /** {@code U(-a, a)} with {@code a = sqrt(6 / (fan_in + fan_out))}: variance {@code 2 / (fan_in + fan_out)}. */
    XAVIER_UNIFORM,
    /** {@code N(0, 2 / fan_in)}: standard deviation {@code sqrt(2 / fan_in)}. */
    HE_NORMAL,
    /** All zeros. */
    ZEROS;

    /**
     * Fills W.
     *
     * @param w   modified: every element overwritten; its shape is kept
     * @param rng the random source (advanced; not used by {@link #ZEROS})
     */
    public void fill(DMatrixRMaj w, RandomGenerator rng) {
        final int fanIn = w.numCols;
        final int fanOut = w.numRows;
        final int n = w.getNumElements();
        switch (this) {
            case XAVIER_UNIFORM -> {
                final double a = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < n; i++) {
                    w.data[i] = a * (2.0 * rng.nextDouble() - 1.0);
                }
            }
            case HE_NORMAL -> {
                final double sd = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < n; i++) {
                    w.data[i] = sd * rng.nextGaussian();
                }
            }
            case ZEROS -> Arrays.fill(w.data, 0, n, 0.0);
            default -> throw new IllegalStateException(name());
        }
    }

    /** A new out×in matrix filled by {@link #fill}. */
    public DMatrixRMaj create(int out, int in, RandomGenerator rng) {
        DMatrixRMaj w = new DMatrixRMaj(out, in);
        fill(w, rng);
        return w;
    }

    /**
     * Looks an init up by its lower-case name ({@code xavier_uniform}, {@code he_normal}, {@code zeros}).
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    public static Init fromName(String name) {
        return MlpBuilder.parse(Init.class, "init", name);
    }
}
