package dev.streamscore.score;

import java.util.Arrays;

/**
 * The results of one batch, written by {@link Classifier#classify} into buffers allocated once for
 * the classifier's largest batch and overwritten by the next batch: per row, the class
 * probabilities, the predicted class (arg-max, lowest index on ties) and the cross-entropy loss
 * (NaN for an unlabelled row). Not thread-safe.
 */
public final class Scores {
    private final int classes;
    final double[] probabilities;
    final int[] predicted;
    final double[] loss;
    int rows;

    /** Buffers for up to {@code maxBatch} rows of {@code classes} classes. */
    public Scores(int maxBatch, int classes) {
        if (maxBatch < 1 || classes < 1) {
            throw new IllegalArgumentException(String.format(
                    "maxBatch and classes must be >= 1, got %d and %d", maxBatch, classes));
        }
        this.classes = classes;
        this.probabilities = new double[maxBatch * classes];
        this.predicted = new int[maxBatch];
        this.loss = new double[maxBatch];
    }

    /** The rows of the latest batch. */
    public int rows() {
        return rows;
    }

    public int classes() {
        return classes;
    }

    /** Row {@code row}'s probability of class {@code j}. */
    public double probability(int row, int j) {
        return probabilities[row * classes + j];
    }

    /** Row {@code row}'s predicted class: the arg-max of its probabilities, lowest index on ties. */
    public int predicted(int row) {
        return predicted[row];
    }

    /** Row {@code row}'s cross-entropy loss, or NaN when it had no label. */
    public double loss(int row) {
        return loss[row];
    }

    public boolean hasLoss(int row) {
        return !Double.isNaN(loss[row]);
    }

    /** Row {@code row} as a {@link Score} of its own (a copy; allocates). */
    public Score score(int row) {
        int off = row * classes;
        return new Score(Arrays.copyOfRange(probabilities, off, off + classes), predicted[row], loss[row]);
    }
}
