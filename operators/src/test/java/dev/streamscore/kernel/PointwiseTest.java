package dev.streamscore.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.OpType;
import dev.streamscore.ops.Activations;
import dev.streamscore.ops.Elementwise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pointwise chains: the vector kernels (this test runs in the JVM that has
 * {@code jdk.incubator.vector}) give every stage's buffer the bits of the ops' scalar definitions,
 * NaN, infinities, signed zeros and subnormals included, on their own and as a layer's epilogue.
 * (Bits compared by {@link Double#doubleToLongBits}: any NaN equals any NaN, since Java leaves a
 * NaN's payload to the hardware and a NaN never reaches an output.)
 */
class PointwiseTest {
    private static final int V = VectorTiles.V;
    /** Values where a vector instruction could differ from the scalar definition. */
    private static final double[] SPECIAL = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e308, -1e308, 1.5, -2.25, 1e-310, -3e-320, 7.0, -1.0};

    @BeforeAll
    static void warmUp() throws InterruptedException {
        assertTrue(DenseKernels.vector().orElseThrow().awaitWarmUp(Duration.ofSeconds(60)), "vector kernels warmed up");
    }

    /** x with the special values cycling through it, then random values. */
    private static DMatrixRMaj values(int rows, int width, Random r) {
        DMatrixRMaj x = new DMatrixRMaj(rows, width);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = i < 3 * SPECIAL.length ? SPECIAL[(i * 7) % SPECIAL.length] : r.nextGaussian() * 10;
        }
        return x;
    }

    /** A chain of every op: constants per column (special values included) and single ones, both activations. */
    private static List<Pointwise.Stage> everyOp(int rows, int width, Random r) {
        List<Pointwise.Stage> stages = new ArrayList<>();
        double[] perColumn = new double[width];
        for (int j = 0; j < width; j++) {
            perColumn[j] = j % 3 == 0 ? SPECIAL[j % SPECIAL.length] : r.nextGaussian();
        }
        for (OpType op : new OpType[] {OpType.ADD, OpType.SUB, OpType.MUL, OpType.DIV}) {
            stages.add(Pointwise.Stage.constant(op, perColumn, new DMatrixRMaj(rows, width)));
            stages.add(Pointwise.Stage.activation(OpType.LEAKY_RELU, 0.01, new DMatrixRMaj(rows, width)));
            stages.add(Pointwise.Stage.constant(op, new double[] {op == OpType.DIV ? -0.0 : 0.75}, new DMatrixRMaj(rows, width)));
            stages.add(Pointwise.Stage.activation(OpType.RELU, 0, new DMatrixRMaj(rows, width)));
        }
        return stages;
    }

    /** The expected buffers, straight from the ops' scalar definitions, element by element. */
    private static List<double[]> expected(DMatrixRMaj x, List<Pointwise.Stage> stages) {
        List<double[]> all = new ArrayList<>();
        double[] in = x.data;
        int n = x.getNumElements();
        for (Pointwise.Stage s : stages) {
            double[] out = new double[n];
            for (int e = 0; e < n; e++) {
                int j = e % x.numCols;
                out[e] = switch (s.op()) {
                    case RELU -> Math.max(in[e], 0.0);
                    case LEAKY_RELU -> Activations.leakyRelu(in[e], s.alpha());
                    default -> Elementwise.apply(s.op(), in[e], s.constant()[s.constant().length == 1 ? 0 : j]);
                };
            }
            all.add(out);
            in = out;
        }
        return all;
    }

    private static void assertBuffers(List<double[]> expected, List<Pointwise.Stage> stages, int rows, String what) {
        for (int s = 0; s < stages.size(); s++) {
            DMatrixRMaj out = stages.get(s).out();
            assertEquals(rows, out.numRows, what);
            for (int e = 0; e < expected.get(s).length; e++) {
                assertEquals(Double.doubleToLongBits(expected.get(s)[e]), Double.doubleToLongBits(out.data[e]),
                        String.format("%s: stage %d (%s), element %d", what, s, stages.get(s).op().jsonName(), e));
            }
        }
    }

    @Test
    void vectorAndScalarChainsGiveTheDefinitionsBits() {
        Random r = new Random(8);
        for (int width : new int[] {1, 3, V - 1, V, V + 3, 2 * V + 5, 64}) {
            for (int rows : new int[] {1, 7, 300}) {
                List<Pointwise.Stage> stages = everyOp(300, width, r);
                Pointwise chain = Pointwise.of(width, stages);
                DMatrixRMaj x = values(rows, width, r);
                List<double[]> expected = expected(x, stages);
                DenseKernels.vector().orElseThrow().pointwise(x, chain);
                assertBuffers(expected, stages, rows, String.format("vector, width %d, %d rows", width, rows));
                for (Pointwise.Stage s : stages) {
                    java.util.Arrays.fill(s.out().data, 42);
                }
                DenseKernels.scalar().pointwise(x, chain);
                assertBuffers(expected, stages, rows, String.format("scalar, width %d, %d rows", width, rows));
            }
        }
    }

    /** A layer's epilogue fills the stages from its output as the stages would on their own, whatever the tile. */
    @Test
    void anEpilogueGivesTheBitsOfTheChainAfterTheLayer() {
        Random r = new Random(9);
        for (int out : new int[] {2, 10, VectorKernels.PANEL, VectorKernels.PANEL + V + 3}) {
            for (DenseKernels kernels : List.of(DenseKernels.vector().orElseThrow(), DenseKernels.scalar())) {
                DMatrixRMaj w = ScalarKernelsTest.random(out, 13, r);
                double[] b = ScalarKernelsTest.random(1, out, r).data;
                List<Pointwise.Stage> stages = everyOp(40, out, r);
                DenseKernels.Linear layer = kernels.prepare(w, b, Pointwise.of(out, stages));
                DMatrixRMaj x = values(33, 13, r);
                DMatrixRMaj y = new DMatrixRMaj(40, out);
                layer.apply(x, y);
                DMatrixRMaj plain = new DMatrixRMaj(40, out);
                DenseKernels.scalar().prepare(w, b).apply(x, plain);
                for (int e = 0; e < 33 * out; e++) {
                    assertEquals(Double.doubleToLongBits(plain.data[e]), Double.doubleToLongBits(y.data[e]), "the layer's own output");
                }
                assertBuffers(expected(plain, stages), stages, 33, String.format("%s, %d outputs", kernels.description(), out));
            }
        }
    }

    @Test
    void stagesAndWidthsAreChecked() {
        DMatrixRMaj buffer = new DMatrixRMaj(2, 3);
        IllegalArgumentException notPointwise = assertThrows(IllegalArgumentException.class,
                () -> Pointwise.Stage.activation(OpType.SIGMOID, 0, buffer));
        assertEquals("sigmoid is not a pointwise op; pointwise ops are add, sub, mul, div (with a constant), relu, leaky_relu",
                notPointwise.getMessage());
        IllegalArgumentException noConstant = assertThrows(IllegalArgumentException.class,
                () -> Pointwise.Stage.constant(OpType.ADD, new double[0], buffer));
        assertEquals("add: needs a constant of 1 or width values", noConstant.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> Pointwise.of(3, List.of(Pointwise.Stage.constant(OpType.MUL, new double[2], buffer))));
        assertEquals("mul: constant has 2 values; expected 1 or the width 3", width.getMessage());
        Pointwise chain = Pointwise.of(3, List.of(Pointwise.Stage.activation(OpType.RELU, 0, buffer)));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.vector().orElseThrow().pointwise(new DMatrixRMaj(2, 4), chain));
        assertEquals("pointwise: x is 2×4 but the chain takes rows of width 3", x.getMessage());
        DMatrixRMaj in = new DMatrixRMaj(2, 3, true, -1, 2, -3, 4, -5, 6);
        double[] storage = buffer.data;
        DenseKernels.vector().orElseThrow().pointwise(in, chain);
        assertSame(storage, buffer.data);
        assertEquals(6, buffer.get(1, 2));
        assertEquals(0, buffer.get(1, 1));
    }
}
