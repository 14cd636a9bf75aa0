package dev.streamscore.job.cli;

import dev.streamscore.graph.Node;
import dev.streamscore.model.Model;
import dev.streamscore.util.Excerpt;
import dev.streamscore.score.OutputKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/** The text {@code ./streamscore inspect} prints: a summary, then one table row per executed node. */
final class ModelReport {
    private static final String[] HEADER = {"step", "node", "op", "inputs", "output", "parameters", "details"};

    private ModelReport() {}

    /**
     * @param model the model
     * @param order the executed nodes in execution order (the output last)
     * @param width the output width of an executed node, by id
     * @param kind  what the output holds
     */
    static String format(Model model, List<Node> order, IntUnaryOperator width, OutputKind kind) {
        Node output = order.get(order.size() - 1);
        int classes = width.applyAsInt(output.id());
        long parameters = 0;
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (int i = 0; i < order.size(); i++) {
            Node n = order.get(i);
            long p = n.parameterCount();
            parameters += p;
            rows.add(new String[] {
                Integer.toString(i + 1), Integer.toString(n.id()), n.op().jsonName(),
                n.inputs().length == 0 ? "-" : Arrays.stream(n.inputs()).mapToObj(Integer::toString).collect(Collectors.joining(",")),
                String.format("[batch, %d]", width.applyAsInt(n.id())),
                String.format(Locale.ROOT, "%,d", p), details(n)});
        }
        StringBuilder s = new StringBuilder();
        line(s, "model", model.id());
        for (Node n : order) {
            if (n instanceof Node.Input in) {
                line(s, "input", String.format("%s [batch, %d]", in.name(), in.width()));
            }
        }
        if (!model.featureFields().isEmpty()) {
            line(s, "features", String.format("from the fields %s (%d named by the model)",
                    Excerpt.join(model.featureFields(), ", ", 12), model.featureFields().size()));
        }
        line(s, "output", String.format("node %d, %s, %d classes", output.id(), describe(kind), classes));
        line(s, "parameters", String.format(Locale.ROOT, "%,d (weights, biases and constants)", parameters));
        int unused = model.graph().nodes().size() - order.size();
        line(s, "nodes", unused == 0 ? String.format("%d, in execution order:", order.size())
                : String.format("%d executed, in execution order (%d not needed by the output are skipped):", order.size(), unused));
        table(s, rows);
        return s.toString();
    }

    static String describe(OutputKind kind) {
        return switch (kind) {
            case PROBABILITIES -> "probabilities (ends in softmax)";
            case LOG_PROBABILITIES -> "log-probabilities (ends in log_softmax)";
            case LOGITS -> "logits (probabilities by a stable softmax)";
        };
    }

    private static String details(Node n) {
        if (n instanceof Node.Input in) {
            return String.format("name %s", in.name());
        }
        if (n instanceof Node.Linear l) {
            return String.format("y = x*W^T + b, W %dx%d", l.weight().numRows, l.weight().numCols);
        }
        if (n instanceof Node.Unary u) {
            return u.op().attribute() == null ? "" : String.format("%s %s", u.op().attribute(), u.attribute());
        }
        if (n instanceof Node.WithConstant c) {
            return c.constant().length == 1 ? String.format("constant %s", c.constant()[0])
                    : String.format("constant of %d values", c.constant().length);
        }
        return "two inputs";
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(String.format("%-11s %s%n", key, value));
    }

    /** Columns padded to their widest cell; numbers right-aligned. */
    private static void table(StringBuilder s, List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < row.length; c++) {
                boolean right = c == 0 || c == 1 || c == 5;
                String format = c == row.length - 1 ? " %s" : right ? String.format(" %%%ds", widths[c]) : String.format(" %%-%ds", widths[c]);
                line.append(String.format(format, row[c]));
            }
            s.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }
}
