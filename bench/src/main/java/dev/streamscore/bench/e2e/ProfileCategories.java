package dev.streamscore.bench.e2e;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;

/**
 * How {@link JobProfile} groups samples: the job's threads by role, and a sample by the innermost
 * frame of its stack that belongs to one of the activities below (so a JSON library called by the
 * parser counts as parsing, a HashMap called by the Kafka producer as Kafka producer work).
 */
final class ProfileCategories {
    /** Activities, in no particular order: a class-name prefix, and what it means. */
    private static final List<String[]> ACTIVITIES = List.of(
            new String[] {"dev.streamscore.job.records.RecordParser", "parsing (RecordParser)"},
            new String[] {"dev.streamscore.job.records.FeatureCollector", "parsing (RecordParser)"},
            new String[] {"dev.streamscore.job.records.RecordWriter", "output JSON (RecordWriter)"},
            new String[] {"dev.streamscore.score.", "scoring (Classifier: forward pass, softmax, loss)"},
            new String[] {"dev.streamscore.plan.", "scoring (Classifier: forward pass, softmax, loss)"},
            new String[] {"dev.streamscore.kernel.", "scoring (Classifier: forward pass, softmax, loss)"},
            new String[] {"org.apache.kafka.clients.producer.", "Kafka producer (send, batching, I/O)"},
            new String[] {"org.apache.kafka.clients.consumer.", "Kafka consumer (fetch, decode)"},
            new String[] {"org.apache.kafka.common.", "Kafka client common (network, records, compression)"},
            new String[] {"org.apache.flink.connector.kafka.sink.", "Flink Kafka sink (writer, transactions)"},
            new String[] {"org.apache.flink.connector.kafka.source.", "Flink Kafka source (reader, deserialiser)"},
            new String[] {"org.apache.flink.connector.base.source.", "Flink source reader (hand-over queue)"},
            new String[] {"org.apache.flink.api.common.typeutils.", "Flink serialisation between tasks"},
            new String[] {"org.apache.flink.api.java.typeutils.", "Flink serialisation between tasks"},
            new String[] {"org.apache.flink.runtime.io.network.", "Flink network stack (buffers, exchange)"},
            new String[] {"org.apache.flink.streaming.runtime.io.", "Flink network stack (buffers, exchange)"},
            new String[] {"org.apache.flink.runtime.checkpoint.", "Flink checkpoints"},
            new String[] {"org.apache.flink.runtime.state.", "Flink checkpoints"},
            new String[] {"org.apache.flink.runtime.metrics.", "Flink metrics (histograms)"},
            new String[] {"dev.streamscore.job.pipeline.ScoringMetrics", "Flink metrics (histograms)"},
            new String[] {"dev.streamscore.job.pipeline.", "streamscore operator (batching, emitting)"},
            new String[] {"dev.streamscore.job.serving.", "streamscore operator (batching, emitting)"},
            new String[] {"org.apache.flink.", "Flink other (mailbox, operators)"});

    /** How the names of threads that are not the job's begin. */
    static final String NOT_THE_JOBS = "not the job's: ";

    private ProfileCategories() {}

    /** The activity of the innermost frame (leaf first) that has one; {@code other (JDK)} when none does. */
    static String of(List<RecordedFrame> stack) {
        for (RecordedFrame frame : stack) {
            String type = frame.getMethod().getType().getName();
            for (String[] activity : ACTIVITIES) {
                if (type.startsWith(activity[0])) {
                    return activity[1];
                }
            }
        }
        return "other (JDK)";
    }

    /**
     * The job's threads by role, or null for a thread that is not the job's (the broker's, the
     * bench's own clients). Flink task threads are named after their tasks, {@code NAME (i/n)#a};
     * their sources' Kafka consumers run in {@code Source Data Fetcher ...}; the sinks' producers in
     * {@code kafka-producer-network-thread | ...}.
     */
    static String threadGroup(String thread) {
        if (thread == null) {
            return null;
        }
        if (thread.startsWith("Source Data Fetcher")) {
            return "source fetcher (Kafka consumer)";
        }
        if (thread.startsWith("kafka-producer-network-thread")) {
            return "Kafka producer I/O";
        }
        if (thread.matches(".*\\(\\d+/\\d+\\)#\\d+")) {
            return String.format("task: %s", thread.replaceAll(" \\(\\d+/\\d+\\)#\\d+", ""));
        }
        return String.format("%s%s", NOT_THE_JOBS, thread.replaceAll("\\d+", "N"));
    }
}
