package dev.streamscore.kernel;

import static dev.streamscore.kernel.VectorTiles.V;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;

/**
 * Background JIT warm-up of {@link VectorTiles} and {@link VectorKernels.Packed}, started once per JVM when the vector kernels are
 * loaded. Until C2 has compiled a tile, every vector operation in it is an allocating library call,
 * 100 to 1000 times slower than the scalar kernels: a 784-256-128-10 batch of 256 rows took over a
 * second in the first calls. So {@link VectorKernels.Packed#apply} runs the scalar kernels, which
 * give the same bits, until this thread has driven every tile shape past the JIT's thresholds and
 * seen it run at compiled speed.
 */
final class VectorWarmUp {
    /** Inner-loop length of the warm-up calls: both the unrolled loop (4 steps a turn) and the remainder run. */
    private static final int STEPS = 19;
    /** Calls per timed block; a tile counts as compiled once a block runs under {@link #COMPILED_NANOS} per call. */
    private static final int BLOCK = 1000;
    /** Per call (at most 7 rows × 2 panels × 19 steps): compiled about 0.3 µs, interpreted or C1 code 50 µs or more. */
    private static final long COMPILED_NANOS = 5_000;
    /** At least this many calls per tile (past the tiered-compilation thresholds), whatever the timing says. */
    private static final int MIN_CALLS = 20_000;
    /** Gives up (and switches to the vector tiles anyway) after this long: a very slow or busy machine. */
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final CountDownLatch DONE = new CountDownLatch(1);
    private static volatile String outcome = "in progress (scalar kernels meanwhile, same bits)";

    private VectorWarmUp() {}

    /** Starts the daemon thread; called once, from {@link VectorKernels#load()}. */
    static void start() {
        Thread t = new Thread(VectorWarmUp::run, "streamscore-vector-warm-up");
        t.setDaemon(true);
        t.start();
    }

    static boolean done() {
        return DONE.getCount() == 0;
    }

    static boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return DONE.await(timeout, unit);
    }

    /** One line for descriptions: in progress, or done and how long it took. */
    static String outcome() {
        return outcome;
    }

    private static void run() {
        long start = System.nanoTime();
        boolean allCompiled = true;
        try {
            for (int nv = 1; nv <= 3; nv++) {
                allCompiled &= exercise(nv, start);
            }
        } finally {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            outcome = allCompiled ? String.format("JIT warm-up done in %d ms", ms)
                    : String.format("JIT warm-up stopped after %d ms without seeing compiled speed", ms);
            DONE.countDown();
        }
    }

    /**
     * Applies a layer of N vectors per tile, one full and one partial panel, to batches of 1 to 7
     * rows (so 4-row and 1-row tiles, at varying offsets, and the scratch copy all run), until a
     * block of calls runs at compiled speed; false if out of time.
     */
    private static boolean exercise(int nv, long start) {
        int out = nv * V + 1;
        DMatrixRMaj w = new DMatrixRMaj(out, STEPS);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = (i % 7) * 0.125;
        }
        VectorKernels.Packed layer = new VectorKernels.Packed(w, new double[out], nv);
        DMatrixRMaj x = new DMatrixRMaj(7, STEPS);
        DMatrixRMaj y = new DMatrixRMaj(7, out);
        int calls = 0;
        while (System.nanoTime() - start < BUDGET_NANOS) {
            long t = System.nanoTime();
            for (int i = 0; i < BLOCK; i++) {
                x.reshape(1 + i % 7, STEPS);
                layer.applyTiles(x, y);
            }
            calls += BLOCK;
            if (calls >= MIN_CALLS && (System.nanoTime() - t) / BLOCK < COMPILED_NANOS) {
                return true;
            }
        }
        return false;
    }
}
