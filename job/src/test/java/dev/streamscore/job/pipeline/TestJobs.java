package dev.streamscore.job.pipeline;

import dev.streamscore.job.options.JobOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.TopicPartition;

/**
 * The parts of the scoring job that the MiniCluster tests assemble around {@link ScoringJob#build}
 * themselves, so that they can put a failure-injecting map on the record path.
 */
final class TestJobs {
    private TestJobs() {}

    /** A MiniCluster of one TaskManager with two slots: enough for a job at parallelism 2. */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /**
     * The job's configuration with up to 3 restarts 500 ms apart (an injected failure must be
     * recovered from), restored from the savepoint {@code restoreFrom} unless it is null.
     */
    static Configuration restarting(JobOptions options, String restoreFrom) throws IOException {
        Configuration conf = ScoringJob.configuration(options);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        return conf;
    }

    /** The input topic as the job reads it, stopping at {@code stoppingOffsets} unless null. */
    static DataStream<RawKafkaRecord> input(StreamExecutionEnvironment env, JobOptions options,
                                            Map<TopicPartition, Long> stoppingOffsets) {
        return env.fromSource(KafkaConnectors.source(options, stoppingOffsets), WatermarkStrategy.noWatermarks(), "records")
                .uid(ScoringJob.SOURCE_UID);
    }

    /**
     * Kafka sinks for what {@link ScoringJob#build} returns: scores and dead letters, and the refused
     * updates and evaluations where {@code options} name their topics.
     */
    static void sink(ScoringJob.Streams streams, JobOptions options) {
        streams.scores().sinkTo(KafkaConnectors.sink(options, options.outputTopic())).uid("scores");
        streams.deadLetters().sinkTo(KafkaConnectors.sink(options, options.deadLetterTopic())).uid("dead-letters");
        options.modelDeadLetterTopic().ifPresent(topic -> streams.modelDeadLetters()
                .sinkTo(KafkaConnectors.sink(options, topic)).setParallelism(1).uid("model-dead-letters"));
        options.evalTopic().ifPresent(topic -> streams.evaluations()
                .sinkTo(KafkaConnectors.sink(options, topic)).uid("evaluations"));
    }
}
