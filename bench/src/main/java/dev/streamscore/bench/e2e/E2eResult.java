package dev.streamscore.bench.e2e;

import java.util.Locale;

/**
 * The figures of one {@code bench e2e} run, as its result line reports them.
 *
 * @param scoringRps           the scoring job's sustained records/s (median over rounds, exactly-once)
 * @param passthroughRps       the pass-through job's, in the same rounds
 * @param rawCopyRps           the raw topic-to-topic copy's, in the same rounds
 * @param exactlyOnce          latency of the scoring job at half its rate, exactly-once, read_committed
 * @param atLeastOnce          the same at-least-once, read_uncommitted
 * @param rssMb                peak resident set of the bench process (broker, Flink and clients), MiB
 * @param checkpointIntervalMs the jobs' checkpoint interval
 * @param batchTimeoutMs       the scoring jobs' batch timeout
 */
public record E2eResult(double scoringRps, double passthroughRps, double rawCopyRps, Latency exactlyOnce,
                        Latency atLeastOnce, double rssMb, long checkpointIntervalMs, long batchTimeoutMs) {

    /** Percentiles of end-to-end latency, ms. */
    public record Latency(double p50Ms, double p99Ms) {}

    /** Scoring over pass-through. */
    public double ratio() {
        return scoringRps / passthroughRps;
    }

    /** The result line of the performance issue: exactly these fields, in this order. */
    public String json() {
        return String.format(Locale.ROOT,
                "{\"bench\":\"e2e\",\"scoring_rps\":%.0f,\"passthrough_rps\":%.0f,\"raw_copy_rps\":%.0f,\"ratio\":%.3f,"
                        + "\"eo_p50_ms\":%.1f,\"eo_p99_ms\":%.1f,\"alo_p50_ms\":%.1f,\"alo_p99_ms\":%.1f,\"rss_mb\":%.0f,"
                        + "\"checkpoint_interval_ms\":%d,\"batch_timeout_ms\":%d}",
                scoringRps, passthroughRps, rawCopyRps, ratio(), exactlyOnce.p50Ms(), exactlyOnce.p99Ms(),
                atLeastOnce.p50Ms(), atLeastOnce.p99Ms(), rssMb, checkpointIntervalMs, batchTimeoutMs);
    }
}
