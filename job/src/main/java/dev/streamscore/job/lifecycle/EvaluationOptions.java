package dev.streamscore.job.lifecycle;

import java.io.Serializable;

/**
 * Online evaluation settings of the scoring operator.
 *
 * @param window     labelled records the rolling figures cover, per model version (≥ 1)
 * @param intervalMs how often each subtask writes its evaluation records (≥ 1 ms)
 * @param emit       whether evaluation records are written at all (an {@code --eval-topic} is set)
 */
public record EvaluationOptions(int window, long intervalMs, boolean emit) implements Serializable {
    public static final int DEFAULT_WINDOW = 1_000;
    public static final long DEFAULT_INTERVAL_MS = 5_000;

    public EvaluationOptions {
        if (window < 1) {
            throw new IllegalArgumentException(String.format("--eval-window: must be >= 1, got %d", window));
        }
        if (intervalMs < 1) {
            throw new IllegalArgumentException(String.format("--eval-interval-ms: must be >= 1, got %d", intervalMs));
        }
    }

    /** The default window and interval, without evaluation records (metrics only). */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(DEFAULT_WINDOW, DEFAULT_INTERVAL_MS, false);
    }
}
