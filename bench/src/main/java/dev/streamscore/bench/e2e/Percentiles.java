package dev.streamscore.bench.e2e;

import java.util.Arrays;

/** Order statistics of a sample, by the nearest-rank method (a value that was observed, never an interpolation). */
final class Percentiles {
    private Percentiles() {}

    /**
     * The {@code p}-th percentile of {@code values[0..n)}: the smallest value with at least
     * {@code p}% of the sample at or below it, i.e. element {@code ceil(p/100 · n) - 1} in sorted order.
     * Sorts that range of {@code values} in place.
     *
     * @throws IllegalArgumentException when {@code n} is 0 or {@code p} is outside (0, 100]
     */
    static double of(double p, long[] values, int n) {
        if (n < 1 || n > values.length) {
            throw new IllegalArgumentException(String.format("n must be in [1, %d], got %d", values.length, n));
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException(String.format("p must be in (0, 100], got %s", p));
        }
        Arrays.sort(values, 0, n);
        int rank = (int) Math.ceil(p / 100 * n);
        return values[Math.max(rank, 1) - 1];
    }

    /** The median of {@code values}: the middle one, or the mean of the two middle ones. Does not modify it. */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
