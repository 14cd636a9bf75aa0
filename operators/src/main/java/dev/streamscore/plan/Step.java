package dev.streamscore.plan;

import dev.streamscore.graph.Node;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.kernel.Pointwise;
import dev.streamscore.ops.Activations;
import dev.streamscore.ops.Elementwise;
import dev.streamscore.ops.Softmax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Whether {@link #run()} computes anything (false for inputs and for nodes computed in an earlier step's chain). */
    boolean computes() {
        return true;
    }

    /**
     * The step of {@code node}, reading {@code inputs} (its operands' buffers, in order) into {@code out}.
     *
     * @param fusion    which pointwise nodes run in which step ({@link Fusion})
     * @param buffers   every executed node's buffer, by id (for the chain a step runs)
     */
    static Step bind(Node node, DMatrixRMaj[] inputs, DenseKernels kernels, DMatrixRMaj out, Fusion fusion,
                     Map<Integer, DMatrixRMaj> buffers) {
        if (node instanceof Node.Input || fusion.runsInChain(node.id())) {
            return new Input(node, out);
        }
        List<Node> followers = fusion.followers(node.id());
        if (node instanceof Node.Linear linear) {
            return new Linear(linear, inputs[0], kernels, out, Fusion.chain(out.numCols, followers, buffers));
        }
        if (Fusion.isPointwise(node)) {
            List<Node> stages = new ArrayList<>();
            stages.add(node);
            stages.addAll(followers);
            return new Chain(node, inputs[0], kernels, out, Fusion.chain(out.numCols, stages, buffers));
        }
        if (node instanceof Node.Unary unary) {
            return new Unary(unary, inputs[0], out);
        }
        return new Binary(node, inputs[0], inputs[1], out);
    }

    /**
     * A buffer filled elsewhere: an input placeholder (by the caller, through Plan.input) or a
     * pointwise node (by the chain of an earlier step, see {@link Fusion}).
     */
    private static final class Input extends Step {
        Input(Node node, DMatrixRMaj out) {
            super(node, out);
        }

        @Override
        boolean computes() {
            return false;
        }

        @Override
        void run() {
            // filled through Plan.input, or by an earlier step's chain
        }
    }

    /**
     * {@code out = in·Wᵀ + b}, with W and b prepared (copied, packed) once, here at compile time,
     * then the pointwise nodes that follow it ({@link Fusion}), on each tile of out.
     */
    static final class Linear extends Step {
        private final DMatrixRMaj in;
        private final DenseKernels.Linear layer;

        Linear(Node.Linear node, DMatrixRMaj in, DenseKernels kernels, DMatrixRMaj out, Pointwise epilogue) {
            super(node, out);
            this.in = in;
            this.layer = kernels.prepare(node.weight(), node.bias(), epilogue);
        }

        @Override
        void run() {
            layer.apply(in, out);
        }
    }

    /**
     * A pointwise node (add, sub, mul or div by a constant, relu, leaky_relu) and the pointwise
     * nodes that follow it ({@link Fusion}), in one pass of the kernels over {@code in}; the maths
     * of each is its function in {@code dev.streamscore.ops} ({@link Activations},
     * {@link Elementwise#applyConstant}).
     */
    private static final class Chain extends Step {
        private final DMatrixRMaj in;
        private final DenseKernels kernels;
        private final Pointwise chain;

        Chain(Node node, DMatrixRMaj in, DenseKernels kernels, DMatrixRMaj out, Pointwise chain) {
            super(node, out);
            this.in = in;
            this.kernels = kernels;
            this.chain = chain;
        }

        @Override
        void run() {
            kernels.pointwise(in, chain);
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
}
