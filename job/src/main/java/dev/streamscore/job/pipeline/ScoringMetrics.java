package dev.streamscore.job.pipeline;

import dev.streamscore.job.serving.Role;
import dev.streamscore.job.serving.RollingEvaluation;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** The scoring operator's metrics (on its operator metric group) and accumulators (on its runtime context). */
final class ScoringMetrics {
    /** Samples each histogram keeps (a sliding window over the latest batches or records). */
    static final int WINDOW = 10_000;
    /** Metric group key (and Prometheus label) of the per-version evaluation gauges; the role is nested under it. */
    static final String MODEL_GROUP = "model";
    static final String ROLE_GROUP = "role";
    /** Gauges: {@code name@version} of the primary and of the shadow model in force ("none" without a shadow). */
    static final String SERVED_MODEL = "servedModel";
    static final String SHADOW_MODEL = "shadowModel";
    static final String UPDATES_APPLIED = "modelUpdatesApplied";
    static final String UPDATES_REFUSED = "modelUpdatesRefused";

    private final MetricGroup group;
    private final Counter recordsIn;
    private final LongCounter recordsInTotal;
    private final Counter deadLetters;
    private final LongCounter deadLetterTotal;
    private final LongCounter scoredTotal;
    private final Counter scored;
    private final Histogram batchSize;
    private final Histogram batchScoringMicros;
    private final Histogram endToEndLatencyMs;
    private final Counter updatesApplied;
    private final Counter updatesRefused;
    private final Set<String> evaluated = new HashSet<>();

    /**
     * Registers the metrics on {@code group} and the accumulators {@value ScoringOperator#RECORDS_IN},
     * {@value ScoringOperator#SCORED} and {@value ScoringOperator#DEAD_LETTERS_COUNT} on
     * {@code context}, starting from the counts of a restored checkpoint, so they are exact across
     * restarts.
     */
    ScoringMetrics(MetricGroup group, RuntimeContext context, long scoredBefore, long deadLettersBefore,
                   Supplier<String> modelId, Supplier<String> shadowId) {
        this.group = group;
        this.recordsIn = group.counter(ScoringOperator.RECORDS_IN);
        this.deadLetters = group.counter(ScoringOperator.DEAD_LETTERS_COUNT);
        this.scored = group.counter(ScoringOperator.SCORED);
        this.scoredTotal = new LongCounter(scoredBefore);
        this.deadLetterTotal = new LongCounter(deadLettersBefore);
        // at a checkpoint every record in has been scored or dead-lettered (the batch is flushed before the barrier)
        this.recordsInTotal = new LongCounter(scoredBefore + deadLettersBefore);
        context.addAccumulator(ScoringOperator.RECORDS_IN, recordsInTotal);
        context.addAccumulator(ScoringOperator.SCORED, scoredTotal);
        context.addAccumulator(ScoringOperator.DEAD_LETTERS_COUNT, deadLetterTotal);
        this.batchSize = group.histogram("batchSize", new DescriptiveStatisticsHistogram(WINDOW));
        this.batchScoringMicros = group.histogram("batchScoringMicros", new DescriptiveStatisticsHistogram(WINDOW));
        this.endToEndLatencyMs = group.histogram("endToEndLatencyMs", new DescriptiveStatisticsHistogram(WINDOW));
        this.updatesApplied = group.counter(UPDATES_APPLIED);
        this.updatesRefused = group.counter(UPDATES_REFUSED);
        group.gauge(SERVED_MODEL, (Gauge<String>) modelId::get);
        group.gauge(SHADOW_MODEL, (Gauge<String>) shadowId::get);
    }

    /** A record arrived. */
    void recordIn() {
        recordsIn.inc();
        recordsInTotal.add(1);
    }

    /** A record became a dead letter. */
    void deadLetter() {
        deadLetters.inc();
        deadLetterTotal.add(1);
    }

    /** A batch of {@code rows} rows, {@code scoredRows} of them with a usable score, was scored in {@code nanos} ns. */
    void batchScored(int rows, int scoredRows, long nanos) {
        scored.inc(scoredRows);
        scoredTotal.add(scoredRows);
        batchSize.update(rows);
        batchScoringMicros.update(nanos / 1_000);
    }

    /** Records scored by this subtask, since the job first started. */
    long scoredTotal() {
        return scoredTotal.getLocalValuePrimitive();
    }

    /** Records dead-lettered by this subtask, since the job first started. */
    long deadLetterTotal() {
        return deadLetterTotal.getLocalValuePrimitive();
    }

    /** A score was emitted {@code latencyMs} after its input's Kafka timestamp. */
    void emitted(long latencyMs) {
        endToEndLatencyMs.update(latencyMs);
    }

    void updateApplied() {
        updatesApplied.inc();
    }

    void updateRefused() {
        updatesRefused.inc();
    }

    /**
     * Registers the gauges {@code model.<modelId>.role.<role>.{accuracy, mean_loss, count}} of one
     * model version's evaluation, once per version and role (they stay after the version is replaced).
     */
    void evaluation(Role role, String modelId, RollingEvaluation evaluation) {
        if (!evaluated.add(role.key(modelId))) {
            return;
        }
        MetricGroup g = group.addGroup(MODEL_GROUP, modelId).addGroup(ROLE_GROUP, role.label());
        g.gauge("accuracy", (Gauge<Double>) evaluation::accuracy);
        g.gauge("mean_loss", (Gauge<Double>) evaluation::meanLoss);
        g.gauge("count", (Gauge<Integer>) evaluation::count);
    }
}
