package dev.streamscore.job.pipeline;

import java.io.Serializable;

/**
 * How the scoring operator batches.
 *
 * @param batchSize      most rows per batch (≥ 1)
 * @param batchTimeoutMs longest a row waits for its batch to fill, in ms of processing time
 *                       (≥ 0; 0 scores every row as it arrives)
 */
public record PipelineOptions(int batchSize, long batchTimeoutMs) implements Serializable {
    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final long DEFAULT_BATCH_TIMEOUT_MS = 20;

    public PipelineOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException(String.format("--batch-size: must be >= 1, got %d", batchSize));
        }
        if (batchTimeoutMs < 0) {
            throw new IllegalArgumentException(String.format("--batch-timeout-ms: must be >= 0, got %d", batchTimeoutMs));
        }
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(DEFAULT_BATCH_SIZE, DEFAULT_BATCH_TIMEOUT_MS);
    }
}
