package dev.streamscore.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Init;
import dev.streamscore.graph.MlpBuilder;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.ops.Activations;
import dev.streamscore.ops.Elementwise;
import dev.streamscore.ops.Softmax;
import dev.streamscore.testing.Allocations;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Forward passes: input checks, batch invariance, buffer identity and contents, no allocation. */
class PlanTest {

    /** 37 → 29 tanh → 13 relu → (+ skip through sigmoid·2) → 11 log_softmax: odd widths exercise every tile edge. */
    static Graph network() {
        SplittableRandom rng = new SplittableRandom(4);
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 37);
        double[] b1 = new double[29];
        for (int i = 0; i < b1.length; i++) {
            b1[i] = rng.nextDouble() - 0.5;
        }
        int h1 = g.unary(OpType.TANH, g.linear(x, Init.XAVIER_UNIFORM.create(29, 37, rng), b1));
        int h2 = g.unary(OpType.RELU, g.linear(h1, Init.HE_NORMAL.create(13, 29, rng), null));
        int skip = g.binaryConstant(OpType.MUL, g.unary(OpType.SIGMOID, g.linear(h1, Init.HE_NORMAL.create(13, 29, rng), null)),
                new double[] {2.0});
        int sum = g.binary(OpType.ADD, h2, skip);
        int z = g.linear(g.leakyRelu(sum, 0.1), Init.XAVIER_UNIFORM.create(11, 13, rng), null);
        return g.output(g.unary(OpType.LOG_SOFTMAX, z)).build();
    }

    static DMatrixRMaj rows(int n, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, 37);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = 3 * r.nextGaussian();
        }
        return x;
    }

    @Test
    void sameRowsGiveTheSameBitsAtBatchSizes1And7And1000() {
        Plan plan = Compiler.compile(network(), 1000);
        DMatrixRMaj all = rows(1000, 1);
        DMatrixRMaj big = plan.forward(all).copy();
        assertEquals(1000, big.numRows);
        for (int size : new int[] {1, 7}) {
            for (int start = 0; start + size <= 1000; start += 83) {
                DMatrixRMaj part = new DMatrixRMaj(size, 37);
                System.arraycopy(all.data, start * 37, part.data, 0, size * 37);
                DMatrixRMaj out = plan.forward(part);
                for (int r = 0; r < size; r++) {
                    for (int j = 0; j < 11; j++) {
                        assertEquals(Double.doubleToLongBits(big.get(start + r, j)), Double.doubleToLongBits(out.get(r, j)),
                                String.format("batch %d row %d class %d", size, start + r, j));
                    }
                }
            }
        }
    }

    @Test
    void buffersAreNeverReallocated() {
        Plan plan = Compiler.compile(network(), 64);
        DMatrixRMaj[] before = new DMatrixRMaj[plan.order().size()];
        double[][] storage = new double[before.length][];
        for (int i = 0; i < before.length; i++) {
            before[i] = plan.buffer(plan.order().get(i).id());
            storage[i] = before[i].data;
        }
        DMatrixRMaj first = plan.forward(rows(64, 2));
        for (int size : new int[] {1, 64, 7, 33, 0, 64}) {
            DMatrixRMaj out = plan.forward(rows(size, size));
            assertSame(first, out);
            assertSame(plan.output(), out);
            assertEquals(size, out.numRows);
            for (int i = 0; i < before.length; i++) {
                Node n = plan.order().get(i);
                assertSame(before[i], plan.buffer(n.id()));
                assertSame(storage[i], plan.buffer(n.id()).data, n.toString());
                assertEquals(size, plan.buffer(n.id()).numRows);
            }
        }
        assertSame(before[0], plan.input("x", 5));
    }

    @Test
    void wrongInputWidthNamesBothWidths() {
        Plan plan = Compiler.compile(network(), 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan.forward(new DMatrixRMaj(2, 36)));
        assertEquals("input 'x': expected width 37, got 36", e.getMessage());
    }

    @Test
    void batchOverTheLimitNamesIt() {
        Plan plan = Compiler.compile(network(), 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan.forward(rows(9, 1)));
        assertTrue(e.getMessage().contains("0 to 8 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plan.input("x", 9));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> plan.input("y", 1));
        assertEquals("no input named 'y'; inputs are [x]", name.getMessage());
    }

    @Test
    void twoInputsAreFilledByName() {
        Graph.Builder g = Graph.builder();
        int a = g.input("a", 2);
        int b = g.input("b", 2);
        Plan plan = Compiler.compile(g.output(g.binary(OpType.DIV, a, b)).build(), 4);
        plan.input("a", 2).setData(new double[] {1, 2, 3, 4});
        plan.input("b", 2).setData(new double[] {2, 4, 8, 16});
        DMatrixRMaj y = plan.forward();
        assertEquals(0.5, y.get(0, 0));
        assertEquals(0.25, y.get(1, 1));
        plan.input("b", 1);
        assertThrows(IllegalArgumentException.class, plan::forward); // rows differ
        assertThrows(IllegalArgumentException.class, () -> plan.forward(new DMatrixRMaj(1, 2)));
    }

    @Test
    void steadyStateForwardAllocatesNothing() {
        Plan plan = Compiler.compile(new MlpBuilder().inputWidth(64).hidden(64, 32).outputWidth(10)
                .head("softmax").build(), 256);
        long bytes = Allocations.bestOfFiveRounds(3000, 200, i -> {
            plan.input("x", 1 + i % 256);
            plan.forward();
        });
        assertEquals(0, bytes, "bytes allocated by 200 forward passes (best of 5 rounds)");
    }

    /**
     * Pointwise nodes run in the step before them ({@link Fusion}), yet every node's buffer holds its
     * own op of its operands' buffers, bit for bit, on this JVM's best kernels (the POM runs this
     * test with the vector kernels and with the scalar ones).
     */
    @Test
    void everyBufferHoldsItsOwnOpOfItsOperandsBuffers() throws InterruptedException {
        DenseKernels kernels = DenseKernels.best();
        assertTrue(kernels.awaitWarmUp(Duration.ofSeconds(60)), kernels.description());
        for (Graph graph : List.of(FusionTest.branching(), network())) {
            Plan plan = Compiler.compile(graph, 64, kernels);
            int width = plan.inputWidth("x");
            SplittableRandom rng = new SplittableRandom(3);
            for (int rows : new int[] {64, 1, 13}) {
                DMatrixRMaj x = new DMatrixRMaj(rows, width);
                for (int e = 0; e < x.data.length; e++) {
                    x.data[e] = rng.nextGaussian() * 2;
                }
                plan.forward(x);
                for (Node n : plan.order()) {
                    if (n instanceof Node.Input) {
                        continue;
                    }
                    DMatrixRMaj expected = unfused(n, plan);
                    DMatrixRMaj actual = plan.buffer(n.id());
                    assertEquals(rows, actual.numRows, n.toString());
                    for (int e = 0; e < expected.getNumElements(); e++) {
                        assertEquals(Double.doubleToLongBits(expected.data[e]), Double.doubleToLongBits(actual.data[e]),
                                String.format("%s, %d rows: element %d", n, rows, e));
                    }
                }
            }
        }
    }

    /** Node n's op on its operands' buffers, by the scalar kernels and the ops' functions, one op at a time. */
    private static DMatrixRMaj unfused(Node n, Plan plan) {
        DMatrixRMaj a = plan.buffer(n.inputs()[0]);
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        if (n instanceof Node.Linear l) {
            DenseKernels.scalar().linear(a, l.weight(), l.bias(), y);
        } else if (n instanceof Node.WithConstant c) {
            Elementwise.applyConstant(c.op(), a, c.constant(), y);
        } else if (n instanceof Node.Binary b) {
            Elementwise.apply(b.op(), a, plan.buffer(b.right()), y);
        } else {
            Node.Unary u = (Node.Unary) n;
            switch (u.op()) {
                case RELU -> Activations.relu(a, y);
                case LEAKY_RELU -> Activations.leakyRelu(a, u.attribute(), y);
                case SIGMOID -> Activations.sigmoid(a, y);
                case TANH -> Activations.tanh(a, y);
                case SOFTMAX -> Softmax.softmax(a, y);
                case LOG_SOFTMAX -> Softmax.logSoftmax(a, y);
                default -> Activations.identity(a, y);
            }
        }
        return y;
    }
}
