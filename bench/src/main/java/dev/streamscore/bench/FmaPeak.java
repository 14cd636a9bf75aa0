package dev.streamscore.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 fused multiply-add peak of one core as this JVM reaches it: 12 independent chains of
 * {@code acc = fma(acc, a, b)} on the preferred vector species (enough chains to cover the FMA
 * latency of two FMA units), best of several timed rounds after a warm-up. The yardstick for the
 * benchmark's GFLOP/s.
 */
final class FmaPeak {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    private FmaPeak() {}

    /** GFLOP/s (2 flops per lane per FMA), best of {@code rounds} rounds of about {@code millis} ms each. */
    static double measure(int rounds, long millis) {
        long steps = 1 << 20;
        double sink = 0;
        for (int i = 0; i < 20; i++) { // warm-up and JIT
            sink += chains(1 << 16);
        }
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long done = 0;
            while (System.nanoTime() - start < millis * 1_000_000L) {
                sink += chains(steps);
                done += steps;
            }
            long elapsed = System.nanoTime() - start;
            best = Math.max(best, 2.0 * S.length() * CHAINS * done / elapsed);
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("FMA peak loop produced NaN");
        }
        return best;
    }

    private static double chains(long steps) {
        DoubleVector a = DoubleVector.broadcast(S, 0.999999);
        DoubleVector b = DoubleVector.broadcast(S, 1e-7);
        DoubleVector c0 = DoubleVector.broadcast(S, 1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        DoubleVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < steps; i++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
