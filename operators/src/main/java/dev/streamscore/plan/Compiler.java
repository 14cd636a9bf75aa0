package dev.streamscore.plan;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.TopologicalSort;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.util.Heap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Turns a {@link Graph} into a {@link Plan}: the execution order from {@link TopologicalSort},
 * every executed node's width inferred from its kind and checked, the plan's {@link Footprint}
 * checked against what the heap can spare, one buffer per executed node allocated for
 * {@code maxBatch} rows, and one step per node, pointwise nodes running in the step before them
 * where {@link Fusion} allows. The one place where a model's memory needs are estimated.
 */
public final class Compiler {
    /** The most doubles one buffer (a Java array) may hold: the JVM's array limit, with a margin. */
    static final long MAX_BUFFER = Integer.MAX_VALUE - 8;

    private Compiler() {}

    /** Compiles with this JVM's {@link DenseKernels#best() best kernels}. */
    public static Plan compile(Graph graph, int maxBatch) {
        return compile(graph, maxBatch, DenseKernels.best());
    }

    /**
     * Orders the nodes, infers and checks every width, checks that the plan's {@link Footprint}
     * fits what the heap can spare, then allocates the buffers.
     *
     * @param maxBatch the most rows one forward pass takes (at least 1)
     * @throws PlanTooLargeException when the buffers and parameters need more than the heap can spare
     * @throws IllegalArgumentException on a cycle or widths that do not agree (the message names
     *         the node id, its op and the widths involved), or a buffer larger than a Java array
     */
    public static Plan compile(Graph graph, int maxBatch, DenseKernels kernels) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException(String.format("maxBatch must be >= 1, got %d", maxBatch));
        }
        List<Node> order = TopologicalSort.sort(graph);
        Map<Integer, Integer> widths = new HashMap<>();
        for (Node n : order) {
            widths.put(n.id(), inferWidth(n, widths));
        }
        Footprint footprint = footprint(order, widths, maxBatch);
        checkFits(footprint, Heap.spare(footprint.bytes()), Heap.max());
        Map<Integer, DMatrixRMaj> buffers = new HashMap<>();
        for (Node n : order) {
            int width = widths.get(n.id());
            if ((long) maxBatch * width > MAX_BUFFER) {
                throw error(n, String.format("a buffer of %d rows of width %d is more than a Java array holds (%d values)",
                        maxBatch, width, MAX_BUFFER));
            }
            buffers.put(n.id(), new DMatrixRMaj(maxBatch, width));
        }
        Fusion fusion = Fusion.of(order);
        Step[] steps = new Step[order.size()];
        for (int s = 0; s < steps.length; s++) {
            Node n = order.get(s);
            int[] operands = n.inputs();
            DMatrixRMaj[] inputs = new DMatrixRMaj[operands.length];
            for (int i = 0; i < operands.length; i++) {
                inputs[i] = buffers.get(operands[i]);
            }
            steps[s] = Step.bind(n, inputs, kernels, buffers.get(n.id()), fusion, buffers);
        }
        return new Plan(order, steps, widths, maxBatch);
    }

    /** The heap the plan of {@code order} (widths inferred) takes at {@code maxBatch} rows. */
    static Footprint footprint(List<Node> order, Map<Integer, Integer> widths, int maxBatch) {
        long valuesPerRow = 0;
        long parameters = 0;
        for (Node n : order) {
            valuesPerRow += widths.get(n.id());
            parameters += n.parameterCount();
        }
        return new Footprint(valuesPerRow, parameters, maxBatch);
    }

    /**
     * Refuses a footprint over {@code spare} bytes, so that a model too large for the heap fails
     * with its sizes named instead of an {@link OutOfMemoryError} half-way through allocating.
     */
    static void checkFits(Footprint footprint, long spare, long maxHeap) {
        if (footprint.bytes() > spare) {
            throw new PlanTooLargeException(footprint, spare, maxHeap);
        }
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
