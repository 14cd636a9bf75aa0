package dev.streamscore.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The Flink configuration and the source the job derives from its options. */
class ScoringJobTest {
    @TempDir
    Path tmp;

    private static JobOptionsBuilder options() {
        return JobOptions.builder().bootstrapServers("127.0.0.1:9092").inputTopic("in").outputTopic("out");
    }

    @Test
    void checkpointingAndRestartsWithoutACheckpointDir() throws Exception {
        Configuration conf = ScoringJob.configuration(options().checkpointIntervalMs(250).parallelism(3).build());
        assertEquals(Duration.ofMillis(250), conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
        assertEquals(CheckpointingMode.EXACTLY_ONCE, conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE));
        assertEquals("exponential-delay", conf.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(10, conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS));
        assertEquals(3, conf.get(CoreOptions.DEFAULT_PARALLELISM));
        assertFalse(conf.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isPresent());
        assertFalse(conf.getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isPresent());
    }

    @Test
    void checkpointDirIsRetainedAndTheLatestCompletedCheckpointIsRestored() throws Exception {
        Path dir = tmp.resolve("ckpt");
        Configuration fresh = ScoringJob.configuration(options().checkpointDir(dir).build());
        assertEquals("filesystem", fresh.get(CheckpointingOptions.CHECKPOINT_STORAGE));
        assertEquals(dir.toUri().toString(), fresh.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertEquals(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
                fresh.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
        assertEquals(Optional.empty(), fresh.getOptional(StateRecoveryOptions.SAVEPOINT_PATH));

        Path chk = Files.createDirectories(dir.resolve("0123abcd/chk-4"));
        Files.write(chk.resolve("_metadata"), new byte[] {1});
        Configuration resumed = ScoringJob.configuration(options().checkpointDir(dir).build());
        assertEquals(Optional.of(chk.toUri().toString()), resumed.getOptional(StateRecoveryOptions.SAVEPOINT_PATH));
        assertEquals(RecoveryClaimMode.CLAIM, resumed.get(StateRecoveryOptions.RESTORE_MODE));
    }

    /**
     * Every edge of the job (source to scoring above all) flushes a partly filled network buffer
     * after the batch timeout, at most 5 ms, instead of Flink's 100 ms; chained operators pass
     * records on without copying them.
     */
    @ParameterizedTest
    @CsvSource({"20, 5", "5, 5", "3, 3", "0, 0", "60000, 5"})
    void networkBuffersWaitNoLongerThanTheBatchAndAtMostFiveMilliseconds(long batchTimeoutMs, long expectedMs)
            throws Exception {
        JobOptions options = options().batchTimeoutMs(batchTimeoutMs).modelTopic("models").build();
        Configuration conf = ScoringJob.configuration(options);
        assertEquals(Duration.ofMillis(expectedMs), conf.get(ExecutionOptions.BUFFER_TIMEOUT));
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        assertTrue(env.getConfig().isObjectReuseEnabled());
        ScoringJob.wire(env, options, LoadedModel.load(TestModels.digitsJson(), 1), null, null);
        StreamGraph graph = env.getStreamGraph();
        List<String> nodes = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            nodes.add(node.getOperatorName());
            assertEquals(expectedMs, node.getBufferTimeout(), node.getOperatorName());
        }
        assertTrue(nodes.containsAll(List.of("Source: kafka in", "Source: kafka models", "score")), nodes.toString());
    }

    @Test
    void boundedOnlyWithTheFlag() {
        assertEquals(Boundedness.CONTINUOUS_UNBOUNDED, KafkaConnectors.source(options().build(), null).getBoundedness());
        assertEquals(Boundedness.BOUNDED, KafkaConnectors.source(options().bounded(true).build(), null).getBoundedness());
        assertEquals(Boundedness.BOUNDED, KafkaConnectors.source(options().bounded(true).build(),
                Map.of(new TopicPartition("in", 0), 5L)).getBoundedness());
    }
}
