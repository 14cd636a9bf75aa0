package dev.streamscore.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Init;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.graph.TopologicalSort;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pointwise nodes running in the step before them ({@link Fusion}): which chains form. That every
 * node's buffer still holds its own op of its operands' buffers is {@code PlanTest}'s (it runs on
 * both kinds of kernels).
 */
class FusionTest {

    /**
     * x → sub → div (a chain on its own) → linear → relu → mul → add (the linear's epilogue) →
     * linear, whose output feeds relu and, a second pointwise consumer, leaky_relu (a chain of its
     * own); their sum → linear → softmax. Odd widths, so tiles, tails and the last panel all run.
     */
    static Graph branching() {
        SplittableRandom rng = new SplittableRandom(12);
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 23);
        double[] mean = new double[23];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = rng.nextDouble() - 0.5;
        }
        int std = g.binaryConstant(OpType.DIV, g.binaryConstant(OpType.SUB, x, mean), new double[] {0.3});
        int h = g.unary(OpType.RELU, g.linear(std, Init.HE_NORMAL.create(45, 23, rng), null));
        h = g.binaryConstant(OpType.ADD, g.binaryConstant(OpType.MUL, h, new double[] {1.25}), new double[] {-0.5});
        int z = g.linear(h, Init.HE_NORMAL.create(19, 45, rng), null);
        int both = g.binary(OpType.ADD, g.unary(OpType.RELU, z), g.leakyRelu(z, 0.1));
        return g.output(g.unary(OpType.SOFTMAX, g.linear(both, Init.XAVIER_UNIFORM.create(7, 19, rng), null))).build();
    }

    @Test
    void chainsFollowLinearNodesAndStartAfterAnythingElse() {
        Graph graph = branching();
        List<Node> order = TopologicalSort.sort(graph);
        Fusion f = Fusion.of(order);
        // ids: 0 x, 1 sub, 2 div, 3 linear, 4 relu, 5 mul, 6 add, 7 linear, 8 relu, 9 leaky, 10 add, 11 linear, 12 softmax
        assertEquals(List.of(2), ids(f.followers(1)), "div runs in sub's step");
        assertEquals(List.of(4, 5, 6), ids(f.followers(3)), "relu, mul, add run in the linear's step");
        assertEquals(List.of(8), ids(f.followers(7)), "the first pointwise consumer of a linear joins it");
        assertEquals(List.of(), ids(f.followers(9)), "the second starts a chain of its own");
        for (int id : new int[] {2, 4, 5, 6, 8}) {
            assertTrue(f.runsInChain(id), String.valueOf(id));
        }
        for (int id : new int[] {0, 1, 3, 7, 9, 10, 11, 12}) {
            assertFalse(f.runsInChain(id), String.valueOf(id));
        }
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).collect(Collectors.toList());
    }
}
