package dev.streamscore.graph;

import dev.streamscore.util.EnumNames;
import dev.streamscore.util.Excerpt;

/**
 * The closed set of operations a {@link Graph} node can perform. Every op maps a batch of rows
 * (dynamic batch dimension) to a batch of rows; widths are inferred at compile time from the op's
 * {@link Kind}. An op with a scalar attribute names it ({@link #attribute()}), so model readers and
 * writers handle it without knowing the op.
 *
 * <p>Adding an op: a constant here (its kind, and its attribute if any), its maths in
 * {@code dev.streamscore.ops}, its binding in {@code dev.streamscore.plan.Step}, and, if ONNX has
 * it, its translation in {@code dev.streamscore.model.OnnxNodeTranslator}.
 */
public enum OpType {
    /** Named placeholder of a declared width; has no inputs. */
    INPUT(Kind.INPUT, null),
    /** {@code y = x·Wᵀ + b}, W stored out×in, b of length out. */
    LINEAR(Kind.LINEAR, null),
    /** {@code y = max(x, 0)}. */
    RELU(Kind.UNARY, null),
    /** {@code y = x ≥ 0 ? x : alpha·x}. */
    LEAKY_RELU(Kind.UNARY, "alpha"),
    /** {@code y = 1 / (1 + e^-x)}. */
    SIGMOID(Kind.UNARY, null),
    /** {@code y = tanh(x)}. */
    TANH(Kind.UNARY, null),
    /** Row-wise {@code y_j = e^(x_j - m) / Σ_k e^(x_k - m)}, m the row maximum. */
    SOFTMAX(Kind.UNARY, null),
    /** Row-wise {@code y_j = x_j - m - log Σ_k e^(x_k - m)}. */
    LOG_SOFTMAX(Kind.UNARY, null),
    /** {@code y = a + c}: c a broadcast constant (length 1 or the width) or a second input of the same width. */
    ADD(Kind.BINARY, null),
    /** {@code y = a - c}, operands as for {@link #ADD}. */
    SUB(Kind.BINARY, null),
    /** {@code y = a · c}, operands as for {@link #ADD}. */
    MUL(Kind.BINARY, null),
    /** {@code y = a / c}, operands as for {@link #ADD}. */
    DIV(Kind.BINARY, null),
    /** {@code y = x}. */
    IDENTITY(Kind.UNARY, null);

    /** How an op takes its operands, which decides its node type and its output width. */
    public enum Kind {
        /** {@link Node.Input}: no operands; the declared width. */
        INPUT,
        /** {@link Node.Linear}: one operand; the weight's rows. */
        LINEAR,
        /** {@link Node.Unary}: one operand; its width. */
        UNARY,
        /** {@link Node.Binary} or {@link Node.WithConstant}: two operands of one width, or one and a broadcast constant. */
        BINARY
    }

    private final Kind kind;
    private final String attribute;

    OpType(Kind kind, String attribute) {
        this.kind = kind;
        this.attribute = attribute;
    }

    public Kind kind() {
        return kind;
    }

    /** The name of the op's scalar attribute (e.g. {@code alpha}), or null when it has none. */
    public String attribute() {
        return attribute;
    }

    /** The lower-case name used by the JSON model format, e.g. {@code log_softmax}. */
    public String jsonName() {
        return EnumNames.of(this, '_');
    }

    /**
     * Looks an op up by its JSON name.
     *
     * @throws IllegalArgumentException naming the valid choices when there is no such op
     */
    public static OpType fromJsonName(String name) {
        OpType op = EnumNames.find(values(), name, '_');
        if (op == null) {
            throw new IllegalArgumentException(String.format(
                    "unknown op '%s'; valid ops are %s", Excerpt.text(name), EnumNames.list(values(), '_', null)));
        }
        return op;
    }
}
