package dev.streamscore.job.demo;

/**
 * Accuracy and mean cross-entropy loss of labelled scores, over the whole run and over the latest
 * {@code window} (a ring). Accuracy = correct predictions / labelled scores; mean loss = Σ loss /
 * labelled scores. Window sums are recomputed when read, so no rounding drift accumulates. Not thread-safe.
 */
final class RollingScores {
    private final boolean[] correct;
    private final double[] loss;
    private long count;
    private long totalCorrect;
    private double totalLoss;

    /** @param window how many of the latest scores the rolling figures cover (≥ 1) */
    RollingScores(int window) {
        if (window < 1) {
            throw new IllegalArgumentException(String.format("window must be >= 1, got %d", window));
        }
        correct = new boolean[window];
        loss = new double[window];
    }

    /** Adds a labelled score: whether the prediction was the label, and its loss. */
    void add(boolean right, double lossValue) {
        int slot = (int) (count % correct.length);
        correct[slot] = right;
        loss[slot] = lossValue;
        count++;
        totalCorrect += right ? 1 : 0;
        totalLoss += lossValue;
    }

    long count() {
        return count;
    }

    /** Over every score added; NaN when there are none. */
    double accuracy() {
        return count == 0 ? Double.NaN : (double) totalCorrect / count;
    }

    /** Over every score added; NaN when there are none. */
    double meanLoss() {
        return count == 0 ? Double.NaN : totalLoss / count;
    }

    /** Over the latest {@code window} scores; NaN when there are none. */
    double recentAccuracy() {
        int n = recentCount();
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += correct[i] ? 1 : 0;
        }
        return n == 0 ? Double.NaN : (double) right / n;
    }

    /** Over the latest {@code window} scores; NaN when there are none. */
    double recentMeanLoss() {
        int n = recentCount();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += loss[i];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private int recentCount() {
        return (int) Math.min(count, correct.length);
    }
}
