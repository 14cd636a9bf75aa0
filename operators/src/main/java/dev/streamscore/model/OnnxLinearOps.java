package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.streamscore.graph.OpType;
import dev.streamscore.model.OnnxValue.Activation;
import dev.streamscore.model.OnnxValue.Constant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * Gemm and MatMul: the ONNX forms of a dense layer, turned into LINEAR nodes
 * ({@code y = x·Wᵀ + b}, W out×in). A MatMul whose only consumer is an Add of a constant row
 * becomes one LINEAR node with that bias, and the Add is marked as done in {@code folded}.
 */
final class OnnxLinearOps {
    private final OnnxScope s;
    private final List<NodeProto> nodes;
    private final Map<String, Integer> uses;
    private final Set<Integer> folded;

    OnnxLinearOps(OnnxScope scope, List<NodeProto> nodes, Map<String, Integer> uses, Set<Integer> folded) {
        this.s = scope;
        this.nodes = nodes;
        this.uses = uses;
        this.folded = folded;
    }

    void gemm(NodeProto n) {
        s.inputs(n, 2, 3);
        if (OnnxAttributes.integer(n, "transA", 0, s.where) != 0) {
            throw s.fail("transA=1 is not supported: the first operand must be the [batch, width] rows");
        }
        boolean transB = OnnxAttributes.integer(n, "transB", 0, s.where) != 0;
        double alpha = OnnxAttributes.real(n, "alpha", 1.0, s.where);
        double beta = OnnxAttributes.real(n, "beta", 1.0, s.where);
        if (!(s.value(n.getInput(0)) instanceof Activation a)) {
            throw s.fail("the first operand '%s' must be computed from the graph input, not a constant", n.getInput(0));
        }
        DMatrixRMaj w = weight(n, a, transB);
        int out = w.numRows;
        OnnxValue c = n.getInputCount() > 2 && !n.getInput(2).isEmpty() && beta != 0 ? s.value(n.getInput(2)) : null;
        if (c instanceof Constant k && alpha == 1.0) {
            double[] bias = s.row(k.tensor(), out, "C");
            double[] full = new double[out];
            for (int j = 0; j < out; j++) {
                full[j] = beta * bias[bias.length == 1 ? 0 : j];
            }
            s.define(n, s.builder.linear(a.node(), w, full), out);
            return;
        }
        int y = s.scale(s.builder.linear(a.node(), w, null), alpha);
        if (c instanceof Constant k) {
            double[] bias = s.row(k.tensor(), out, "C").clone();
            for (int j = 0; j < bias.length; j++) {
                bias[j] *= beta;
            }
            y = s.builder.binaryConstant(OpType.ADD, y, bias);
        } else if (c instanceof Activation ca) {
            if (ca.width() != out) {
                throw s.fail("C has width %d, the product has width %d", ca.width(), out);
            }
            y = s.builder.binary(OpType.ADD, y, s.scale(ca.node(), beta));
        }
        s.define(n, y, out);
    }

    void matMul(NodeProto n, int index) {
        s.inputs(n, 2, 2);
        if (!(s.value(n.getInput(0)) instanceof Activation a)) {
            throw s.fail("a constant left operand (W·x) is not supported; the rows must be the left operand");
        }
        if (s.value(n.getInput(1)) instanceof Activation) {
            throw s.fail("both operands are computed values; only a constant weight on the right is supported");
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
                if (isAdd && s.values.get(other) instanceof Constant k
                        && k.tensor().isFloating() && OnnxScope.isRow(k.tensor(), w.numRows)) {
                    double[] b = k.tensor().values();
                    double[] bias = new double[w.numRows];
                    for (int c = 0; c < bias.length; c++) {
                        bias[c] = b[b.length == 1 ? 0 : c];
                    }
                    folded.add(j);
                    s.values.put(add.getOutput(0), new Activation(s.builder.linear(a.node(), w, bias), w.numRows));
                    return;
                }
                break;
            }
        }
        s.define(n, s.builder.linear(a.node(), w, null), w.numRows);
    }

    /** W (out×in) from the constant second operand B: B itself when {@code transposed}, else Bᵀ. */
    private DMatrixRMaj weight(NodeProto n, Activation a, boolean transposed) {
        OnnxTensor b = s.floating(n.getInput(1), "B");
        if (b.rank() != 2) {
            throw s.fail("the weight '%s' must be 2-D, got shape %s", b.name(), b.shape());
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
            throw s.fail("the weight '%s' of shape %s takes rows of width %d, but its input '%s' has width %d",
                    b.name(), b.shape(), w.numCols, n.getInput(0), a.width());
        }
        return w;
    }
}
