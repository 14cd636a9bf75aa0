package dev.streamscore.plan;

import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.ops.Activations;
import dev.streamscore.ops.Elementwise;
import dev.streamscore.ops.Softmax;
import org.ejml.data.DMatrixRMaj;

/**
 * One executed node of a plan, bound at compile time to its input and output buffers.
 * {@link #run()} reads the input buffers and overwrites {@link #out} (reshaped to the batch's
 * rows); it allocates nothing.
 */
abstract class Step {
    final Node node;
    final DMatrixRMaj out;

    Step(Node node, DMatrixRMaj out) {
        this.node = node;
        this.out = out;
    }

    abstract void run();

    /** An input placeholder: its buffer is filled by the caller, nothing to compute. */
    static final class Input extends Step {
        Input(Node node, DMatrixRMaj out) {
            super(node, out);
        }

        @Override
        void run() {
            // filled through CompiledGraph.input
        }
    }

    /** {@code out = in·Wᵀ + b}, with W and b prepared (copied, packed) once, here at compile time. */
    static final class Linear extends Step {
        private final DMatrixRMaj in;
        private final DenseKernels.Linear layer;

        Linear(Node node, DMatrixRMaj in, DenseKernels kernels, DMatrixRMaj out) {
            super(node, out);
            this.in = in;
            this.layer = kernels.prepare(node.weight(), node.bias());
        }

        @Override
        void run() {
            layer.apply(in, out);
        }
    }

    /** A parameterless activation, LEAKY_RELU, SOFTMAX, LOG_SOFTMAX or IDENTITY. */
    static final class Unary extends Step {
        private final DMatrixRMaj in;

        Unary(Node node, DMatrixRMaj in, DMatrixRMaj out) {
            super(node, out);
            this.in = in;
        }

        @Override
        void run() {
            switch (node.op()) {
                case RELU -> Activations.relu(in, out);
                case LEAKY_RELU -> Activations.leakyRelu(in, node.alpha(), out);
                case SIGMOID -> Activations.sigmoid(in, out);
                case TANH -> Activations.tanh(in, out);
                case SOFTMAX -> Softmax.softmax(in, out);
                case LOG_SOFTMAX -> Softmax.logSoftmax(in, out);
                case IDENTITY -> Activations.identity(in, out);
                default -> throw new IllegalStateException(String.format("node %d: %s is not unary",
                        node.id(), node.op().jsonName()));
            }
        }
    }

    /** ADD/SUB/MUL/DIV of two nodes of the same width. */
    static final class Binary extends Step {
        private final DMatrixRMaj a;
        private final DMatrixRMaj b;

        Binary(Node node, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
            super(node, out);
            this.a = a;
            this.b = b;
        }

        @Override
        void run() {
            Elementwise.apply(node.op(), a, b, out);
        }
    }

    /** ADD/SUB/MUL/DIV of a node and a constant broadcast along the rows. */
    static final class Constant extends Step {
        private final DMatrixRMaj a;

        Constant(Node node, DMatrixRMaj a, DMatrixRMaj out) {
            super(node, out);
            this.a = a;
        }

        @Override
        void run() {
            Elementwise.applyConstant(node.op(), a, node.constant(), out);
        }
    }

    /** True for the ops {@link Unary} handles. */
    static boolean isUnary(OpType op) {
        return switch (op) {
            case RELU, LEAKY_RELU, SIGMOID, TANH, SOFTMAX, LOG_SOFTMAX, IDENTITY -> true;
            default -> false;
        };
    }
}
