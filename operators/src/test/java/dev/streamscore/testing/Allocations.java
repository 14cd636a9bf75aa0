package dev.streamscore.testing;

import java.lang.management.ManagementFactory;

/** Bytes allocated by this thread while a piece of code runs, as the JVM counts them. */
public final class Allocations {
    private Allocations() {}

    /**
     * Warms {@code pass} up ({@code warmUp} runs, JIT included), then measures 5 rounds of
     * {@code passes} runs and returns the least any round allocated. Code that allocated would
     * allocate in every round; a one-off JIT event (e.g. a deoptimisation materialising a frame)
     * can only spoil a round, so steady-state code that allocates nothing returns 0.
     *
     * @param pass one run; {@code i} counts the runs (e.g. to vary the batch size)
     */
    public static long bestOfFiveRounds(int warmUp, int passes, java.util.function.IntConsumer pass) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmUp; i++) {
            pass.accept(i);
        }
        long probe = mx.getCurrentThreadAllocatedBytes();
        long overhead = mx.getCurrentThreadAllocatedBytes() - probe;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < passes; i++) {
                pass.accept(i);
            }
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - start - overhead);
        }
        return best;
    }
}
