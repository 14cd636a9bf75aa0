package dev.streamscore.graph;

import dev.streamscore.util.Excerpt;
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
            throw new IllegalArgumentException(String.format("no node with id %d; ids are %s", id, Excerpt.list(nodes.keySet())));
        }
        return n;
    }

    /** The id of the output node. */
    public int outputId() {
        return output;
    }

    /** The input placeholders, in ascending id order. */
    public List<Node.Input> inputs() {
        List<Node.Input> in = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n instanceof Node.Input i) {
                in.add(i);
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
            return add(Node.input(nextId, name, width));
        }

        /** Adds {@code y = x·Wᵀ + b}; W is out×in, {@code bias} of length out (null for no bias). */
        public int linear(int x, DMatrixRMaj weight, double[] bias) {
            return add(Node.linear(nextId, x, weight, bias));
        }

        /** Adds a unary op without attribute (relu, sigmoid, tanh, softmax, log_softmax, identity). */
        public int unary(OpType op, int x) {
            return add(Node.unary(nextId, op, x));
        }

        /** Adds {@code y = x ≥ 0 ? x : alpha·x}. */
        public int leakyRelu(int x, double alpha) {
            return add(Node.leakyRelu(nextId, x, alpha));
        }

        /** Adds an elementwise op with a constant broadcast along rows (length 1 or the input width). */
        public int binaryConstant(OpType op, int x, double[] constant) {
            return add(new Node.WithConstant(nextId, op, x, constant));
        }

        /** Adds an elementwise op of two nodes of the same width. */
        public int binary(OpType op, int a, int b) {
            return add(new Node.Binary(nextId, op, a, b));
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
                throw new IllegalArgumentException(String.format("output %d is not a node; ids are %s", output,
                        Excerpt.list(nodes.keySet())));
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
    }
}
