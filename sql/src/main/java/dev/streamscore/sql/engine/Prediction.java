package dev.streamscore.sql.engine;

/**
 * The engine's result for one feature vector.
 *
 * @param probabilities class probabilities (a fresh array owned by this prediction)
 * @param predicted     arg-max of the probabilities, lowest index on ties
 * @param loss          cross-entropy from the logits by log-sum-exp, or NaN when the row had no label
 * @param logits        the values the loss is computed from (a fresh array): the graph's output, or
 *                      the input of its final Softmax / LogSoftmax
 * @param problem       why the row has no usable result (a non-finite output: an overflow), or null
 */
public record Prediction(double[] probabilities, int predicted, double loss, double[] logits, String problem) {
    public boolean hasLoss() {
        return !Double.isNaN(loss);
    }
}
