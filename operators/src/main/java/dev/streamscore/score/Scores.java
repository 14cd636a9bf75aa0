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
    final String[] problems;
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
        this.problems = new String[maxBatch];
    }

    /** A batch holding {@code rows}, in order (all of the same number of classes). */
    public static Scores of(Score... rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows: give at least one score");
        }
        Scores s = new Scores(rows.length, rows[0].probabilities().length);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].probabilities().length != s.classes) {
                throw new IllegalArgumentException(String.format(
                        "row %d has %d probabilities; row 0 has %d", r, rows[r].probabilities().length, s.classes));
            }
            System.arraycopy(rows[r].probabilities(), 0, s.probabilities, r * s.classes, s.classes);
            s.predicted[r] = rows[r].predicted();
            s.loss[r] = rows[r].loss();
            s.problems[r] = null;
        }
        s.rows = rows.length;
        return s;
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

    /**
     * Why row {@code row} has no usable result, or null when it has one: a probability or the loss
     * is not finite, e.g. {@code non-finite output at node 3 (overflow?)} naming the first node
     * whose output for that row is NaN or infinite.
     */
    public String problem(int row) {
        return problems[row];
    }

    /** Row {@code row} as a {@link Score} of its own (a copy; allocates). */
    public Score score(int row) {
        int off = row * classes;
        return new Score(Arrays.copyOfRange(probabilities, off, off + classes), predicted[row], loss[row]);
    }
}
