package dev.streamscore.plan;

import dev.streamscore.graph.Node;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.ops.Activations;
import dev.streamscore.ops.Elementwise;
import dev.streamscore.ops.Softmax;
import org.ejml.data.DMatrixRMaj;

/**
 * One executed node of a plan, bound at compile time to its input and output buffers.
 * {@link #run()} reads the input buffers and overwrites {@link #out} (reshaped to the batch's
 * rows); it allocates nothing. This is where each op meets the function that computes it.
 */
abstract class Step {
    final Node node;
    final DMatrixRMaj out;

    Step(Node node, DMatrixRMaj out) {
        this.node = node;
        this.out = out;
    }

    abstract void run();

    /** The step of {@code node}, reading {@code inputs} (its operands' buffers, in order) into {@code out}. */
    static Step bind(Node node, DMatrixRMaj[] inputs, DenseKernels kernels, DMatrixRMaj out) {
        if (node instanceof Node.Input) {
            return new Input(node, out);
        }
        if (node instanceof Node.Linear linear) {
            return new Linear(linear, inputs[0], kernels, out);
        }
        if (node instanceof Node.Unary unary) {
            return new Unary(unary, inputs[0], out);
        }
        if (node instanceof Node.Binary) {
            return new Binary(node, inputs[0], inputs[1], out);
        }
        return new Constant((Node.WithConstant) node, inputs[0], out);
    }

    /** An input placeholder: its buffer is filled by the caller, nothing to compute. */
    private static final class Input extends Step {
        Input(Node node, DMatrixRMaj out) {
            super(node, out);
        }

        @Override
        void run() {
            // filled through Plan.input
        }
    }

    /** {@code out = in·Wᵀ + b}, with W and b prepared (copied, packed) once, here at compile time. */
    static final class Linear extends Step {
        private final DMatrixRMaj in;
        private final DenseKernels.Linear layer;

        Linear(Node.Linear node, DMatrixRMaj in, DenseKernels kernels, DMatrixRMaj out) {
            super(node, out);
            this.in = in;
            this.layer = kernels.prepare(node.weight(), node.bias());
        }

        @Override
        void run() {
            layer.apply(in, out);
        }
    }

    /** A unary op: its function in {@code dev.streamscore.ops}, chosen here by name. */
    private static final class Unary extends Step {
        private final DMatrixRMaj in;
        private final Node.Unary unary;

        Unary(Node.Unary node, DMatrixRMaj in, DMatrixRMaj out) {
            super(node, out);
            this.in = in;
            this.unary = node;
        }

        @Override
        void run() {
            switch (unary.op()) {
                case RELU -> Activations.relu(in, out);
                case LEAKY_RELU -> Activations.leakyRelu(in, unary.attribute(), out);
                case SIGMOID -> Activations.sigmoid(in, out);
                case TANH -> Activations.tanh(in, out);
                case SOFTMAX -> Softmax.softmax(in, out);
                case LOG_SOFTMAX -> Softmax.logSoftmax(in, out);
                case IDENTITY -> Activations.identity(in, out);
                default -> throw new IllegalStateException(String.format("%s has no unary function", unary));
            }
        }
    }

    /** ADD/SUB/MUL/DIV of two nodes of the same width. */
    private static final class Binary extends Step {
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
    private static final class Constant extends Step {
        private final DMatrixRMaj a;
        private final double[] constant;

        Constant(Node.WithConstant node, DMatrixRMaj a, DMatrixRMaj out) {
            super(node, out);
            this.a = a;
            this.constant = node.constant();
        }

        @Override
        void run() {
            Elementwise.applyConstant(node.op(), a, constant, out);
        }
    }
}
