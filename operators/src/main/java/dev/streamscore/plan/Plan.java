package dev.streamscore.plan;

import dev.streamscore.graph.Node;
import dev.streamscore.util.Excerpt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The compiled plan of a graph, made by {@link Compiler}: the executed nodes in order, their widths, and one
 * buffer per node allocated once for {@link #maxBatch()} rows. Each forward pass reshapes the
 * buffers to the batch's rows (never reallocating them) and allocates nothing.
 *
 * <p>Not thread-safe: a plan owns its buffers; use one per thread.
 */
public final class Plan {
    private final List<Node> order;
    private final Step[] steps;
    /** The steps that compute something, in order (inputs and nodes computed in an earlier step's chain left out). */
    private final Step[] running;
    private final Map<Integer, Integer> stepOf = new LinkedHashMap<>();
    private final Map<Integer, Integer> widths;
    private final Map<String, Step> inputs = new LinkedHashMap<>();
    private final Step[] inputSteps;
    private final Step output;
    private final int maxBatch;

    Plan(List<Node> order, Step[] steps, Map<Integer, Integer> widths, int maxBatch) {
        this.order = order;
        this.steps = steps;
        this.widths = widths;
        this.maxBatch = maxBatch;
        for (int s = 0; s < steps.length; s++) {
            stepOf.put(steps[s].node.id(), s);
            if (steps[s].node instanceof Node.Input in && inputs.put(in.name(), steps[s]) != null) {
                throw new IllegalArgumentException(String.format("two inputs are named '%s'", in.name()));
            }
        }
        this.inputSteps = inputs.values().toArray(new Step[0]);
        this.running = java.util.Arrays.stream(steps).filter(Step::computes).toArray(Step[]::new);
        this.output = steps[steps.length - 1];
    }

    /** The executed nodes, in execution order; the output node is last. */
    public List<Node> order() {
        return order;
    }

    public int maxBatch() {
        return maxBatch;
    }

    /** Names of the executed input placeholders, in execution order. */
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    /** The declared width of an input. @throws IllegalArgumentException naming the inputs if unknown */
    public int inputWidth(String name) {
        return ((Node.Input) inputStep(name).node).width();
    }

    /** The output width of an executed node. @throws IllegalArgumentException if it is not executed */
    public int width(int nodeId) {
        return widths.get(step(nodeId).node.id());
    }

    public int outputId() {
        return output.node.id();
    }

    public int outputWidth() {
        return widths.get(outputId());
    }

    /** Number of parameters of the executed nodes (weights, biases and constants). */
    public long parameterCount() {
        long count = 0;
        for (Node n : order) {
            count += n.parameterCount();
        }
        return count;
    }

    /**
     * An executed node's buffer: after a forward pass it holds the node's output for the batch.
     * The same object for the plan's lifetime; overwritten by the next forward pass.
     */
    public DMatrixRMaj buffer(int nodeId) {
        return step(nodeId).out;
    }

    /**
     * The buffer of input {@code name}, reshaped to {@code rows}×width, for the caller to fill
     * before {@link #forward()}. The same object for the plan's lifetime.
     *
     * @throws IllegalArgumentException for an unknown name (naming the inputs) or rows outside [0, maxBatch]
     */
    public DMatrixRMaj input(String name, int rows) {
        checkRows(rows);
        Step in = inputStep(name);
        in.out.reshape(rows, ((Node.Input) in.node).width());
        return in.out;
    }

    /**
     * Copies {@code x} into the single input and runs the plan.
     *
     * @return the output buffer (rows×{@link #outputWidth()}), overwritten by the next forward pass
     * @throws IllegalArgumentException when the plan has several inputs, x's width differs from the
     *         input's (naming both), or x has more than maxBatch rows
     */
    public DMatrixRMaj forward(DMatrixRMaj x) {
        if (inputSteps.length != 1) {
            throw new IllegalArgumentException(String.format(
                    "forward(x) needs exactly one input; the plan has %s: fill each with input(name, rows)", inputNames()));
        }
        Step in = inputSteps[0];
        Node.Input node = (Node.Input) in.node;
        if (x.numCols != node.width()) {
            throw new IllegalArgumentException(String.format("input '%s': expected width %d, got %d",
                    node.name(), node.width(), x.numCols));
        }
        checkRows(x.numRows);
        in.out.reshape(x.numRows, x.numCols);
        System.arraycopy(x.data, 0, in.out.data, 0, x.getNumElements());
        return forward();
    }

    /**
     * Runs the plan on the input buffers as filled through {@link #input(String, int)}.
     *
     * @return the output buffer, overwritten by the next forward pass
     * @throws IllegalArgumentException when the inputs do not all have the same rows and their width
     */
    public DMatrixRMaj forward() {
        final int rows = inputSteps[0].out.numRows;
        for (Step in : inputSteps) {
            Node.Input node = (Node.Input) in.node;
            if (in.out.numRows != rows || in.out.numCols != node.width() || rows > maxBatch) {
                throw new IllegalArgumentException(String.format(
                        "input '%s' is %d×%d; expected %d rows (at most %d) and width %d",
                        node.name(), in.out.numRows, in.out.numCols, rows, maxBatch, node.width()));
            }
        }
        for (Step s : running) {
            s.run();
        }
        return output.out;
    }

    /** The output buffer (the same object {@link #forward()} returns). */
    public DMatrixRMaj output() {
        return output.out;
    }

    private void checkRows(int rows) {
        if (rows < 0 || rows > maxBatch) {
            throw new IllegalArgumentException(String.format(
                    "batch of %d rows; this plan takes 0 to %d rows (maxBatch): split the batch", rows, maxBatch));
        }
    }

    private Step inputStep(String name) {
        Step in = inputs.get(name);
        if (in == null) {
            throw new IllegalArgumentException(String.format("no input named '%s'; inputs are %s", name, inputNames()));
        }
        return in;
    }

    private Step step(int nodeId) {
        Integer s = stepOf.get(nodeId);
        if (s == null) {
            List<Integer> ids = new ArrayList<>(stepOf.keySet());
            Collections.sort(ids);
            throw new IllegalArgumentException(String.format("node %d is not executed; executed nodes are %s", nodeId,
                    Excerpt.list(ids)));
        }
        return steps[s];
    }
}
