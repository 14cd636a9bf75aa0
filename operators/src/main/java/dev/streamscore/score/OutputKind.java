package dev.streamscore.score;

/** What a graph's output row holds, detected from its final op. */
public enum OutputKind {
    /** The graph ends in SOFTMAX: rows are probabilities; the loss uses the softmax's input logits. */
    PROBABILITIES,
    /** The graph ends in LOG_SOFTMAX: probabilities are the exponent; the loss uses the input logits. */
    LOG_PROBABILITIES,
    /** Any other final op: rows are logits; probabilities are their stable softmax. */
    LOGITS
}
