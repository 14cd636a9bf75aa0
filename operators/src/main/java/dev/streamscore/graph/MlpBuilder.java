package dev.streamscore.graph;

import dev.streamscore.util.EnumNames;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Builds a multilayer perceptron graph: {@code input → (linear → activation)* → linear → head}.
 * Weights come from {@link Init} with one {@link SplittableRandom} seeded by {@link #seed(long)}
 * (layers in order), biases are zero. Defaults: relu, He-normal, seed 0, no hidden layers, head
 * {@link Head#NONE}, input name {@code x}, leaky-relu slope 0.01.
 *
 * <pre>{@code
 * Graph g = new MlpBuilder().inputWidth(64).hidden(64, 32).outputWidth(10)
 *         .activation("relu").init(Init.HE_NORMAL).seed(42).head("softmax").build();
 * }</pre>
 */
public final class MlpBuilder {
    /** Hidden-layer activation. */
    public enum Activation { RELU, TANH, SIGMOID, LEAKY_RELU }

    /** What follows the last linear layer. */
    public enum Head { SOFTMAX, LOG_SOFTMAX, NONE }

    private String inputName = "x";
    private int inputWidth;
    private int[] hidden = new int[0];
    private int outputWidth;
    private Activation activation = Activation.RELU;
    private double leakyAlpha = 0.01;
    private Init init = Init.HE_NORMAL;
    private long seed;
    private Head head = Head.NONE;

    public MlpBuilder inputName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("input name must be non-empty");
        }
        this.inputName = name;
        return this;
    }

    public MlpBuilder inputWidth(int width) {
        this.inputWidth = positive("input width", width);
        return this;
    }

    /** Widths of the hidden layers, in order (none for a single linear layer). */
    public MlpBuilder hidden(int... widths) {
        for (int i = 0; i < widths.length; i++) {
            positive(String.format("hidden layer %d width", i), widths[i]);
        }
        this.hidden = widths.clone();
        return this;
    }

    public MlpBuilder outputWidth(int width) {
        this.outputWidth = positive("output width", width);
        return this;
    }

    public MlpBuilder activation(Activation a) {
        this.activation = Objects.requireNonNull(a, "activation");
        return this;
    }

    /** @param name relu, tanh, sigmoid or leaky_relu (case-insensitive) */
    public MlpBuilder activation(String name) {
        return activation(parse(Activation.class, "activation", name));
    }

    /** Negative slope of {@link Activation#LEAKY_RELU}; finite. */
    public MlpBuilder leakyReluAlpha(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException(String.format("leaky_relu alpha must be finite, got %s", alpha));
        }
        this.leakyAlpha = alpha;
        return this;
    }

    public MlpBuilder init(Init i) {
        this.init = Objects.requireNonNull(i, "init");
        return this;
    }

    public MlpBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    public MlpBuilder head(Head h) {
        this.head = Objects.requireNonNull(h, "head");
        return this;
    }

    /** @param name softmax, log_softmax or none (case-insensitive) */
    public MlpBuilder head(String name) {
        return head(parse(Head.class, "head", name));
    }

    /** @throws IllegalStateException when the input or output width is not set */
    public Graph build() {
        if (inputWidth == 0 || outputWidth == 0) {
            throw new IllegalStateException(String.format(
                    "set inputWidth and outputWidth before build (got input %d, output %d)", inputWidth, outputWidth));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Graph.Builder g = Graph.builder();
        int node = g.input(inputName, inputWidth);
        int width = inputWidth;
        for (int h : hidden) {
            node = g.linear(node, init.create(h, width, rng), new double[h]);
            node = switch (activation) {
                case RELU -> g.unary(OpType.RELU, node);
                case TANH -> g.unary(OpType.TANH, node);
                case SIGMOID -> g.unary(OpType.SIGMOID, node);
                case LEAKY_RELU -> g.leakyRelu(node, leakyAlpha);
            };
            width = h;
        }
        node = g.linear(node, init.create(outputWidth, width, rng), new double[outputWidth]);
        node = switch (head) {
            case SOFTMAX -> g.unary(OpType.SOFTMAX, node);
            case LOG_SOFTMAX -> g.unary(OpType.LOG_SOFTMAX, node);
            case NONE -> node;
        };
        return g.output(node).build();
    }

    private static int positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(String.format("%s must be >= 1, got %d", what, v));
        }
        return v;
    }

    /**
     * The constant of {@code type} named {@code name} in any case ({@code he_normal},
     * {@code LOG_SOFTMAX}), for the builder's and {@link Init#fromName}'s string forms.
     *
     * @throws IllegalArgumentException naming {@code what} and the valid choices
     */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String name) {
        E[] values = type.getEnumConstants();
        E e = name == null ? null : EnumNames.find(values, name.toLowerCase(Locale.ROOT), '_');
        if (e == null) {
            throw new IllegalArgumentException(String.format(
                    "unknown %s '%s'; valid: %s", what, name, EnumNames.list(values, '_', null)));
        }
        return e;
    }
}
