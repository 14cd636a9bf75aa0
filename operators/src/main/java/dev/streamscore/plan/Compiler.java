package dev.streamscore.plan;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.TopologicalSort;
import dev.streamscore.kernel.DenseKernels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Turns a {@link Graph} into a {@link Plan}: the execution order from {@link TopologicalSort},
 * every executed node's width inferred from its kind and checked, and one buffer per executed node
 * allocated for {@code maxBatch} rows.
 */
public final class Compiler {
    private Compiler() {}

    /** Compiles with the default {@link DenseKernels#scalar() scalar kernels}. */
    public static Plan compile(Graph graph, int maxBatch) {
        return compile(graph, maxBatch, DenseKernels.scalar());
    }

    /**
     * @param maxBatch the most rows one forward pass takes (at least 1)
     * @throws IllegalArgumentException on a cycle or widths that do not agree; the message names
     *         the node id, its op and the widths involved
     */
    public static Plan compile(Graph graph, int maxBatch, DenseKernels kernels) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException(String.format("maxBatch must be >= 1, got %d", maxBatch));
        }
        List<Node> order = TopologicalSort.sort(graph);
        Map<Integer, Integer> widths = new HashMap<>();
        Map<Integer, DMatrixRMaj> buffers = new HashMap<>();
        Step[] steps = new Step[order.size()];
        for (int s = 0; s < steps.length; s++) {
            Node n = order.get(s);
            int width = inferWidth(n, widths);
            widths.put(n.id(), width);
            DMatrixRMaj out = new DMatrixRMaj(maxBatch, width);
            buffers.put(n.id(), out);
            int[] operands = n.inputs();
            DMatrixRMaj[] inputs = new DMatrixRMaj[operands.length];
            for (int i = 0; i < operands.length; i++) {
                inputs[i] = buffers.get(operands[i]);
            }
            steps[s] = Step.bind(n, inputs, kernels, out);
        }
        return new Plan(order, steps, widths, maxBatch);
    }

    /** The width of n's output, given the widths of the nodes before it; checks n's operands. */
    static int inferWidth(Node n, Map<Integer, Integer> widths) {
        if (n instanceof Node.Input input) {
            return input.width();
        }
        if (n instanceof Node.Linear linear) {
            int in = widths.get(linear.input());
            DMatrixRMaj w = linear.weight();
            if (w.numCols != in) {
                throw error(n, String.format("input node %d has width %d but W is %d×%d (out×in), so expects width %d",
                        linear.input(), in, w.numRows, w.numCols, w.numCols));
            }
            return w.numRows;
        }
        if (n instanceof Node.Unary unary) {
            return widths.get(unary.input());
        }
        if (n instanceof Node.Binary binary) {
            int a = widths.get(binary.left());
            int b = widths.get(binary.right());
            if (a != b) {
                throw error(n, String.format("operand widths differ: node %d has width %d, node %d has width %d",
                        binary.left(), a, binary.right(), b));
            }
            return a;
        }
        Node.WithConstant c = (Node.WithConstant) n;
        int a = widths.get(c.input());
        if (c.constant().length != 1 && c.constant().length != a) {
            throw error(n, String.format("constant has %d values; expected 1 or the input width %d", c.constant().length, a));
        }
        return a;
    }

    private static IllegalArgumentException error(Node n, String detail) {
        return new IllegalArgumentException(String.format("node %d (%s): %s", n.id(), n.op().jsonName(), detail));
    }
}
