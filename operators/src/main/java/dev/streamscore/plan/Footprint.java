package dev.streamscore.plan;

/**
 * The heap a compiled plan needs: one buffer of {@code maxBatch} rows per executed node, each row
 * as wide as the node's output, plus the nodes' parameters (weights, biases, constants), all
 * doubles. Known from the widths alone, so {@link Compiler} checks it before allocating anything.
 * Products saturate at {@link Long#MAX_VALUE} instead of overflowing.
 *
 * @param valuesPerRow Σ widths of the executed nodes: the doubles one batch row takes in the buffers
 * @param parameters   the doubles the executed nodes hold
 * @param maxBatch     the rows each buffer holds
 */
public record Footprint(long valuesPerRow, long parameters, int maxBatch) {

    /** {@code 8 · valuesPerRow · maxBatch}. */
    public long bufferBytes() {
        return times(times(valuesPerRow, maxBatch), Double.BYTES);
    }

    /** {@code 8 · parameters}. */
    public long parameterBytes() {
        return times(parameters, Double.BYTES);
    }

    /** Buffers and parameters. */
    public long bytes() {
        long sum = bufferBytes() + parameterBytes();
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** The largest batch whose footprint fits in {@code bytes} (0 when not even one row fits). */
    public long rowsFitting(long bytes) {
        long perRow = times(valuesPerRow, Double.BYTES);
        long left = bytes - parameterBytes();
        return left <= 0 || perRow == 0 ? 0 : left / perRow;
    }

    private static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }
}
