package dev.streamscore.model;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Test oracle: evaluates a graph on one row with plain loops, straight from the op definitions in
 * {@code OpType}. It checks what the importers build against PyTorch without the engine; the
 * engine's own parity test ({@code OnnxParityTest}) checks the engine.
 */
final class NaiveEvaluator {
    private final Graph graph;
    private final Map<Integer, double[]> values = new HashMap<>();

    private NaiveEvaluator(Graph graph, double[] row) {
        this.graph = graph;
        values.put(graph.inputs().get(0).id(), row);
    }

    /** The value of node {@code id} for input {@code row}. */
    static double[] evaluate(Graph graph, int id, double[] row) {
        return new NaiveEvaluator(graph, row).value(id);
    }

    private double[] value(int id) {
        double[] v = values.get(id);
        if (v == null) {
            v = compute(graph.node(id));
            values.put(id, v);
        }
        return v;
    }

    private double[] compute(Node n) {
        double[] x = value(n.inputs()[0]);
        double[] y = new double[n instanceof Node.Linear l ? l.weight().numRows : x.length];
        switch (n.op()) {
            case LINEAR -> {
                Node.Linear l = (Node.Linear) n;
                for (int j = 0; j < y.length; j++) {
                    double s = 0;
                    for (int k = 0; k < x.length; k++) {
                        s += x[k] * l.weight().get(j, k);
                    }
                    y[j] = s + l.bias()[j];
                }
            }
            case RELU -> map(x, y, v -> Math.max(v, 0));
            case LEAKY_RELU -> map(x, y, v -> v >= 0 ? v : ((Node.Unary) n).attribute() * v);
            case SIGMOID -> map(x, y, v -> 1 / (1 + Math.exp(-v)));
            case TANH -> map(x, y, Math::tanh);
            case IDENTITY -> map(x, y, v -> v);
            case SOFTMAX, LOG_SOFTMAX -> {
                double lse = logSumExp(x);
                boolean log = n.op() == OpType.LOG_SOFTMAX;
                map(x, y, v -> log ? v - lse : Math.exp(v - lse));
            }
            case ADD, SUB, MUL, DIV -> {
                double[] c = n instanceof Node.WithConstant k ? k.constant() : value(n.inputs()[1]);
                for (int j = 0; j < y.length; j++) {
                    double b = c[c.length == 1 ? 0 : j];
                    y[j] = switch (n.op()) {
                        case ADD -> x[j] + b;
                        case SUB -> x[j] - b;
                        case MUL -> x[j] * b;
                        default -> x[j] / b;
                    };
                }
            }
            default -> throw new IllegalStateException(n.toString());
        }
        return y;
    }

    static double logSumExp(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    private static void map(double[] x, double[] y, DoubleUnaryOperator f) {
        for (int j = 0; j < x.length; j++) {
            y[j] = f.applyAsDouble(x[j]);
        }
    }
}
