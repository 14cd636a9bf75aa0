package dev.streamscore.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The closed set of operations a {@link Graph} node can perform. Every op maps a batch of rows
 * (dynamic batch dimension) to a batch of rows; widths are inferred at compile time.
 */
public enum OpType {
    /** Named placeholder of a declared width; has no inputs. */
    INPUT,
    /** {@code y = x·Wᵀ + b}, W stored out×in, b of length out. */
    LINEAR,
    /** {@code y = max(x, 0)}. */
    RELU,
    /** {@code y = x ≥ 0 ? x : alpha·x}. */
    LEAKY_RELU,
    /** {@code y = 1 / (1 + e^-x)}. */
    SIGMOID,
    /** {@code y = tanh(x)}. */
    TANH,
    /** Row-wise {@code y_j = e^(x_j - m) / Σ_k e^(x_k - m)}, m the row maximum. */
    SOFTMAX,
    /** Row-wise {@code y_j = x_j - m - log Σ_k e^(x_k - m)}. */
    LOG_SOFTMAX,
    /** {@code y = a + c}: c a broadcast constant (length 1 or the width) or a second input of the same width. */
    ADD,
    /** {@code y = a - c}, operands as for {@link #ADD}. */
    SUB,
    /** {@code y = a · c}, operands as for {@link #ADD}. */
    MUL,
    /** {@code y = a / c}, operands as for {@link #ADD}. */
    DIV,
    /** {@code y = x}. */
    IDENTITY;

    /** The lower-case name used by the JSON model format, e.g. {@code log_softmax}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for ADD, SUB, MUL and DIV. */
    public boolean isElementwiseBinary() {
        return this == ADD || this == SUB || this == MUL || this == DIV;
    }

    /**
     * Looks an op up by its JSON name.
     *
     * @throws IllegalArgumentException naming the valid choices when there is no such op
     */
    public static OpType fromJsonName(String name) {
        for (OpType op : values()) {
            if (op.jsonName().equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException(String.format(
                "unknown op '%s'; valid ops are %s", name,
                Arrays.stream(values()).map(OpType::jsonName).collect(Collectors.joining(", "))));
    }
}
