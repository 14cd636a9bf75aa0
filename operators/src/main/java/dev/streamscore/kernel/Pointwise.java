package dev.streamscore.kernel;

import dev.streamscore.graph.OpType;
import dev.streamscore.ops.Activations;
import dev.streamscore.ops.Elementwise;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A chain of pointwise ops a kernel runs in one go, on a layer's output while it is still in cache
 * ({@link DenseKernels#prepare(DMatrixRMaj, double[], Pointwise)}) or on its own
 * ({@link DenseKernels#pointwise}). Stage 0 reads the chain's source, stage i reads the output of
 * stage i-1, and every stage writes its own buffer: each buffer ends up holding exactly what the
 * op's own step would have written, element for element, by the op's definition in
 * {@code dev.streamscore.ops} ({@link Elementwise#apply(OpType, double, double)},
 * {@link Activations#relu(double)}, {@link Activations#leakyRelu(double, double)}). These are IEEE
 * additions, subtractions, multiplications, divisions and maxima, which give the same bits one lane
 * at a time or in vector lanes.
 *
 * <p>The stages' buffers are modified (reshaped to the source's rows and overwritten); the
 * constants are copied when the chain is made.
 */
public final class Pointwise {
    /** The empty chain: a layer without epilogue. */
    public static final Pointwise NONE = new Pointwise(0, new Stage[0]);

    /** Whether {@code op} can be a stage: a binary op with a constant operand, RELU or LEAKY_RELU. */
    public static boolean supports(OpType op) {
        return op.kind() == OpType.Kind.BINARY || op == OpType.RELU || op == OpType.LEAKY_RELU;
    }

    /**
     * One op of a chain and the buffer it writes.
     *
     * @param op       ADD, SUB, MUL or DIV (with {@code constant}), RELU or LEAKY_RELU
     * @param constant for ADD/SUB/MUL/DIV: one value per column, or one value for all; else null
     * @param alpha    LEAKY_RELU's slope for negative values; 0 otherwise
     * @param out      the op's buffer (capacity for the largest batch)
     */
    public record Stage(OpType op, double[] constant, double alpha, DMatrixRMaj out) {
        public Stage {
            boolean binary = op.kind() == OpType.Kind.BINARY;
            if (!supports(op)) {
                throw new IllegalArgumentException(String.format(
                        "%s is not a pointwise op; pointwise ops are add, sub, mul, div (with a constant), relu, leaky_relu",
                        op.jsonName()));
            }
            if (binary == (constant == null || constant.length == 0)) {
                throw new IllegalArgumentException(String.format("%s: %s", op.jsonName(),
                        binary ? "needs a constant of 1 or width values" : "takes no constant"));
            }
        }

        /** Stage of a constant op. */
        public static Stage constant(OpType op, double[] constant, DMatrixRMaj out) {
            return new Stage(op, constant, 0, out);
        }

        /** Stage of RELU (alpha 0) or LEAKY_RELU. */
        public static Stage activation(OpType op, double alpha, DMatrixRMaj out) {
            return new Stage(op, null, alpha, out);
        }
    }

    private final int width;
    private final Stage[] stages;
    /** Per stage: the constant, one value per column (a single value repeated); null for an activation. */
    private final double[][] columns;

    private Pointwise(int width, Stage[] stages) {
        this.width = width;
        this.stages = stages;
        this.columns = new double[stages.length][];
        for (int s = 0; s < stages.length; s++) {
            double[] c = stages[s].constant();
            if (c != null) {
                if (c.length != 1 && c.length != width) {
                    throw new IllegalArgumentException(String.format(
                            "%s: constant has %d values; expected 1 or the width %d", stages[s].op().jsonName(), c.length, width));
                }
                columns[s] = new double[width];
                for (int j = 0; j < width; j++) {
                    columns[s][j] = c.length == 1 ? c[0] : c[j];
                }
            }
        }
    }

    /**
     * A chain over rows of {@code width} values.
     *
     * @throws IllegalArgumentException when a constant has neither 1 nor {@code width} values
     */
    public static Pointwise of(int width, List<Stage> stages) {
        if (width < 1) {
            throw new IllegalArgumentException(String.format("pointwise chain: width must be >= 1, got %d", width));
        }
        return stages.isEmpty() ? NONE : new Pointwise(width, stages.toArray(new Stage[0]));
    }

    public boolean isEmpty() {
        return stages.length == 0;
    }

    /** The width of the rows the chain reads and writes (0 for {@link #NONE}). */
    public int width() {
        return width;
    }

    int size() {
        return stages.length;
    }

    Stage stage(int s) {
        return stages[s];
    }

    /** Stage s's constant, one value per column; null for an activation. */
    double[] columns(int s) {
        return columns[s];
    }

    /** Reshapes every stage's buffer to {@code rows}×width (no reallocation within its capacity). */
    void reshape(int rows) {
        for (Stage s : stages) {
            s.out().reshape(rows, width);
        }
    }

    /** The source of stage s: the chain's source for stage 0, else the previous stage's buffer. */
    double[] input(int s, double[] source) {
        return s == 0 ? source : stages[s - 1].out().data;
    }

    /** Stage s on one value of column j, by the op's definition in {@code dev.streamscore.ops}. */
    double apply(int s, double v, int j) {
        Stage st = stages[s];
        return switch (st.op()) {
            case RELU -> Activations.relu(v);
            case LEAKY_RELU -> Activations.leakyRelu(v, st.alpha());
            default -> Elementwise.apply(st.op(), v, columns[s][j]);
        };
    }

    /**
     * The whole chain on {@code source} (rows×width), one stage after the other with the ops'
     * matrix functions: the portable path, and the reference the vector path must match bit for bit.
     */
    void applyScalar(DMatrixRMaj source) {
        DMatrixRMaj in = source;
        for (Stage st : stages) {
            switch (st.op()) {
                case RELU -> Activations.relu(in, st.out());
                case LEAKY_RELU -> Activations.leakyRelu(in, st.alpha(), st.out());
                default -> Elementwise.applyConstant(st.op(), in, st.constant(), st.out());
            }
            in = st.out();
        }
    }
}
