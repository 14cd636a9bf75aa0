package dev.streamscore.score;

import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.model.Model;
import dev.streamscore.ops.Softmax;
import dev.streamscore.plan.Compiler;
import dev.streamscore.plan.Plan;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A model compiled to classify batches of feature rows: its {@link Plan}, how to read the plan's
 * output ({@link OutputKind}), and where the logits are. For each row it gives the class
 * probabilities, the predicted class and, for labelled rows, the cross-entropy loss from the
 * logits (log-sum-exp, never from clipped probabilities). One instance per thread: it owns the
 * plan's buffers.
 *
 * <p>The output kind comes from the final executed op, looking through trailing IDENTITY nodes
 * (e.g. an exported Dropout): SOFTMAX gives {@link OutputKind#PROBABILITIES} (the loss uses the
 * softmax's input), LOG_SOFTMAX gives {@link OutputKind#LOG_PROBABILITIES} (probabilities
 * {@code e^y}, the loss uses its input), anything else {@link OutputKind#LOGITS} (probabilities
 * are the stable softmax of the output, which is also the loss's input).
 */
public final class Classifier {
    private final Model model;
    private final Plan plan;
    private final String inputName;
    private final int inputWidth;
    private final int classes;
    private final OutputKind kind;
    private final DMatrixRMaj logits;

    private Classifier(Model model, Plan plan) {
        this.model = model;
        this.plan = plan;
        List<String> inputs = plan.inputNames();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(String.format(
                    "model %s: a classifier needs exactly one input; the graph has %d: %s", model.id(), inputs.size(), inputs));
        }
        this.inputName = inputs.get(0);
        this.inputWidth = plan.inputWidth(inputName);
        this.classes = plan.outputWidth();
        Node last = model.graph().node(plan.outputId());
        while (last.op() == OpType.IDENTITY) {
            last = model.graph().node(last.inputs()[0]);
        }
        this.kind = switch (last.op()) {
            case SOFTMAX -> OutputKind.PROBABILITIES;
            case LOG_SOFTMAX -> OutputKind.LOG_PROBABILITIES;
            default -> OutputKind.LOGITS;
        };
        this.logits = kind == OutputKind.LOGITS ? plan.output() : plan.buffer(last.inputs()[0]);
    }

    /**
     * Compiles a model for batches of up to {@code maxBatch} rows.
     *
     * @throws IllegalArgumentException when the graph does not compile (cycle, shapes, several inputs)
     */
    public static Classifier compile(Model model, int maxBatch) {
        return new Classifier(model, Compiler.compile(model.graph(), maxBatch));
    }

    public Model model() {
        return model;
    }

    /** The compiled plan (execution order, widths, parameter count), e.g. for inspection. */
    public Plan plan() {
        return plan;
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

    /** The most rows one {@link #classify} takes. */
    public int maxBatch() {
        return plan.maxBatch();
    }

    /** Result buffers for this classifier's largest batch. */
    public Scores newScores() {
        return new Scores(plan.maxBatch(), classes);
    }

    /**
     * The input buffer reshaped to {@code rows}×{@link #inputWidth()}, for the caller to fill
     * (row-major) before {@link #classify}. The same object for the classifier's lifetime.
     */
    public DMatrixRMaj input(int rows) {
        return plan.input(inputName, rows);
    }

    /**
     * The logits of the latest {@link #classify}, rows×classes: the plan's output, or the input of
     * its final softmax / log-softmax. Overwritten by the next batch.
     */
    public DMatrixRMaj logits() {
        return logits;
    }

    /**
     * Runs the plan on the input as filled through {@link #input(int)} and writes each row's
     * probabilities, predicted class and loss into {@code out}. A row's results do not depend on
     * the other rows or on the batch size (same bits). Allocates nothing.
     *
     * @param labels null, or one entry per row (null for an unlabelled row); index labels in
     *               [0, classes), distributions of {@code classes} values
     * @param out    modified: overwritten with this batch's results
     * @throws IllegalArgumentException naming the row when a label does not fit the classes
     */
    public void classify(Label[] labels, Scores out) {
        DMatrixRMaj y = plan.forward();
        final int rows = y.numRows;
        if (labels != null && labels.length < rows) {
            throw new IllegalArgumentException(String.format(
                    "%d rows but %d labels; give one label (or null) per row", rows, labels.length));
        }
        if (out.classes() != classes || out.predicted.length < rows) {
            throw new IllegalArgumentException(String.format(
                    "result buffers for %d rows of %d classes cannot hold %d rows of %d classes",
                    out.predicted.length, out.classes(), rows, classes));
        }
        for (int r = 0; r < rows; r++) {
            Label label = labels == null ? null : labels[r];
            checkLabel(r, label);
            final int off = r * classes;
            double[] p = out.probabilities;
            switch (kind) {
                case PROBABILITIES -> System.arraycopy(y.data, off, p, off, classes);
                case LOG_PROBABILITIES -> {
                    for (int j = 0; j < classes; j++) {
                        p[off + j] = Math.exp(y.data[off + j]);
                    }
                }
                default -> Softmax.softmaxRow(y.data, off, classes, p, off);
            }
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (p[off + j] > p[off + best]) {
                    best = j;
                }
            }
            out.predicted[r] = best;
            double loss = label == null ? Double.NaN : CrossEntropy.of(logits.data, off, classes, label);
            out.loss[r] = loss;
            boolean finite = label == null || Double.isFinite(loss);
            for (int j = 0; j < classes && finite; j++) {
                finite = Double.isFinite(p[off + j]);
            }
            out.problems[r] = finite ? null : nonFinite(r);
        }
        out.rows = rows;
    }

    /**
     * Why row {@code r} is not finite: the first node, in execution order, whose output for that row
     * holds a NaN or an infinity (an overflow, a non-finite input, a division by zero), else the loss.
     * Only called for such a row, so its cost does not matter.
     */
    private String nonFinite(int r) {
        for (Node n : plan.order()) {
            DMatrixRMaj b = plan.buffer(n.id());
            for (int j = 0; j < b.numCols; j++) {
                if (!Double.isFinite(b.data[r * b.numCols + j])) {
                    return String.format("non-finite output at node %d (overflow?)", n.id());
                }
            }
        }
        return "non-finite loss (overflow?)";
    }

    /**
     * Scores {@code features.size()} rows, in order, in chunks of at most the compiled batch size:
     * a convenience that allocates a {@link Score} per row.
     *
     * @param features rows of exactly {@link #inputWidth()} numbers
     * @param labels   null, or one label (or null for unlabelled) per row
     * @return one score per row, in order
     * @throws IllegalArgumentException naming the row and both widths when a row has the wrong width,
     *         or naming the row when its label does not fit; nothing is scored then
     */
    public Score[] score(List<double[]> features, List<Label> labels) {
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
            checkLabel(r, labels == null ? null : labels.get(r));
        }
        final int total = features.size();
        final int maxBatch = plan.maxBatch();
        Score[] scores = new Score[total];
        Scores batch = newScores();
        Label[] batchLabels = new Label[maxBatch];
        for (int start = 0; start < total; start += maxBatch) {
            final int rows = Math.min(maxBatch, total - start);
            DMatrixRMaj in = input(rows);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(features.get(start + r), 0, in.data, r * inputWidth, inputWidth);
                batchLabels[r] = labels == null ? null : labels.get(start + r);
            }
            classify(batchLabels, batch);
            for (int r = 0; r < rows; r++) {
                scores[start + r] = batch.score(r);
            }
        }
        return scores;
    }

    private void checkLabel(int row, Label label) {
        if (label == null) {
            return;
        }
        if (label.isIndex() && (label.index() < 0 || label.index() >= classes)) {
            throw new IllegalArgumentException(String.format(
                    "row %d: label %d is outside [0, %d)", row, label.index(), classes));
        }
        if (!label.isIndex() && label.distribution().length != classes) {
            throw new IllegalArgumentException(String.format(
                    "row %d: label distribution has %d values; expected %d (the classes)",
                    row, label.distribution().length, classes));
        }
    }
}
