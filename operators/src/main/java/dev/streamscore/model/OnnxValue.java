package dev.streamscore.model;

/**
 * What an ONNX value name stands for while a graph is imported: rows computed by a graph node,
 * a constant tensor (initializer or {@code Constant} node), or a value that exists in the ONNX
 * graph but cannot be used here (with the reason).
 */
sealed interface OnnxValue {
    /** Rows of {@code width} numbers computed by graph node {@code node}. */
    record Activation(int node, int width) implements OnnxValue {}

    /** A constant tensor. */
    record Constant(OnnxTensor tensor) implements OnnxValue {}

    /** A value that cannot be used; {@code reason} says why, for the node that tries. */
    record Unusable(String reason) implements OnnxValue {}
}
