package dev.streamscore.job.serving;

import dev.streamscore.score.Label;
import dev.streamscore.score.Scores;

/**
 * Rolling figures of one model over its latest {@code window} labelled records: count, mean loss
 * (cross-entropy, as written on the outputs) and accuracy (the predicted class is the label's
 * class: the index, or the arg-max of a distribution, lowest index on ties). Unlabelled records
 * are not counted. Plain Java, one instance per thread.
 *
 * <p>A ring buffer keeps the window; the loss sum is updated incrementally and recomputed from
 * the buffer once per {@code window} records, so rounding errors do not accumulate.
 */
public final class RollingEvaluation {
    private final double[] losses;
    private final boolean[] correct;
    private int next;
    private int count;
    private double lossSum;
    private int correctCount;
    private long total;

    /** @param window how many of the latest labelled records the figures cover (≥ 1) */
    public RollingEvaluation(int window) {
        if (window < 1) {
            throw new IllegalArgumentException(String.format("window must be >= 1, got %d", window));
        }
        this.losses = new double[window];
        this.correct = new boolean[window];
    }

    /** Adds row {@code row} of a scored batch; does nothing when {@code label} is null (unlabelled). */
    public void add(Label label, Scores scores, int row) {
        if (label != null) {
            add(scores.loss(row), scores.predicted(row) == labelClass(label));
        }
    }

    /** Adds one labelled record's loss and whether its prediction was right. */
    public void add(double loss, boolean right) {
        if (count == losses.length) {
            lossSum -= losses[next];
            correctCount -= correct[next] ? 1 : 0;
        } else {
            count++;
        }
        losses[next] = loss;
        correct[next] = right;
        lossSum += loss;
        correctCount += right ? 1 : 0;
        total++;
        next++;
        if (next == losses.length) {
            next = 0;
            recomputeSum();
        }
    }

    /** Labelled records in the window (at most the window size). */
    public int count() {
        return count;
    }

    /** Labelled records seen since this evaluation started (never decreases). */
    public long total() {
        return total;
    }

    public int window() {
        return losses.length;
    }

    /** Mean loss over the window; NaN when it is empty. */
    public double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /** Share of the window predicted right, in [0, 1]; NaN when it is empty. */
    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correctCount / count;
    }

    /** The class a label names: its index, or the arg-max of its distribution (lowest index on ties). */
    static int labelClass(Label label) {
        if (label.isIndex()) {
            return label.index();
        }
        double[] d = label.distribution();
        int best = 0;
        for (int j = 1; j < d.length; j++) {
            if (d[j] > d[best]) {
                best = j;
            }
        }
        return best;
    }

    private void recomputeSum() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += losses[i];
        }
        lossSum = sum;
    }
}
