package dev.streamscore.graph;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * One node of a {@link Graph}: an op, the ids of its operand nodes, and the op's attributes. The
 * node types follow the op's {@link OpType.Kind}; each holds exactly the attributes of its kind.
 * Nodes are immutable by convention: the arrays they hold are never modified after building.
 */
public sealed interface Node permits Node.Input, Node.Linear, Node.Unary, Node.Binary, Node.WithConstant {

    /** Unique id within the graph; also the tie-breaker of the execution order. */
    int id();

    OpType op();

    /** The ids of the operand nodes, in operand order (a new array). */
    int[] inputs();

    /** The numbers the node holds: weights, biases and constants. */
    default long parameterCount() {
        return 0;
    }

    /** A named input placeholder of {@code width} columns (dynamic batch). */
    static Input input(int id, String name, int width) {
        return new Input(id, name, width);
    }

    /** {@code y = x·Wᵀ + b}; W is out×in; {@code bias} of length out, or null for none (zeros). */
    static Linear linear(int id, int x, DMatrixRMaj weight, double[] bias) {
        return new Linear(id, x, weight, bias != null ? bias : new double[weight.numRows]);
    }

    /** A unary op without attribute: relu, sigmoid, tanh, softmax, log_softmax, identity. */
    static Unary unary(int id, OpType op, int x) {
        return new Unary(id, op, x, 0);
    }

    /** {@code y = x ≥ 0 ? x : alpha·x}. */
    static Unary leakyRelu(int id, int x, double alpha) {
        return new Unary(id, OpType.LEAKY_RELU, x, alpha);
    }

    /** An input placeholder. */
    record Input(int id, String name, int width) implements Node {
        public Input {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(String.format("node %d (input): name must be non-empty", id));
            }
            if (width < 1) {
                throw new IllegalArgumentException(String.format("node %d (input '%s'): width must be >= 1, got %d",
                        id, name, width));
            }
        }

        @Override
        public OpType op() {
            return OpType.INPUT;
        }

        @Override
        public int[] inputs() {
            return new int[0];
        }

        @Override
        public String toString() {
            return String.format("input#%d", id);
        }
    }

    /**
     * {@code y = x·Wᵀ + b}.
     *
     * @param weight W, out×in
     * @param bias   b, one per row of W
     */
    record Linear(int id, int input, DMatrixRMaj weight, double[] bias) implements Node {
        public Linear {
            Objects.requireNonNull(weight, "weight");
            Objects.requireNonNull(bias, "bias");
            if (bias.length != weight.numRows) {
                throw new IllegalArgumentException(String.format(
                        "node %d (linear): bias has %d values, expected %d (the weight's rows)", id, bias.length, weight.numRows));
            }
        }

        @Override
        public OpType op() {
            return OpType.LINEAR;
        }

        @Override
        public int[] inputs() {
            return new int[] {input};
        }

        @Override
        public long parameterCount() {
            return (long) weight.getNumElements() + bias.length;
        }

        @Override
        public String toString() {
            return String.format("linear#%d[%d]", id, input);
        }

        /** Equal when the id, the input and every parameter (shape and bits) are. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Linear l && l.id == id && l.input == input
                    && l.weight.numRows == weight.numRows && l.weight.numCols == weight.numCols
                    && Arrays.equals(l.weight.data, 0, weight.getNumElements(), weight.data, 0, weight.getNumElements())
                    && Arrays.equals(l.bias, bias);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, input, weight.numRows, weight.numCols);
        }
    }

    /**
     * A unary op of {@link OpType.Kind#UNARY}.
     *
     * @param attribute the op's scalar attribute ({@link OpType#attribute()}, e.g. leaky_relu's
     *                  alpha); 0 for an op without one
     */
    record Unary(int id, OpType op, int input, double attribute) implements Node {
        public Unary {
            if (op.kind() != OpType.Kind.UNARY) {
                throw new IllegalArgumentException(String.format(
                        "node %d: %s is not a unary op; unary ops are relu, leaky_relu, sigmoid, tanh, softmax,"
                                + " log_softmax, identity", id, op.jsonName()));
            }
            if (op.attribute() == null && attribute != 0) {
                throw new IllegalArgumentException(String.format("node %d (%s) takes no attribute, got %s",
                        id, op.jsonName(), attribute));
            }
        }

        @Override
        public int[] inputs() {
            return new int[] {input};
        }

        @Override
        public String toString() {
            return String.format("%s#%d[%d]", op.jsonName(), id, input);
        }
    }

    /** An op of {@link OpType.Kind#BINARY} on two nodes of the same width: {@code y = left ∘ right}. */
    record Binary(int id, OpType op, int left, int right) implements Node {
        public Binary {
            requireBinary(id, op);
        }

        @Override
        public int[] inputs() {
            return new int[] {left, right};
        }

        @Override
        public String toString() {
            return String.format("%s#%d[%d, %d]", op.jsonName(), id, left, right);
        }
    }

    /**
     * An op of {@link OpType.Kind#BINARY} on one node and a constant broadcast along its rows:
     * {@code y[i][j] = x[i][j] ∘ c[j]} (c of the input's width) or {@code x[i][j] ∘ c[0]} (c of length 1).
     */
    record WithConstant(int id, OpType op, int input, double[] constant) implements Node {
        public WithConstant {
            requireBinary(id, op);
            if (constant == null || constant.length == 0) {
                throw new IllegalArgumentException(String.format(
                        "node %d (%s): constant must have 1 or width values", id, op.jsonName()));
            }
        }

        @Override
        public int[] inputs() {
            return new int[] {input};
        }

        @Override
        public long parameterCount() {
            return constant.length;
        }

        @Override
        public String toString() {
            return String.format("%s#%d[%d, constant of %d]", op.jsonName(), id, input, constant.length);
        }

        /** Equal when the id, op, input and constant (bits) are. */
        @Override
        public boolean equals(Object o) {
            return o instanceof WithConstant w && w.id == id && w.op == op && w.input == input
                    && Arrays.equals(w.constant, constant);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, op, input);
        }
    }

    private static void requireBinary(int id, OpType op) {
        if (op.kind() != OpType.Kind.BINARY) {
            throw new IllegalArgumentException(String.format(
                    "node %d: %s is not an elementwise binary op; valid: add, sub, mul, div", id, op.jsonName()));
        }
    }
}
