package dev.streamscore.kernel;

import static dev.streamscore.kernel.VectorTiles.MAX_VECTORS;
import static dev.streamscore.kernel.VectorTiles.ROWS;
import static dev.streamscore.kernel.VectorTiles.S;
import static dev.streamscore.kernel.VectorTiles.V;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link DenseKernels} on {@code jdk.incubator.vector}: a register-tiled, cache-blocked GEMM whose
 * weights are packed once per layer, when the plan is compiled, and vectorised pointwise chains.
 *
 * <p>Layout: the outputs are cut into panels of {@link #PANEL} = 4 vectors, the last one narrower
 * (1 to 4 vectors, zero-padded past the last output); panel p holds {@code W[j0 + c][k]} at
 * {@code p0 + k·width + c}, so a k step loads contiguous vectors. Loops, outermost first: blocks of
 * {@link #M_BLOCK} rows; blocks of about {@link #K_BLOCK} k steps (a full panel's block, 32 KiB at
 * 8 lanes, stays in the L1 cache while the rows of the row block pass it); panels; rows,
 * {@link VectorTiles#ROWS} at a time, then one at a time.
 * The first block starts each output from +0.0, later blocks continue from the partial sums in y,
 * the last adds the bias, then runs the epilogue on the tile just written (while it is in cache).
 * The last, narrower panel runs its whole k range at once into a scratch tile, whose real outputs
 * are copied out. Every output is one chain, {@code fma} over k ascending then {@code + b}: the
 * blocking and the tiles change the instructions, never the arithmetic.
 *
 * <p>Until {@link VectorWarmUp} has seen the tiles JIT-compiled, layers and chains run the scalar
 * kernels (the same bits), so the first batches after start are not a thousand times slower.
 * Loaded only through {@link KernelSelection}, by name, once the module is known to be present.
 */
final class VectorKernels implements DenseKernels {
    /** Outputs per full panel: 4 vectors. */
    static final int PANEL = MAX_VECTORS * V;
    /**
     * The most k steps per cache block. The block of a full panel takes {@code K_BLOCK·PANEL·8}
     * bytes (32 KiB with 8 lanes, 16 KiB with 4): measured best here against 64, 192 and no blocking
     * on the 784→256 layer (the unblocked 784-step panel streams from L2 at every row tile).
     */
    static final int K_BLOCK = 128;
    /**
     * The most rows per row block: each row block runs every k block and panel before the next, so
     * the k block of x that every panel reads again stays in the L2 cache (250 rows × 128 steps ×
     * 8 bytes = 250 KiB); with all rows of a batch of 1024 it was 1 MiB, and the 784 model ran 18%
     * slower per row at batch 1024 than at 256. A multiple of {@link VectorTiles#ROWS}.
     */
    static final int M_BLOCK = 50 * ROWS;

    private VectorKernels() {}

    /** For {@link KernelSelection} (by reflection): the kernels, or a String saying why they cannot run. */
    static Object load() {
        if (V < 2) {
            return String.format("the preferred DoubleVector species has %d lane(s); vectors would not help", V);
        }
        VectorWarmUp.start();
        return new VectorKernels();
    }

    @Override
    public DenseKernels.Linear prepare(DMatrixRMaj w, double[] b, Pointwise epilogue) {
        return new Packed(w, b, epilogue, K_BLOCK, M_BLOCK);
    }

    @Override
    public void pointwise(DMatrixRMaj x, Pointwise chain) {
        ScalarKernels.checkChain(x, chain);
        if (VectorWarmUp.done()) {
            chain.reshape(x.numRows);
            VectorPointwise.applyAll(chain, x.data, x.numRows);
        } else {
            ScalarKernels.INSTANCE.pointwise(x, chain);
        }
    }

    @Override
    public String description() {
        return String.format("vector (jdk.incubator.vector, DoubleVector %d bits = %d lanes, FMA, tiles of %d rows × 1-%d vectors,"
                        + " k blocks of %d, weights packed per layer; %s)",
                S.vectorBitSize(), V, ROWS, MAX_VECTORS, K_BLOCK, VectorWarmUp.outcome());
    }

    @Override
    public boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        return VectorWarmUp.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One prepared layer: packed panels, padded bias, the epilogue, a scratch tile for the last panel, the scalar layer for the warm-up. */
    static final class Packed implements DenseKernels.Linear {
        private final int in;
        private final int out;
        private final int fullPanels;
        /** Vectors of the last, narrower panel; 0 when out is a multiple of {@link #PANEL}. */
        private final int lastVectors;
        private final int kBlocks;
        private final int kStep;
        private final int mBlock;
        private final double[] pw;
        private final double[] bp;
        private final double[] scratch;
        private final Pointwise epilogue;
        private final DenseKernels.Linear warmUpFallback;

        /**
         * @param kBlock the most k steps per block: {@link #K_BLOCK}; smaller in the warm-up (so its
         *               small layers go through every block branch) and in tests
         * @param mBlock the most rows per row block: {@link #M_BLOCK}; smaller in tests
         */
        Packed(DMatrixRMaj w, double[] b, Pointwise epilogue, int kBlock, int mBlock) {
            ScalarKernels.checkParameters(w, b, epilogue);
            this.mBlock = mBlock;
            this.in = w.numCols;
            this.out = w.numRows;
            this.epilogue = epilogue;
            this.fullPanels = out / PANEL;
            this.lastVectors = (out - fullPanels * PANEL + V - 1) / V;
            int blocks = (in + kBlock - 1) / kBlock;
            this.kStep = (in + blocks - 1) / blocks; // blocks of equal length, give or take one step
            this.kBlocks = (in + kStep - 1) / kStep;
            int padded = fullPanels * PANEL + lastVectors * V;
            this.pw = new double[padded * in];
            this.bp = new double[padded];
            this.scratch = new double[ROWS * lastVectors * V];
            this.warmUpFallback = ScalarKernels.INSTANCE.prepare(w, b, epilogue);
            for (int j = 0; j < out; j++) {
                int panel = j / PANEL;
                int width = panel < fullPanels ? PANEL : lastVectors * V;
                int base = panel * in * PANEL;
                int c = j - panel * PANEL;
                for (int k = 0; k < in; k++) {
                    pw[base + k * width + c] = w.data[j * in + k];
                }
                bp[j] = b[j];
            }
        }

        @Override
        public int inputWidth() {
            return in;
        }

        @Override
        public int outputWidth() {
            return out;
        }

        /** Vectors of the last panel (0 when every panel is full), for tests. */
        int lastVectors() {
            return lastVectors;
        }

        @Override
        public void apply(DMatrixRMaj x, DMatrixRMaj y) {
            if (VectorWarmUp.done()) {
                applyTiles(x, y);
            } else {
                warmUpFallback.apply(x, y);
            }
        }

        /** {@link #apply} on the vector tiles, whether warmed up or not (the warm-up calls this). */
        void applyTiles(DMatrixRMaj x, DMatrixRMaj y) {
            ScalarKernels.checkOperands(x, y, in, out);
            final int rows = x.numRows;
            y.reshape(rows, out);
            epilogue.reshape(rows);
            final double[] xd = x.data;
            final double[] yd = y.data;
            for (int m0 = 0; m0 < rows; m0 += mBlock) {
                fullPanels(xd, m0, Math.min(rows, m0 + mBlock), yd);
            }
            if (lastVectors > 0) {
                lastPanel(xd, rows, yd);
            }
        }

        /** The full panels on rows {@code [m0, m1)}: k blocks, then panels, then row tiles. */
        private void fullPanels(double[] xd, int m0, int m1, double[] yd) {
            for (int blk = 0; blk < kBlocks; blk++) {
                final int k0 = blk * kStep;
                final int k1 = Math.min(in, k0 + kStep);
                final boolean first = blk == 0;
                final boolean last = blk == kBlocks - 1;
                for (int p = 0; p < fullPanels; p++) {
                    final int p0 = p * in * PANEL;
                    final int j0 = p * PANEL;
                    int i = m0;
                    for (; i + ROWS <= m1; i += ROWS) {
                        tileRows(MAX_VECTORS, xd, i * in, k0, k1, p0, j0, yd, i * out + j0, out, first, last);
                        if (last && !epilogue.isEmpty()) {
                            VectorPointwise.apply(epilogue, yd, i, ROWS, j0, j0 + PANEL);
                        }
                    }
                    for (; i < m1; i++) {
                        tileOne(MAX_VECTORS, xd, i * in, k0, k1, p0, j0, yd, i * out + j0, first, last);
                        if (last && !epilogue.isEmpty()) {
                            VectorPointwise.apply(epilogue, yd, i, 1, j0, j0 + PANEL);
                        }
                    }
                }
            }
        }

        /** The narrower last panel: all k steps at once into the scratch tile, then its real outputs into y. */
        private void lastPanel(double[] xd, int rows, double[] yd) {
            final int p0 = fullPanels * in * PANEL;
            final int j0 = fullPanels * PANEL;
            final int width = lastVectors * V;
            int i = 0;
            for (; i + ROWS <= rows; i += ROWS) {
                tileRows(lastVectors, xd, i * in, 0, in, p0, j0, scratch, 0, width, true, true);
                copyOut(ROWS, i, j0, width, yd);
            }
            for (; i < rows; i++) {
                tileOne(lastVectors, xd, i * in, 0, in, p0, j0, scratch, 0, true, true);
                copyOut(1, i, j0, width, yd);
            }
        }

        /** Copies the real outputs (columns j0..out-1) of {@code count} scratch rows into rows i.., then runs the epilogue on them. */
        private void copyOut(int count, int i, int j0, int width, double[] y) {
            for (int r = 0; r < count; r++) {
                System.arraycopy(scratch, r * width, y, (i + r) * out + j0, out - j0);
            }
            if (!epilogue.isEmpty()) {
                VectorPointwise.apply(epilogue, y, i, count, j0, out);
            }
        }

        private void tileRows(int nv, double[] x, int x0, int k0, int k1, int p0, int j0, double[] y, int y0, int ys,
                              boolean first, boolean last) {
            VectorTiles.rows(nv, x, x0, in, k0, k1, pw, p0, bp, j0, y, y0, ys, first, last);
        }

        private void tileOne(int nv, double[] x, int x0, int k0, int k1, int p0, int j0, double[] y, int y0,
                             boolean first, boolean last) {
            VectorTiles.one(nv, x, x0, in, k0, k1, pw, p0, bp, j0, y, y0, 0, first, last);
        }
    }
}
