package dev.streamscore.util;

import java.util.Locale;

/**
 * What this JVM's heap can still give, to refuse work that cannot fit (a model's buffers, a model
 * file) with a clear reason before it fails half-way with an {@link OutOfMemoryError}.
 *
 * <p>The spare heap is the maximum heap ({@code -Xmx}) minus what is in use, minus a reserve of
 * one eighth of the maximum for everything else the process does. What is "in use" includes
 * garbage not yet collected, so a measure that comes out too small is taken again after asking
 * for a collection: only the refusing path pays for it.
 */
public final class Heap {
    private Heap() {}

    /** The maximum heap, in bytes. */
    public static long max() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * The bytes that can still be allocated with the reserve kept: measured again after a
     * garbage collection when the first measure is below {@code wanted}.
     */
    public static long spare(long wanted) {
        long spare = measure();
        if (spare < wanted) {
            System.gc();
            spare = measure();
        }
        return spare;
    }

    private static long measure() {
        Runtime r = Runtime.getRuntime();
        long used = r.totalMemory() - r.freeMemory();
        return Math.max(0, r.maxMemory() - used - r.maxMemory() / 8);
    }

    /** A byte count for people: {@code 186 B}, {@code 64.0 KiB}, {@code 6.3 GiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return String.format(Locale.ROOT, "%d B", n);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
