package dev.streamscore.score;

/**
 * The result for one record.
 *
 * @param probabilities class probabilities (a fresh array owned by this score)
 * @param predicted     arg-max of the probabilities, lowest index on ties
 * @param loss          cross-entropy {@code -Σ yᵢ·log pᵢ} computed from the logits, or NaN when unlabelled
 */
public record Score(double[] probabilities, int predicted, double loss) {
    public boolean hasLoss() {
        return !Double.isNaN(loss);
    }
}
