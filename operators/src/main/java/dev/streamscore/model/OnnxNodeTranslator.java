package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.streamscore.graph.Graph;
import dev.streamscore.graph.OpType;
import dev.streamscore.model.OnnxValue.Activation;
import dev.streamscore.model.OnnxValue.Constant;
import dev.streamscore.model.OnnxValue.Unusable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * Turns the nodes of an ONNX graph, in their (topological) file order, into graph nodes. Values
 * flow as {@link OnnxValue}s: every node's inputs must already be known. Identity, Dropout and
 * Flatten add no node (their output names the same value), so a Softmax followed by Identity is
 * still seen as the graph's final Softmax. A MatMul whose only consumer adds a constant row
 * becomes one LINEAR node with that bias (x·W, then + b, as PyTorch computes it).
 */
final class OnnxNodeTranslator {
    static final List<String> SUPPORTED = List.of("Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu",
            "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Flatten", "Identity", "Dropout", "Constant");

    private final Graph.Builder builder;
    private final Map<String, OnnxValue> values;
    private final List<NodeProto> nodes;
    private final int opset;
    private final Map<String, Integer> uses = new HashMap<>();
    private final Set<Integer> folded = new HashSet<>();
    private String where;

    OnnxNodeTranslator(Graph.Builder builder, Map<String, OnnxValue> values, List<NodeProto> nodes,
                       int opset, List<String> graphOutputs) {
        this.builder = builder;
        this.values = values;
        this.nodes = nodes;
        this.opset = opset;
        for (NodeProto n : nodes) {
            n.getInputList().forEach(in -> uses.merge(in, 1, Integer::sum));
        }
        graphOutputs.forEach(out -> uses.merge(out, 1, Integer::sum));
    }

    void translateAll() {
        for (int i = 0; i < nodes.size(); i++) {
            if (!folded.contains(i)) {
                translate(nodes.get(i), i);
            }
        }
    }

    static String label(NodeProto n, int index) {
        return n.getName().isEmpty() ? String.format("#%d", index) : String.format("'%s'", n.getName());
    }

    private void translate(NodeProto n, int index) {
        where = String.format("node %s (%s)", label(n, index), n.getOpType());
        boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
        if (!defaultDomain || !SUPPORTED.contains(n.getOpType())) {
            String op = defaultDomain ? n.getOpType() : String.format("%s::%s", n.getDomain(), n.getOpType());
            throw new ModelFormatException(String.format("unsupported operator '%s' at node %s; supported: %s",
                    op, label(n, index), String.join(", ", SUPPORTED)));
        }
        if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty()) {
            throw fail("has no output");
        }
        switch (n.getOpType()) {
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n, index);
            case "Add" -> binary(n, OpType.ADD);
            case "Sub" -> binary(n, OpType.SUB);
            case "Mul" -> binary(n, OpType.MUL);
            case "Div" -> binary(n, OpType.DIV);
            case "Relu" -> unary(n, OpType.RELU);
            case "Sigmoid" -> unary(n, OpType.SIGMOID);
            case "Tanh" -> unary(n, OpType.TANH);
            case "LeakyRelu" -> {
                Activation x = activation(n, 1);
                define(n, builder.leakyRelu(x.node(), OnnxAttributes.real(n, "alpha", 0.01, where)), x.width());
            }
            case "Softmax", "LogSoftmax" -> {
                long axis = OnnxAttributes.integer(n, "axis", opset < 13 ? 1 : -1, where);
                if (axis != 1 && axis != -1) {
                    throw fail("axis %d is not supported; only the last axis (1 or -1) of [batch, width] rows", axis);
                }
                unary(n, n.getOpType().equals("Softmax") ? OpType.SOFTMAX : OpType.LOG_SOFTMAX);
            }
            case "Flatten" -> {
                long axis = OnnxAttributes.integer(n, "axis", 1, where);
                if (axis != 1 && axis != -1) {
                    throw fail("axis %d is not supported; on [batch, width] rows only axis 1 (no change) is", axis);
                }
                values.put(n.getOutput(0), activation(n, 1));
            }
            case "Identity" -> {
                inputs(n, 1, 1);
                values.put(n.getOutput(0), value(n.getInput(0)));
            }
            case "Dropout" -> dropout(n);
            default -> constant(n);
        }
    }

    private void gemm(NodeProto n) {
        inputs(n, 2, 3);
        if (OnnxAttributes.integer(n, "transA", 0, where) != 0) {
            throw fail("transA=1 is not supported: the first operand must be the [batch, width] rows");
        }
        long transB = OnnxAttributes.integer(n, "transB", 0, where);
        double alpha = OnnxAttributes.real(n, "alpha", 1.0, where);
        double beta = OnnxAttributes.real(n, "beta", 1.0, where);
        if (!(value(n.getInput(0)) instanceof Activation a)) {
            throw fail("the first operand '%s' must be computed from the graph input, not a constant", n.getInput(0));
        }
        DMatrixRMaj w = weight(n, a, transB == 1);
        int out = w.numRows;
        OnnxValue c = n.getInputCount() > 2 && !n.getInput(2).isEmpty() && beta != 0 ? value(n.getInput(2)) : null;
        if (c instanceof Constant k && alpha == 1.0) {
            double[] bias = row(k.tensor(), out, "C");
            double[] full = new double[out];
            for (int j = 0; j < out; j++) {
                full[j] = beta * bias[bias.length == 1 ? 0 : j];
            }
            define(n, builder.linear(a.node(), w, full), out);
            return;
        }
        int y = scale(builder.linear(a.node(), w, null), alpha);
        if (c instanceof Constant k) {
            double[] bias = row(k.tensor(), out, "C").clone();
            for (int j = 0; j < bias.length; j++) {
                bias[j] *= beta;
            }
            y = builder.binaryConstant(OpType.ADD, y, bias);
        } else if (c instanceof Activation ca) {
            if (ca.width() != out) {
                throw fail("C has width %d, the product has width %d", ca.width(), out);
            }
            y = builder.binary(OpType.ADD, y, scale(ca.node(), beta));
        }
        define(n, y, out);
    }

    private void matMul(NodeProto n, int index) {
        inputs(n, 2, 2);
        if (!(value(n.getInput(0)) instanceof Activation a)) {
            throw fail("a constant left operand (W·x) is not supported; the rows must be the left operand");
        }
        if (value(n.getInput(1)) instanceof Activation) {
            throw fail("both operands are computed values; only a constant weight on the right is supported");
        }
        DMatrixRMaj w = weight(n, a, false);
        String product = n.getOutput(0);
        if (uses.getOrDefault(product, 0) == 1) {
            for (int j = index + 1; j < nodes.size(); j++) {
                NodeProto add = nodes.get(j);
                if (!add.getInputList().contains(product)) {
                    continue;
                }
                boolean isAdd = add.getOpType().equals("Add") && add.getDomain().isEmpty()
                        && add.getInputCount() == 2 && add.getOutputCount() >= 1;
                String other = isAdd && add.getInput(0).equals(product) ? add.getInput(1) : add.getInput(0);
                if (isAdd && values.get(other) instanceof Constant k
                        && k.tensor().isFloating() && isRow(k.tensor(), w.numRows)) {
                    double[] b = k.tensor().values();
                    double[] bias = new double[w.numRows];
                    for (int c = 0; c < bias.length; c++) {
                        bias[c] = b[b.length == 1 ? 0 : c];
                    }
                    folded.add(j);
                    values.put(add.getOutput(0), new Activation(builder.linear(a.node(), w, bias), w.numRows));
                    return;
                }
                break;
            }
        }
        define(n, builder.linear(a.node(), w, null), w.numRows);
    }

    /** W (out×in) from the constant second operand B: B itself when {@code transposed}, else Bᵀ. */
    private DMatrixRMaj weight(NodeProto n, Activation a, boolean transposed) {
        OnnxTensor b = floating(n.getInput(1), "B");
        if (b.rank() != 2) {
            throw fail("the weight '%s' must be 2-D, got shape %s", b.name(), b.shape());
        }
        int r = (int) b.dims()[0];
        int c = (int) b.dims()[1];
        DMatrixRMaj w = transposed ? new DMatrixRMaj(r, c) : new DMatrixRMaj(c, r);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double v = b.values()[i * c + j];
                if (transposed) {
                    w.set(i, j, v);
                } else {
                    w.set(j, i, v);
                }
            }
        }
        if (w.numCols != a.width()) {
            throw fail("the weight '%s' of shape %s takes rows of width %d, but its input '%s' has width %d",
                    b.name(), b.shape(), w.numCols, n.getInput(0), a.width());
        }
        return w;
    }

    private void binary(NodeProto n, OpType op) {
        inputs(n, 2, 2);
        OnnxValue x = value(n.getInput(0));
        OnnxValue y = value(n.getInput(1));
        if (x instanceof Activation a && y instanceof Activation b) {
            if (a.width() != b.width()) {
                throw fail("operands '%s' (width %d) and '%s' (width %d) differ in width",
                        n.getInput(0), a.width(), n.getInput(1), b.width());
            }
            define(n, builder.binary(op, a.node(), b.node()), a.width());
        } else if (x instanceof Activation a) {
            define(n, builder.binaryConstant(op, a.node(), row(floating(n.getInput(1), "constant"), a.width(), "constant")), a.width());
        } else if (y instanceof Activation b) {
            double[] c = row(floating(n.getInput(0), "constant"), b.width(), "constant");
            switch (op) {
                case ADD, MUL -> define(n, builder.binaryConstant(op, b.node(), c), b.width());
                case SUB -> {
                    // c - x == c + (-x) exactly in IEEE arithmetic
                    int negated = builder.binaryConstant(OpType.MUL, b.node(), new double[] {-1.0});
                    define(n, builder.binaryConstant(OpType.ADD, negated, c), b.width());
                }
                default -> throw fail("a constant divided by a computed value (c / x) is not supported; x / c and x / y are");
            }
        } else {
            throw fail("both operands are constants; export with constant folding (do_constant_folding=True)");
        }
    }

    private void unary(NodeProto n, OpType op) {
        Activation x = activation(n, 1);
        define(n, builder.unary(op, x.node()), x.width());
    }

    private void dropout(NodeProto n) {
        inputs(n, 1, 3);
        if (opset >= 12 && n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            if (!(value(n.getInput(2)) instanceof Constant mode)) {
                throw fail("training_mode '%s' must be a constant false", n.getInput(2));
            }
            for (double v : mode.tensor().values()) {
                if (v != 0) {
                    throw fail("training_mode is true; only inference (training_mode false or absent) is supported");
                }
            }
        }
        values.put(n.getOutput(0), activation(n, 3));
        if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) {
            values.put(n.getOutput(1), new Unusable(String.format("the mask of %s does not exist in inference", where)));
        }
    }

    private void constant(NodeProto n) {
        if (n.getAttributeCount() != 1) {
            throw fail("expected exactly one attribute (value, value_float, value_floats, value_int or value_ints)");
        }
        AttributeProto a = n.getAttribute(0);
        String name = n.getOutput(0);
        OnnxTensor t = switch (a.getName()) {
            case "value" -> {
                OnnxTensor d = OnnxTensor.decode(a.getT());
                yield new OnnxTensor(name, d.dataType(), d.dims(), d.values());
            }
            case "value_float" -> new OnnxTensor(name, DataType.FLOAT_VALUE, new long[0], new double[] {a.getF()});
            case "value_floats" -> new OnnxTensor(name, DataType.FLOAT_VALUE, new long[] {a.getFloatsCount()},
                    a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray());
            case "value_int" -> new OnnxTensor(name, DataType.INT64_VALUE, new long[0], new double[] {a.getI()});
            case "value_ints" -> new OnnxTensor(name, DataType.INT64_VALUE, new long[] {a.getIntsCount()},
                    a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray());
            default -> throw fail("attribute '%s' is not supported; value, value_float(s) and value_int(s) are", a.getName());
        };
        values.put(name, new Constant(t));
    }

    // ---- helpers ----

    private int scale(int node, double factor) {
        return factor == 1.0 ? node : builder.binaryConstant(OpType.MUL, node, new double[] {factor});
    }

    /** True when {@code t} broadcasts along rows of {@code width}: [], [1], [width], [1, width] or [1, 1]. */
    private static boolean isRow(OnnxTensor t, int width) {
        if (t.rank() > 2 || (t.rank() == 2 && t.dims()[0] != 1)) {
            return false;
        }
        long last = t.rank() == 0 ? 1 : t.dims()[t.rank() - 1];
        return last == 1 || last == width;
    }

    private double[] row(OnnxTensor t, int width, String role) {
        if (!isRow(t, width)) {
            throw fail("%s '%s' of shape %s does not broadcast along rows of width %d; expected [], [1], [%d] or [1, %d]",
                    role, t.name(), t.shape(), width, width, width);
        }
        return t.values();
    }

    private OnnxValue value(String name) {
        OnnxValue v = values.get(name);
        if (v == null) {
            throw fail("input '%s' is not a graph input, an initializer or an output of an earlier node", name);
        }
        if (v instanceof Unusable u) {
            throw fail("input '%s' cannot be used: %s", name, u.reason());
        }
        return v;
    }

    private OnnxTensor floating(String name, String role) {
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
    private Activation activation(NodeProto n, int max) {
        inputs(n, 1, max);
        if (!(value(n.getInput(0)) instanceof Activation a)) {
            throw fail("input '%s' is a constant; this operator needs values computed from the graph input", n.getInput(0));
        }
        return a;
    }

    private void inputs(NodeProto n, int min, int max) {
        int count = n.getInputCount();
        if (count < min || count > max || n.getInput(0).isEmpty()) {
            throw fail("expected %s inputs, got %d", min == max ? String.valueOf(min) : String.format("%d to %d", min, max), count);
        }
    }

    private void define(NodeProto n, int node, int width) {
        values.put(n.getOutput(0), new Activation(node, width));
    }

    private ModelFormatException fail(String format, Object... args) {
        return new ModelFormatException(String.format("%s: %s", where, String.format(format, args)));
    }
}
