/**
 * Classifying with a compiled model: {@link dev.streamscore.score.Classifier} (probabilities,
 * predicted class, loss, into the reusable {@link dev.streamscore.score.Scores} buffers),
 * {@link dev.streamscore.score.CrossEntropy} (from logits by log-sum-exp) and the value types
 * {@link dev.streamscore.score.Label} and {@link dev.streamscore.score.Score}.
 */
package dev.streamscore.score;
