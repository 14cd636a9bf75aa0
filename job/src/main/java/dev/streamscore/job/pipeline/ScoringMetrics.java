package dev.streamscore.job.pipeline;

import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** The scoring operator's metrics, registered on its operator metric group. */
final class ScoringMetrics {
    /** Samples each histogram keeps (a sliding window over the latest batches or records). */
    static final int WINDOW = 10_000;

    private final Counter scored;
    private final Histogram batchSize;
    private final Histogram batchScoringMicros;
    private final Histogram endToEndLatencyMs;

    ScoringMetrics(MetricGroup group, Supplier<String> modelId) {
        this.scored = group.counter(ScoringOperator.SCORED);
        this.batchSize = group.histogram("batchSize", new DescriptiveStatisticsHistogram(WINDOW));
        this.batchScoringMicros = group.histogram("batchScoringMicros", new DescriptiveStatisticsHistogram(WINDOW));
        this.endToEndLatencyMs = group.histogram("endToEndLatencyMs", new DescriptiveStatisticsHistogram(WINDOW));
        group.gauge("model", (Gauge<String>) modelId::get);
    }

    /** A batch of {@code rows} rows was scored in {@code nanos} ns. */
    void batchScored(int rows, long nanos) {
        scored.inc(rows);
        batchSize.update(rows);
        batchScoringMicros.update(nanos / 1_000);
    }

    /** A score was emitted {@code latencyMs} after its input's Kafka timestamp. */
    void emitted(long latencyMs) {
        endToEndLatencyMs.update(latencyMs);
    }
}
