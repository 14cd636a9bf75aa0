package dev.streamscore.score;

import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.model.Model;
import dev.streamscore.ops.Softmax;
import dev.streamscore.plan.CompiledGraph;
import dev.streamscore.plan.Compiler;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Scores batches of feature rows with one compiled model: probabilities, predicted class and,
 * for labelled rows, the cross-entropy loss from the logits (log-sum-exp, never clipped).
 * One instance per thread: it owns the compiled plan's buffers.
 *
 * <p>The output kind comes from the final executed op, looking through trailing IDENTITY nodes
 * (e.g. an exported Dropout): SOFTMAX gives {@link OutputKind#PROBABILITIES} (the loss uses the
 * softmax's input), LOG_SOFTMAX gives {@link OutputKind#LOG_PROBABILITIES} (probabilities
 * {@code e^y}, the loss uses its input), anything else {@link OutputKind#LOGITS} (probabilities
 * are the stable softmax of the output, which is also the loss's input).
 */
public final class Scorer {
    private final Model model;
    private final CompiledGraph plan;
    private final String inputName;
    private final int inputWidth;
    private final int classes;
    private final OutputKind kind;
    private final DMatrixRMaj logits;

    private Scorer(Model model, CompiledGraph plan) {
        this.model = model;
        this.plan = plan;
        List<String> inputs = plan.inputNames();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(String.format(
                    "model %s: a scorer needs exactly one input; the graph has %d: %s", model.id(), inputs.size(), inputs));
        }
        this.inputName = inputs.get(0);
        this.inputWidth = plan.inputWidth(inputName);
        this.classes = plan.outputWidth();
        Node last = model.graph().node(plan.outputId());
        while (last.op() == OpType.IDENTITY) {
            last = model.graph().node(last.input());
        }
        this.kind = switch (last.op()) {
            case SOFTMAX -> OutputKind.PROBABILITIES;
            case LOG_SOFTMAX -> OutputKind.LOG_PROBABILITIES;
            default -> OutputKind.LOGITS;
        };
        this.logits = kind == OutputKind.LOGITS ? plan.output() : plan.buffer(last.input());
    }

    /**
     * Compiles a model for batches of up to {@code maxBatch} rows.
     *
     * @throws IllegalArgumentException when the graph does not compile (cycle, shapes, several inputs)
     */
    public static Scorer compile(Model model, int maxBatch) {
        return new Scorer(model, Compiler.compile(model.graph(), maxBatch));
    }

    public Model model() {
        return model;
    }

    /** Width of the single input placeholder. */
    public int inputWidth() {
        return inputWidth;
    }

    /** Number of classes: the output width. */
    public int classes() {
        return classes;
    }

    public OutputKind outputKind() {
        return kind;
    }

    /** The compiled plan (execution order, widths, parameter count), e.g. for inspection. */
    public CompiledGraph plan() {
        return plan;
    }

    /**
     * Scores {@code features.size()} rows, in order, in chunks of at most the compiled batch size.
     * Each row is copied once into the plan's input buffer. A row's result does not depend on the
     * other rows or on the batch size (same bits).
     *
     * @param features rows of exactly {@link #inputWidth()} finite numbers
     * @param labels   null, or one label (or null for unlabelled) per row; index labels in [0, classes)
     * @return one score per row, in order
     * @throws IllegalArgumentException naming the row and both widths when a row has the wrong width,
     *         or naming the row when its label is out of range or of the wrong length; nothing is
     *         scored then
     */
    public Score[] score(List<double[]> features, List<Label> labels) {
        return score(features, labels, null);
    }

    /**
     * As {@link #score(List, List)}, and also copies each row's logits: the values the loss is
     * computed from (the graph's output for {@link OutputKind#LOGITS}, else the input of the final
     * SOFTMAX or LOG_SOFTMAX), so that callers can derive log-probabilities by log-sum-exp with
     * the same numbers as the loss.
     *
     * @param logitsOut null, or modified: row r's logits are written to
     *                  {@code logitsOut[r·classes .. (r+1)·classes)}; length at least rows×classes
     * @throws IllegalArgumentException as {@link #score(List, List)}, or when {@code logitsOut} is too short
     */
    public Score[] score(List<double[]> features, List<Label> labels, double[] logitsOut) {
        validate(features, labels);
        if (logitsOut != null && logitsOut.length < features.size() * classes) {
            throw new IllegalArgumentException(String.format(
                    "logitsOut has room for %d values; %d rows of %d classes need %d",
                    logitsOut.length, features.size(), classes, features.size() * classes));
        }
        final int total = features.size();
        Score[] scores = new Score[total];
        final int maxBatch = plan.maxBatch();
        for (int start = 0; start < total; start += maxBatch) {
            final int rows = Math.min(maxBatch, total - start);
            DMatrixRMaj in = plan.input(inputName, rows);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(features.get(start + r), 0, in.data, r * inputWidth, inputWidth);
            }
            DMatrixRMaj out = plan.forward();
            for (int r = 0; r < rows; r++) {
                Label label = labels == null ? null : labels.get(start + r);
                scores[start + r] = scoreRow(out, r, label);
            }
            if (logitsOut != null) {
                System.arraycopy(logits.data, 0, logitsOut, start * classes, rows * classes);
            }
        }
        return scores;
    }

    private Score scoreRow(DMatrixRMaj out, int r, Label label) {
        final int off = r * classes;
        double[] p = new double[classes];
        switch (kind) {
            case PROBABILITIES -> System.arraycopy(out.data, off, p, 0, classes);
            case LOG_PROBABILITIES -> {
                for (int j = 0; j < classes; j++) {
                    p[j] = Math.exp(out.data[off + j]);
                }
            }
            default -> Softmax.softmaxRow(out.data, off, classes, p, 0);
        }
        int best = 0;
        for (int j = 1; j < classes; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        double loss = label == null ? Double.NaN : CrossEntropy.of(logits.data, off, classes, label);
        return new Score(p, best, loss);
    }

    private void validate(List<double[]> features, List<Label> labels) {
        if (labels != null && labels.size() != features.size()) {
            throw new IllegalArgumentException(String.format(
                    "%d feature rows but %d labels; give one label (or null) per row", features.size(), labels.size()));
        }
        for (int r = 0; r < features.size(); r++) {
            double[] row = features.get(r);
            if (row == null || row.length != inputWidth) {
                throw new IllegalArgumentException(String.format("row %d: input '%s': expected width %d, got %d",
                        r, inputName, inputWidth, row == null ? 0 : row.length));
            }
            Label label = labels == null ? null : labels.get(r);
            if (label == null) {
                continue;
            }
            if (label.isIndex() && (label.index() < 0 || label.index() >= classes)) {
                throw new IllegalArgumentException(String.format(
                        "row %d: label %d is outside [0, %d)", r, label.index(), classes));
            }
            if (!label.isIndex() && label.distribution().length != classes) {
                throw new IllegalArgumentException(String.format(
                        "row %d: label distribution has %d values; expected %d (the classes)",
                        r, label.distribution().length, classes));
            }
        }
    }
}
