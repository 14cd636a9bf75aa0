package dev.streamscore.kernel;

import static dev.streamscore.kernel.VectorKernels.PANEL;
import static dev.streamscore.kernel.VectorTiles.ROWS;
import static dev.streamscore.kernel.VectorTiles.V;

import dev.streamscore.graph.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;

/**
 * Background JIT warm-up of {@link VectorTiles}, {@link VectorKernels.Packed} and
 * {@link VectorPointwise}, started once per JVM when the vector kernels are loaded. Until C2 has
 * compiled a tile, every vector operation in it is an allocating library call, 100 to 1000 times
 * slower than the scalar kernels: a 784-256-128-10 batch of 256 rows took over a second in the
 * first calls. So {@link VectorKernels.Packed#apply} and {@link VectorKernels#pointwise} run the
 * scalar kernels, which give the same bits, until this thread has driven every tile shape, every
 * k-block branch (first, middle, last) and every pointwise op past the JIT's thresholds and seen
 * them run at compiled speed. A branch the warm-up never took would, on first use by a real model,
 * send the compiled code back to the interpreter until recompiled.
 */
final class VectorWarmUp {
    /** Inner-loop length of the warm-up layers (k steps of a layer). */
    private static final int STEPS = 19;
    /** k steps per block in the warm-up layers: three blocks of 19 steps, so first, middle and last blocks all run. */
    private static final int K_BLOCK = 7;
    /** Calls per timed block; the tiles count as compiled once a block runs under {@link #COMPILED_NANOS} per call. */
    private static final int BLOCK = 600;
    /** Per call (at most ROWS+3 rows × 2 panels × 19 steps, plus a 6-stage epilogue): compiled a few µs, interpreted or C1 code 100 µs or more. */
    private static final long COMPILED_NANOS = 20_000;
    /** At least this many calls in all (past the tiered-compilation thresholds), whatever the timing says. */
    private static final int MIN_CALLS = 30_000;
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
        boolean compiled = false;
        try {
            compiled = exercise(start);
        } finally {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            outcome = compiled ? String.format("JIT warm-up done in %d ms", ms)
                    : String.format("JIT warm-up stopped after %d ms without seeing compiled speed", ms);
            DONE.countDown();
        }
    }

    /**
     * Applies layers of one full panel plus a last panel of 0 to 4 vectors (every tile width), with
     * and without an epilogue of every pointwise op, and a standalone chain, to batches of 1 to
     * ROWS+3 rows (so both tile heights run, at varying offsets), until a block of calls runs at
     * compiled speed; false if out of time.
     */
    private static boolean exercise(long start) {
        int[] rests = {0, 1, V + 1, 2 * V + 1, 3 * V + 1};
        int maxRows = ROWS + 3;
        List<VectorKernels.Packed> layers = new ArrayList<>();
        List<DMatrixRMaj> outputs = new ArrayList<>();
        for (int i = 0; i < rests.length; i++) {
            int out = PANEL + rests[i];
            DMatrixRMaj w = new DMatrixRMaj(out, STEPS);
            for (int e = 0; e < w.data.length; e++) {
                w.data[e] = (e % 7) * 0.125 - 0.25;
            }
            Pointwise epilogue = i % 2 == 0 ? Pointwise.NONE : everyOp(out, maxRows);
            layers.add(new VectorKernels.Packed(w, new double[out], epilogue, K_BLOCK, VectorKernels.M_BLOCK));
            outputs.add(new DMatrixRMaj(maxRows, out));
        }
        DMatrixRMaj x = new DMatrixRMaj(maxRows, STEPS);
        for (int e = 0; e < x.data.length; e++) {
            x.data[e] = (e % 5) - 2.0;
        }
        Pointwise chain = everyOp(STEPS, maxRows);
        int calls = 0;
        while (System.nanoTime() - start < BUDGET_NANOS) {
            long t = System.nanoTime();
            for (int i = 0; i < BLOCK; i++) {
                x.reshape(1 + i % maxRows, STEPS);
                int l = i % layers.size();
                layers.get(l).applyTiles(x, outputs.get(l));
                chain.reshape(x.numRows);
                VectorPointwise.applyAll(chain, x.data, x.numRows);
            }
            calls += BLOCK;
            if (calls >= MIN_CALLS && (System.nanoTime() - t) / BLOCK < COMPILED_NANOS) {
                return true;
            }
        }
        return false;
    }

    /** A chain with one stage of each pointwise op, over rows of {@code width}. */
    private static Pointwise everyOp(int width, int rows) {
        List<Pointwise.Stage> stages = new ArrayList<>();
        for (OpType op : new OpType[] {OpType.ADD, OpType.SUB, OpType.MUL, OpType.DIV}) {
            stages.add(Pointwise.Stage.constant(op, new double[] {1.5}, new DMatrixRMaj(rows, width)));
        }
        stages.add(Pointwise.Stage.activation(OpType.LEAKY_RELU, 0.25, new DMatrixRMaj(rows, width)));
        stages.add(Pointwise.Stage.activation(OpType.RELU, 0, new DMatrixRMaj(rows, width)));
        return Pointwise.of(width, stages);
    }
}
