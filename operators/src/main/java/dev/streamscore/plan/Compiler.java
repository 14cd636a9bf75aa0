package dev.streamscore.plan;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.graph.TopologicalSort;
import dev.streamscore.kernel.DenseKernels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Turns a {@link Graph} into a {@link CompiledGraph}: the execution order from
 * {@link TopologicalSort}, every executed node's width inferred and checked, and one buffer per
 * executed node allocated for {@code maxBatch} rows.
 */
public final class Compiler {
    private Compiler() {}

    /** Compiles with this JVM's {@link DenseKernels#best() best kernels}. */
    public static CompiledGraph compile(Graph graph, int maxBatch) {
        return compile(graph, maxBatch, DenseKernels.best());
    }

    /**
     * @param maxBatch the most rows one forward pass takes (at least 1)
     * @throws IllegalArgumentException on a cycle, a wrong number of operands, or widths that do
     *         not agree; the message names the node id, its op and the widths involved
     */
    public static CompiledGraph compile(Graph graph, int maxBatch, DenseKernels kernels) {
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
            steps[s] = bind(n, buffers, kernels, out);
        }
        return new CompiledGraph(graph, order, steps, widths, maxBatch);
    }

    private static Step bind(Node n, Map<Integer, DMatrixRMaj> buffers, DenseKernels kernels, DMatrixRMaj out) {
        if (n.op() == OpType.INPUT) {
            return new Step.Input(n, out);
        }
        DMatrixRMaj first = buffers.get(n.inputs()[0]);
        if (n.op() == OpType.LINEAR) {
            return new Step.Linear(n, first, kernels, out);
        }
        if (n.op().isElementwiseBinary()) {
            return n.inputs().length == 2
                    ? new Step.Binary(n, first, buffers.get(n.inputs()[1]), out)
                    : new Step.Constant(n, first, out);
        }
        return new Step.Unary(n, first, out);
    }

    /** The width of n's output, given the widths of the nodes before it; checks n's operands. */
    static int inferWidth(Node n, Map<Integer, Integer> widths) {
        OpType op = n.op();
        if (op == OpType.INPUT) {
            requireArity(n, 0);
            if (n.width() < 1) {
                throw error(n, String.format("input '%s' has width %d; must be >= 1", n.name(), n.width()));
            }
            return n.width();
        }
        if (op.isElementwiseBinary()) {
            return binaryWidth(n, widths);
        }
        requireArity(n, 1);
        int in = widths.get(n.input());
        if (op == OpType.LINEAR) {
            DMatrixRMaj w = n.weight();
            if (w == null || n.bias() == null) {
                throw error(n, "needs a weight and a bias");
            }
            if (w.numCols != in) {
                throw error(n, String.format("input node %d has width %d but W is %d×%d (out×in), so expects width %d",
                        n.input(), in, w.numRows, w.numCols, w.numCols));
            }
            if (n.bias().length != w.numRows) {
                throw error(n, String.format("bias has %d values but W has %d rows", n.bias().length, w.numRows));
            }
            return w.numRows;
        }
        if (!Step.isUnary(op)) {
            throw error(n, "unsupported op");
        }
        return in;
    }

    private static int binaryWidth(Node n, Map<Integer, Integer> widths) {
        int[] ins = n.inputs();
        if (ins.length == 2) {
            if (n.constant() != null) {
                throw error(n, "has two inputs and a constant; give one or the other");
            }
            int a = widths.get(ins[0]);
            int b = widths.get(ins[1]);
            if (a != b) {
                throw error(n, String.format("operand widths differ: node %d has width %d, node %d has width %d",
                        ins[0], a, ins[1], b));
            }
            return a;
        }
        if (ins.length != 1) {
            throw error(n, String.format("expects 2 inputs, or 1 input and a constant; has %d inputs", ins.length));
        }
        int a = widths.get(ins[0]);
        double[] c = n.constant();
        if (c == null) {
            throw error(n, "has one input and no constant; give a second input or a constant");
        }
        if (c.length != 1 && c.length != a) {
            throw error(n, String.format("constant has %d values; expected 1 or the input width %d", c.length, a));
        }
        return a;
    }

    private static void requireArity(Node n, int expected) {
        if (n.inputs().length != expected) {
            throw error(n, String.format("expects %d input(s), has %d", expected, n.inputs().length));
        }
    }

    private static IllegalArgumentException error(Node n, String detail) {
        return new IllegalArgumentException(String.format("node %d (%s): %s", n.id(), n.op().jsonName(), detail));
    }
}
