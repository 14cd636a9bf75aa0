package dev.streamscore.score;

import dev.streamscore.ops.Softmax;
import org.ejml.data.DMatrixRMaj;

/**
 * Cross-entropy {@code -Σ yᵢ·log pᵢ} with {@code p = softmax(z)}, always from the logits z by
 * log-sum-exp, never from (clipped) probabilities. With m the row maximum and
 * {@code L = log Σ_k e^(z_k - m)}, {@code -log pᵢ = lse(z) - zᵢ = (m - zᵢ) + L}; it is evaluated in
 * that form, so there is no cancellation between two large numbers: logits of ±1e4 give exact,
 * finite losses (2e4 for a confidently wrong prediction, not a cap near 34.5).
 * Nothing passed in is modified.
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    /** {@code lse(z) - z_label} for the row {@code z[off .. off+n)}. */
    public static double ofIndex(double[] z, int off, int n, int label) {
        if (label < 0 || label >= n) {
            throw new IllegalArgumentException(String.format("label %d is outside [0, %d)", label, n));
        }
        final double m = Softmax.max(z, off, n);
        final double logSum = Math.log(Softmax.sumExp(z, off, n, m));
        return (m - z[off + label]) + logSum;
    }

    /** {@code Σ yᵢ·(lse(z) - zᵢ)} for the row {@code z[off .. off+n)} and a distribution y of length n. */
    public static double ofDistribution(double[] z, int off, int n, double[] y) {
        if (y.length != n) {
            throw new IllegalArgumentException(String.format(
                    "label distribution has %d values; expected %d (the classes)", y.length, n));
        }
        final double m = Softmax.max(z, off, n);
        final double logSum = Math.log(Softmax.sumExp(z, off, n, m));
        double loss = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] != 0) {
                loss += y[i] * ((m - z[off + i]) + logSum);
            }
        }
        return loss;
    }

    /** The loss of one row of logits {@code z[off .. off+n)} for either kind of label. */
    public static double of(double[] z, int off, int n, Label label) {
        return label.isIndex() ? ofIndex(z, off, n, label.index()) : ofDistribution(z, off, n, label.distribution());
    }

    /**
     * Per-row losses of a batch of logits.
     *
     * @param logits rows×classes, read only
     * @param labels one non-null label per row
     * @param out    modified: {@code out[r]} is row r's loss; length at least rows
     */
    public static void perRow(DMatrixRMaj logits, Label[] labels, double[] out) {
        if (labels.length != logits.numRows || out.length < logits.numRows) {
            throw new IllegalArgumentException(String.format(
                    "%d rows of logits, %d labels and room for %d losses; need one label and one slot per row",
                    logits.numRows, labels.length, out.length));
        }
        for (int r = 0; r < logits.numRows; r++) {
            out[r] = of(logits.data, r * logits.numCols, logits.numCols, labels[r]);
        }
    }

    /** The batch mean of the per-row losses (rows summed in order, then divided by the rows). */
    public static double mean(DMatrixRMaj logits, Label[] labels) {
        double[] losses = new double[logits.numRows];
        perRow(logits, labels, losses);
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        return sum / logits.numRows;
    }
}
