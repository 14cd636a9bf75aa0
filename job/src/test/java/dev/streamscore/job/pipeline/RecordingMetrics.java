package dev.streamscore.job.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * An operator metric group that keeps what is registered on it and on its key-value subgroups,
 * by dotted path: {@code recordsScored}, {@code model.tiny@a.role.primary.accuracy}.
 */
final class RecordingMetrics extends InterceptingOperatorMetricGroup {
    private final Map<String, Metric> nested = new ConcurrentHashMap<>();

    /** A mock task environment of subtask {@code subtask} of {@code parallelism} whose operator group is this. */
    MockEnvironment environment(int parallelism, int subtask) {
        return new MockEnvironmentBuilder().setParallelism(parallelism).setSubtaskIndex(subtask).setMaxParallelism(128)
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> info) {
                        return RecordingMetrics.this;
                    }
                }).build();
    }

    /** The metric at {@code path}, or null. */
    Metric metric(String path) {
        Metric m = get(path);
        return m != null ? m : nested.get(path);
    }

    long count(String path) {
        return ((Counter) metric(path)).getCount();
    }

    /** Asserts the record counters reconcile: {@code in} records in, each scored or dead-lettered. */
    void assertRecordsReconcile(long in) {
        long scored = count(ScoringOperator.SCORED);
        long dead = count(ScoringOperator.DEAD_LETTERS_COUNT);
        org.junit.jupiter.api.Assertions.assertEquals(in, count(ScoringOperator.RECORDS_IN), "recordsIn");
        org.junit.jupiter.api.Assertions.assertEquals(in, scored + dead,
                () -> String.format("recordsIn %d = recordsScored %d + deadLetters %d", in, scored, dead));
    }

    Object gaugeValue(String path) {
        Gauge<?> g = (Gauge<?>) metric(path);
        if (g == null) {
            throw new AssertionError(String.format("no gauge %s; nested metrics: %s", path, nested.keySet()));
        }
        return g.getValue();
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return new Child(String.format("%s.%s", key, value));
    }

    private final class Child extends UnregisteredMetricsGroup {
        private final String path;

        Child(String path) {
            this.path = path;
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new Child(String.format("%s.%s.%s", path, key, value));
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            nested.put(String.format("%s.%s", path, name), gauge);
            return gauge;
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            nested.put(String.format("%s.%s", path, name), counter);
            return counter;
        }

        @Override
        public <H extends Histogram> H histogram(String name, H histogram) {
            nested.put(String.format("%s.%s", path, name), histogram);
            return histogram;
        }
    }
}
