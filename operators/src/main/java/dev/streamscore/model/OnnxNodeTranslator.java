package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.streamscore.graph.Graph;
import dev.streamscore.graph.OpType;
import dev.streamscore.model.OnnxValue.Activation;
import dev.streamscore.model.OnnxValue.Constant;
import dev.streamscore.model.OnnxValue.Unusable;
import dev.streamscore.util.Excerpt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final OnnxScope s;
    private final OnnxLinearOps linear;
    private final List<NodeProto> nodes;
    private final int opset;
    private final Set<Integer> folded = new HashSet<>();

    OnnxNodeTranslator(Graph.Builder builder, Map<String, OnnxValue> values, List<NodeProto> nodes,
                       int opset, List<String> graphOutputs) {
        this.s = new OnnxScope(builder, values);
        this.nodes = nodes;
        this.opset = opset;
        Map<String, Integer> uses = new HashMap<>();
        for (NodeProto n : nodes) {
            n.getInputList().forEach(in -> uses.merge(in, 1, Integer::sum));
        }
        graphOutputs.forEach(out -> uses.merge(out, 1, Integer::sum));
        this.linear = new OnnxLinearOps(s, nodes, uses, folded);
    }

    void translateAll() {
        for (int i = 0; i < nodes.size(); i++) {
            if (!folded.contains(i)) {
                translate(nodes.get(i), i);
            }
        }
    }

    static String label(NodeProto n, int index) {
        return n.getName().isEmpty() ? String.format("#%d", index) : String.format("'%s'", Excerpt.text(n.getName()));
    }

    private void translate(NodeProto n, int index) {
        s.where = String.format("node %s (%s)", label(n, index), Excerpt.text(n.getOpType()));
        boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
        if (!defaultDomain || !SUPPORTED.contains(n.getOpType())) {
            String op = Excerpt.text(defaultDomain ? n.getOpType() : String.format("%s::%s", n.getDomain(), n.getOpType()));
            throw new ModelFormatException(String.format("unsupported operator '%s' at node %s; supported: %s",
                    op, label(n, index), String.join(", ", SUPPORTED)));
        }
        if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty()) {
            throw s.fail("has no output");
        }
        switch (n.getOpType()) {
            case "Gemm" -> linear.gemm(n);
            case "MatMul" -> linear.matMul(n, index);
            case "Add" -> binary(n, OpType.ADD);
            case "Sub" -> binary(n, OpType.SUB);
            case "Mul" -> binary(n, OpType.MUL);
            case "Div" -> binary(n, OpType.DIV);
            case "Relu" -> unary(n, OpType.RELU);
            case "Sigmoid" -> unary(n, OpType.SIGMOID);
            case "Tanh" -> unary(n, OpType.TANH);
            case "LeakyRelu" -> {
                Activation x = s.rows(n, 1);
                s.define(n, s.builder.leakyRelu(x.node(), OnnxAttributes.real(n, "alpha", 0.01, s.where)), x.width());
            }
            case "Softmax", "LogSoftmax" -> {
                long axis = OnnxAttributes.integer(n, "axis", opset < 13 ? 1 : -1, s.where);
                if (axis != 1 && axis != -1) {
                    throw s.fail("axis %d is not supported; only the last axis (1 or -1) of [batch, width] rows", axis);
                }
                unary(n, n.getOpType().equals("Softmax") ? OpType.SOFTMAX : OpType.LOG_SOFTMAX);
            }
            case "Flatten" -> {
                long axis = OnnxAttributes.integer(n, "axis", 1, s.where);
                if (axis != 1 && axis != -1) {
                    throw s.fail("axis %d is not supported; on [batch, width] rows only axis 1 (no change) is", axis);
                }
                s.values.put(n.getOutput(0), s.rows(n, 1));
            }
            case "Identity" -> {
                s.inputs(n, 1, 1);
                s.values.put(n.getOutput(0), s.value(n.getInput(0)));
            }
            case "Dropout" -> dropout(n);
            default -> constant(n);
        }
    }

    private void binary(NodeProto n, OpType op) {
        s.inputs(n, 2, 2);
        OnnxValue x = s.value(n.getInput(0));
        OnnxValue y = s.value(n.getInput(1));
        if (x instanceof Activation a && y instanceof Activation b) {
            if (a.width() != b.width()) {
                throw s.fail("operands '%s' (width %d) and '%s' (width %d) differ in width",
                        n.getInput(0), a.width(), n.getInput(1), b.width());
            }
            s.define(n, s.builder.binary(op, a.node(), b.node()), a.width());
        } else if (x instanceof Activation a) {
            s.define(n, s.builder.binaryConstant(op, a.node(), s.row(s.floating(n.getInput(1), "constant"), a.width(), "constant")), a.width());
        } else if (y instanceof Activation b) {
            double[] c = s.row(s.floating(n.getInput(0), "constant"), b.width(), "constant");
            switch (op) {
                case ADD, MUL -> s.define(n, s.builder.binaryConstant(op, b.node(), c), b.width());
                case SUB -> {
                    // c - x == c + (-x) exactly in IEEE arithmetic
                    int negated = s.builder.binaryConstant(OpType.MUL, b.node(), new double[] {-1.0});
                    s.define(n, s.builder.binaryConstant(OpType.ADD, negated, c), b.width());
                }
                default -> throw s.fail("a constant divided by a computed value (c / x) is not supported; x / c and x / y are");
            }
        } else {
            throw s.fail("both operands are constants; export with constant folding (do_constant_folding=True)");
        }
    }

    private void unary(NodeProto n, OpType op) {
        Activation x = s.rows(n, 1);
        s.define(n, s.builder.unary(op, x.node()), x.width());
    }

    private void dropout(NodeProto n) {
        s.inputs(n, 1, 3);
        if (opset >= 12 && n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            if (!(s.value(n.getInput(2)) instanceof Constant mode)) {
                throw s.fail("training_mode '%s' must be a constant false", n.getInput(2));
            }
            for (double v : mode.tensor().values()) {
                if (v != 0) {
                    throw s.fail("training_mode is true; only inference (training_mode false or absent) is supported");
                }
            }
        }
        s.values.put(n.getOutput(0), s.rows(n, 3));
        if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) {
            s.values.put(n.getOutput(1), new Unusable(String.format("the mask of %s does not exist in inference", s.where)));
        }
    }

    private void constant(NodeProto n) {
        if (n.getAttributeCount() != 1) {
            throw s.fail("expected exactly one attribute (value, value_float, value_floats, value_int or value_ints)");
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
            default -> throw s.fail("attribute '%s' is not supported; value, value_float(s) and value_int(s) are", a.getName());
        };
        s.values.put(name, new Constant(t));
    }
}
