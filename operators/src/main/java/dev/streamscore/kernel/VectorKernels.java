package dev.streamscore.kernel;

import static dev.streamscore.kernel.VectorTiles.S;
import static dev.streamscore.kernel.VectorTiles.V;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;

/**
 * {@link DenseKernels} on {@code jdk.incubator.vector}: a register-tiled GEMM whose weights are
 * packed once per layer, when the plan is compiled.
 *
 * <p>Layout: the outputs are cut into panels of N·V (N = 1 to 3 vectors, chosen per layer by
 * {@link #vectorsPerTile}); panel p holds {@code W[p·N·V + c][k]} at {@code (p·in + k)·N·V + c},
 * zero-padded past the last output, so the inner loop streams it contiguously. For each panel (outer
 * loop: the panel stays in cache while the rows stream past it), every 4 rows of x go through a
 * 4×N tile ({@link VectorTiles}) and the last 1 to 3 rows through 1×N tiles. A panel that runs past
 * the last output writes its tile into a scratch buffer, from which the real outputs are copied.
 * Until {@link VectorWarmUp} has seen the tiles JIT-compiled, layers run the scalar kernels (the
 * same bits), so the first batches after start are not a thousand times slower.
 *
 * <p>Loaded only through {@link KernelSelection}, by name, once the module is known to be present.
 */
final class VectorKernels implements DenseKernels {
    /**
     * Approximate cycles of one k step of a 4×N tile, N = 1..3: 4 chains are FMA-latency-bound (4
     * cycles), 12 are throughput-bound (12 FMAs on 2 units); 8 chains would just fit 2 units × 4
     * cycles but measured well below that (28-34 against 38-47 GFLOP/s for 12, on 784→192).
     */
    private static final int[] STEP_CYCLES = {0, 4, 5, 6};

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
    public DenseKernels.Linear prepare(DMatrixRMaj w, double[] b) {
        return new Packed(w, b, vectorsPerTile(w.numRows, V));
    }

    @Override
    public String description() {
        return String.format("vector (jdk.incubator.vector, DoubleVector %d bits = %d lanes, FMA, tiles of 4 rows × 1-3 vectors, weights packed per layer; %s)",
                S.vectorBitSize(), V, VectorWarmUp.outcome());
    }

    @Override
    public boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        return VectorWarmUp.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Vectors per tile for a layer of {@code out} outputs: the N minimising panels × cycles per
     * step, so narrow layers (10 or 2 outputs) do not pay for a tile of mostly padding. Ties go to
     * the wider tile.
     */
    static int vectorsPerTile(int out, int lanes) {
        int best = 1;
        long bestCost = Long.MAX_VALUE;
        for (int nv = 1; nv < STEP_CYCLES.length; nv++) {
            long panels = (out + (long) nv * lanes - 1) / ((long) nv * lanes);
            long cost = panels * STEP_CYCLES[nv];
            if (cost <= bestCost) {
                best = nv;
                bestCost = cost;
            }
        }
        return best;
    }

    /** One prepared layer: packed panels, padded bias, a scratch tile for the last panel, the scalar layer for the warm-up. */
    static final class Packed implements DenseKernels.Linear {
        private final int in;
        private final int out;
        private final int nv;
        private final int width;
        private final int panels;
        private final double[] pw;
        private final double[] bp;
        private final double[] scratch;
        private final DenseKernels.Linear warmUpFallback;

        /** @param nv vectors per tile, 1 to 3 (package-private so tests can force each shape) */
        Packed(DMatrixRMaj w, double[] b, int nv) {
            ScalarKernels.checkParameters(w, b);
            if (nv < 1 || nv > 3) {
                throw new IllegalArgumentException(String.format("vectors per tile must be 1 to 3, got %d", nv));
            }
            this.in = w.numCols;
            this.out = w.numRows;
            this.nv = nv;
            this.width = nv * V;
            this.panels = (out + width - 1) / width;
            this.pw = new double[panels * in * width];
            this.bp = new double[panels * width];
            this.scratch = new double[4 * width];
            this.warmUpFallback = ScalarKernels.INSTANCE.prepare(w, b);
            for (int j = 0; j < out; j++) {
                int panel = j / width;
                int c = j % width;
                for (int k = 0; k < in; k++) {
                    pw[(panel * in + k) * width + c] = w.data[j * in + k];
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

        /** Vectors per tile chosen for this layer. */
        int vectorsPerTile() {
            return nv;
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
            final double[] xd = x.data;
            final double[] yd = y.data;
            for (int p = 0; p < panels; p++) {
                final int p0 = p * in * width;
                final int j0 = p * width;
                final boolean full = j0 + width <= out;
                int i = 0;
                for (; i + 4 <= rows; i += 4) {
                    if (full) {
                        tile4(xd, i * in, p0, j0, yd, i * out + j0, out);
                    } else {
                        tile4(xd, i * in, p0, j0, scratch, 0, width);
                        copyColumns(4, i, j0, yd);
                    }
                }
                for (; i < rows; i++) {
                    if (full) {
                        tile1(xd, i * in, p0, j0, yd, i * out + j0);
                    } else {
                        tile1(xd, i * in, p0, j0, scratch, 0);
                        copyColumns(1, i, j0, yd);
                    }
                }
            }
        }

        private void tile4(double[] x, int x0, int p0, int j0, double[] y, int y0, int ys) {
            switch (nv) {
                case 1 -> VectorTiles.tile4x1(x, x0, in, pw, p0, bp, j0, y, y0, ys);
                case 2 -> VectorTiles.tile4x2(x, x0, in, pw, p0, bp, j0, y, y0, ys);
                default -> VectorTiles.tile4x3(x, x0, in, pw, p0, bp, j0, y, y0, ys);
            }
        }

        private void tile1(double[] x, int x0, int p0, int j0, double[] y, int y0) {
            switch (nv) {
                case 1 -> VectorTiles.tile1x1(x, x0, in, pw, p0, bp, j0, y, y0);
                case 2 -> VectorTiles.tile1x2(x, x0, in, pw, p0, bp, j0, y, y0);
                default -> VectorTiles.tile1x3(x, x0, in, pw, p0, bp, j0, y, y0);
            }
        }

        /** Copies the real outputs (columns j0..out-1) of {@code count} scratch rows into rows i.. of y. */
        private void copyColumns(int count, int i, int j0, double[] y) {
            for (int r = 0; r < count; r++) {
                System.arraycopy(scratch, r * width, y, (i + r) * out + j0, out - j0);
            }
        }
    }
}
