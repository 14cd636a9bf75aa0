/**
 * Scoring with a compiled model: {@link dev.streamscore.score.Scorer} (probabilities, predicted
 * class, loss), {@link dev.streamscore.score.CrossEntropy} (from logits by log-sum-exp) and the
 * value types {@link dev.streamscore.score.Label} and {@link dev.streamscore.score.Score}.
 */
package dev.streamscore.score;
