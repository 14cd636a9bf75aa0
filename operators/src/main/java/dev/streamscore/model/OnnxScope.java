package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.streamscore.graph.Graph;
import dev.streamscore.graph.OpType;
import dev.streamscore.model.OnnxValue.Activation;
import dev.streamscore.model.OnnxValue.Constant;
import dev.streamscore.model.OnnxValue.Unusable;
import java.util.Map;

/**
 * The state shared while one ONNX graph is imported: the graph being built, what each ONNX value
 * name stands for, and the node being translated ({@link #where}), which every error names.
 */
final class OnnxScope {
    final Graph.Builder builder;
    final Map<String, OnnxValue> values;
    /** The node being translated, e.g. {@code node 'fc' (Gemm)}. */
    String where;

    OnnxScope(Graph.Builder builder, Map<String, OnnxValue> values) {
        this.builder = builder;
        this.values = values;
    }

    int scale(int node, double factor) {
        return factor == 1.0 ? node : builder.binaryConstant(OpType.MUL, node, new double[] {factor});
    }

    /** True when {@code t} broadcasts along rows of {@code width}: [], [1], [width], [1, width] or [1, 1]. */
    static boolean isRow(OnnxTensor t, int width) {
        if (t.rank() > 2 || (t.rank() == 2 && t.dims()[0] != 1)) {
            return false;
        }
        long last = t.rank() == 0 ? 1 : t.dims()[t.rank() - 1];
        return last == 1 || last == width;
    }

    double[] row(OnnxTensor t, int width, String role) {
        if (!isRow(t, width)) {
            throw fail("%s '%s' of shape %s does not broadcast along rows of width %d; expected [], [1], [%d] or [1, %d]",
                    role, t.name(), t.shape(), width, width, width);
        }
        return t.values();
    }

    OnnxValue value(String name) {
        OnnxValue v = values.get(name);
        if (v == null) {
            throw fail("input '%s' is not a graph input, an initializer or an output of an earlier node", name);
        }
        if (v instanceof Unusable u) {
            throw fail("input '%s' cannot be used: %s", name, u.reason());
        }
        return v;
    }

    OnnxTensor floating(String name, String role) {
        if (!(value(name) instanceof Constant c)) {
            throw fail("%s '%s' must be a constant (an initializer or a Constant node)", role, name);
        }
        if (!c.tensor().isFloating()) {
            throw fail("%s '%s' has element type %s; FLOAT or DOUBLE expected", role, name,
                    OnnxTensor.typeName(c.tensor().dataType()));
        }
        return c.tensor();
    }

    /** Checks the input count is in [1, max] and returns the first input as computed rows. */
    Activation rows(NodeProto n, int max) {
        inputs(n, 1, max);
        if (!(value(n.getInput(0)) instanceof Activation a)) {
            throw fail("input '%s' is a constant; this operator needs values computed from the graph input", n.getInput(0));
        }
        return a;
    }

    void inputs(NodeProto n, int min, int max) {
        int count = n.getInputCount();
        if (count < min || count > max || n.getInput(0).isEmpty()) {
            throw fail("expected %s inputs, got %d", min == max ? String.valueOf(min) : String.format("%d to %d", min, max), count);
        }
    }

    void define(NodeProto n, int node, int width) {
        values.put(n.getOutput(0), new Activation(node, width));
    }

    ModelFormatException fail(String format, Object... args) {
        return new ModelFormatException(String.format("%s: %s", where, String.format(format, args)));
    }
}
