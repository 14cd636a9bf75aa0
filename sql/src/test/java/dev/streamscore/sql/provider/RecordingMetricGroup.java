package dev.streamscore.sql.provider;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/** A metric group that keeps the counters and histograms registered on it, by name. */
final class RecordingMetricGroup extends UnregisteredMetricsGroup {
    final Map<String, Counter> counters = new HashMap<>();
    final Map<String, Histogram> histograms = new HashMap<>();

    @Override
    public Counter counter(String name) {
        return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        counters.put(name, counter);
        return counter;
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        histograms.put(name, histogram);
        return histogram;
    }

    long count(String counter) {
        return counters.get(counter).getCount();
    }
}
