package dev.streamscore.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;

/**
 * A forward graph: nodes keyed by id, one or more named input placeholders, one output node.
 * A graph is a description only; {@code dev.streamscore.plan} compiles it into an executable plan
 * (order, shapes and buffers). Built with {@link Builder}; immutable once built.
 */
public final class Graph {
    private final Map<Integer, Node> nodes;
    private final int output;

    private Graph(Map<Integer, Node> nodes, int output) {
        this.nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        this.output = output;
    }

    /** All nodes, in ascending id order. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The node with this id. @throws IllegalArgumentException if there is none */
    public Node node(int id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException(String.format("no node with id %d; ids are %s", id, nodes.keySet()));
        }
        return n;
    }

    /** The id of the output node. */
    public int outputId() {
        return output;
    }

    /** The INPUT nodes, in ascending id order. */
    public List<Node> inputs() {
        List<Node> in = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n.op() == OpType.INPUT) {
                in.add(n);
            }
        }
        return in;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a graph node by node. Methods that add an op return the new node's id; ids are
     * handed out in increasing order unless given explicitly with {@link #node(Node)}.
     */
    public static final class Builder {
        private final Map<Integer, Node> nodes = new TreeMap<>();
        private int nextId;
        private Integer output;

        /** Adds a named input placeholder of {@code width} columns (dynamic batch). */
        public int input(String name, int width) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("input name must be non-empty");
            }
            if (width < 1) {
                throw new IllegalArgumentException(String.format("input '%s': width must be >= 1, got %d", name, width));
            }
            return add(new Node(nextId, OpType.INPUT, new int[0], name, width, null, null, null, 0));
        }

        /** Adds {@code y = x·Wᵀ + b}; W is out×in, {@code bias} of length out (null for no bias). */
        public int linear(int x, DMatrixRMaj weight, double[] bias) {
            double[] b = bias != null ? bias : new double[weight.numRows];
            if (b.length != weight.numRows) {
                throw new IllegalArgumentException(String.format(
                        "linear: bias has %d values, expected %d (the weight's rows)", b.length, weight.numRows));
            }
            return add(new Node(nextId, OpType.LINEAR, new int[] {x}, null, 0, weight, b, null, 0));
        }

        /** Adds a parameterless unary op (RELU, SIGMOID, TANH, SOFTMAX, LOG_SOFTMAX, IDENTITY). */
        public int unary(OpType op, int x) {
            switch (op) {
                case RELU, SIGMOID, TANH, SOFTMAX, LOG_SOFTMAX, IDENTITY -> { }
                default -> throw new IllegalArgumentException(String.format(
                        "%s is not a parameterless unary op; valid: relu, sigmoid, tanh, softmax, log_softmax, identity",
                        op.jsonName()));
            }
            return add(new Node(nextId, op, new int[] {x}, null, 0, null, null, null, 0));
        }

        /** Adds {@code y = x ≥ 0 ? x : alpha·x}. */
        public int leakyRelu(int x, double alpha) {
            return add(new Node(nextId, OpType.LEAKY_RELU, new int[] {x}, null, 0, null, null, null, alpha));
        }

        /** Adds an elementwise op with a constant broadcast along rows (length 1 or the input width). */
        public int binaryConstant(OpType op, int x, double[] constant) {
            requireBinary(op);
            if (constant == null || constant.length == 0) {
                throw new IllegalArgumentException(String.format("%s: constant must have 1 or width values", op.jsonName()));
            }
            return add(new Node(nextId, op, new int[] {x}, null, 0, null, null, constant, 0));
        }

        /** Adds an elementwise op of two nodes of the same width. */
        public int binary(OpType op, int a, int b) {
            requireBinary(op);
            return add(new Node(nextId, op, new int[] {a, b}, null, 0, null, null, null, 0));
        }

        /** Adds a node with an explicit id (model loaders); its inputs may refer to nodes added later. */
        public int node(Node node) {
            return add(node);
        }

        /** Marks the output node. */
        public Builder output(int id) {
            this.output = id;
            return this;
        }

        /**
         * Checks that an output is set and every input reference names a node.
         * Cycles and shape mismatches are found when the graph is compiled.
         */
        public Graph build() {
            if (output == null) {
                throw new IllegalStateException("graph has no output; call output(id)");
            }
            if (!nodes.containsKey(output)) {
                throw new IllegalArgumentException(String.format("output %d is not a node; ids are %s", output, nodes.keySet()));
            }
            for (Node n : nodes.values()) {
                for (int in : n.inputs()) {
                    if (!nodes.containsKey(in)) {
                        throw new IllegalArgumentException(String.format(
                                "node %d (%s) has input %d, which is not a node", n.id(), n.op().jsonName(), in));
                    }
                }
            }
            return new Graph(nodes, output);
        }

        private int add(Node n) {
            if (nodes.containsKey(n.id())) {
                throw new IllegalArgumentException(String.format("duplicate node id %d", n.id()));
            }
            nodes.put(n.id(), n);
            nextId = Math.max(nextId, n.id() + 1);
            return n.id();
        }

        private static void requireBinary(OpType op) {
            if (!op.isElementwiseBinary()) {
                throw new IllegalArgumentException(String.format(
                        "%s is not an elementwise binary op; valid: add, sub, mul, div", op.jsonName()));
            }
        }
    }
}
