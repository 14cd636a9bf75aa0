package dev.streamscore.score;

import dev.streamscore.model.Model;
import java.util.List;

/**
 * Scores batches of feature rows with one compiled model: probabilities, predicted class and,
 * for labelled rows, the cross-entropy loss from the logits (log-sum-exp, never clipped).
 * One instance per thread: it owns the compiled plan's buffers.
 */
public final class Scorer {
    // TODO(engine): compiled plan, output kind, logits node

    private Scorer() {}

    /**
     * Compiles a model for batches of up to {@code maxBatch} rows.
     *
     * @throws IllegalArgumentException when the graph does not compile (cycle, shapes, several inputs)
     */
    public static Scorer compile(Model model, int maxBatch) {
        throw new UnsupportedOperationException("engine not yet built");
    }

    public Model model() {
        throw new UnsupportedOperationException("engine not yet built");
    }

    /** Width of the single input placeholder. */
    public int inputWidth() {
        throw new UnsupportedOperationException("engine not yet built");
    }

    /** Number of classes: the output width. */
    public int classes() {
        throw new UnsupportedOperationException("engine not yet built");
    }

    public OutputKind outputKind() {
        throw new UnsupportedOperationException("engine not yet built");
    }

    /**
     * Scores {@code features.size()} rows, in order, in chunks of at most the compiled batch size.
     * Each row is copied once into the plan's input buffer. A row's result does not depend on the
     * other rows or on the batch size (same bits).
     *
     * @param features rows of exactly {@link #inputWidth()} finite numbers
     * @param labels   null, or one label (or null for unlabelled) per row; index labels in [0, classes)
     * @return one score per row, in order
     * @throws IllegalArgumentException naming the row and both widths when a row has the wrong width
     */
    public Score[] score(List<double[]> features, List<Label> labels) {
        throw new UnsupportedOperationException("engine not yet built");
    }
}
