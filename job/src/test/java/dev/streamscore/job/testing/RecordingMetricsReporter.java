package dev.streamscore.job.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsContext;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * A Kafka metrics reporter that only remembers which kinds of client were configured with it
 * ({@code kafka.producer}, {@code kafka.consumer}, {@code kafka.admin.client}): passed as
 * {@code --kafka.metric.reporters}, it shows which clients received the {@code --kafka.*} properties.
 */
public final class RecordingMetricsReporter implements MetricsReporter {
    public static final Set<String> NAMESPACES = ConcurrentHashMap.newKeySet();

    @Override
    public void contextChange(MetricsContext context) {
        NAMESPACES.add(context.contextLabels().get(MetricsContext.NAMESPACE));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        // only the client kind is recorded
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        // only the client kind is recorded
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        // only the client kind is recorded
    }

    @Override
    public void close() {
        // nothing held
    }
}
