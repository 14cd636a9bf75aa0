package dev.streamscore.job.demo;

import java.util.Arrays;

/**
 * Latencies in whole milliseconds: every one in a histogram of 1 ms buckets (exact percentiles of
 * the whole run in constant memory; latencies above {@value #MAX_MS} ms share the last bucket and
 * are reported as the largest one seen), and the latest {@code window} in a ring (the rolling p99).
 * Percentiles are nearest-rank: the p-th percentile of n values is the ⌈p·n/100⌉-th smallest.
 * Not thread-safe.
 */
final class LatencyStats {
    static final int MAX_MS = 120_000;

    private final long[] buckets = new long[MAX_MS + 1];
    private final long[] recent;
    private long count;
    private long max;

    /** @param window how many of the latest latencies {@link #recentPercentile} covers (≥ 1) */
    LatencyStats(int window) {
        if (window < 1) {
            throw new IllegalArgumentException(String.format("window must be >= 1, got %d", window));
        }
        this.recent = new long[window];
    }

    /** Adds a latency; negative ones (clocks a millisecond apart) count as 0. */
    void add(long ms) {
        long v = Math.max(ms, 0);
        buckets[(int) Math.min(v, MAX_MS)]++;
        recent[(int) (count % recent.length)] = v;
        count++;
        max = Math.max(max, v);
    }

    long count() {
        return count;
    }

    /** The p-th percentile (0 < p ≤ 100) of every latency added, or -1 when there are none. */
    long percentile(double p) {
        if (count == 0) {
            return -1;
        }
        long rank = rank(p, count);
        long seen = 0;
        for (int ms = 0; ms < MAX_MS; ms++) {
            seen += buckets[ms];
            if (seen >= rank) {
                return ms;
            }
        }
        return max;
    }

    /** The p-th percentile of the latest {@code window} latencies, or -1 when there are none. */
    long recentPercentile(double p) {
        int n = (int) Math.min(count, recent.length);
        if (n == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(recent, n);
        Arrays.sort(sorted);
        return sorted[(int) rank(p, n) - 1];
    }

    private static long rank(double p, long n) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException(String.format("percentile must be in (0, 100], got %s", p));
        }
        return Math.max(1, (long) Math.ceil(p / 100 * n));
    }
}
