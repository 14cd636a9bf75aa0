package dev.streamscore.sql.provider;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** The metrics of the ML_PREDICT operator, registered on its metric group. */
final class PredictMetrics {
    static final String ROWS_SCORED = "rowsScored";
    static final String INVALID_ROWS = "invalidRows";
    static final String SCORING_MICROS = "scoringMicros";
    /** Samples the histogram keeps: a sliding window over the latest rows. */
    static final int WINDOW = 10_000;

    private final Counter rowsScored;
    private final Counter invalidRows;
    private final Histogram scoringMicros;

    PredictMetrics(MetricGroup group) {
        this.rowsScored = group.counter(ROWS_SCORED);
        this.invalidRows = group.counter(INVALID_ROWS);
        this.scoringMicros = group.histogram(SCORING_MICROS, new DescriptiveStatisticsHistogram(WINDOW));
    }

    /** A row was scored by the engine in {@code nanos} ns. */
    void scored(long nanos) {
        rowsScored.inc();
        scoringMicros.update(nanos / 1_000);
    }

    /** A row could not be scored (its outputs are NULL). */
    void invalid() {
        invalidRows.inc();
    }
}
