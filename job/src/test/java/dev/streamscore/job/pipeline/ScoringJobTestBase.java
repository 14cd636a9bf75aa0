package dev.streamscore.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.kafka.Topics;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.testing.KafkaTestClient;
import dev.streamscore.job.testing.Lines;
import dev.streamscore.job.testing.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scoring job on a Flink MiniCluster against a real Kafka (the subclass says which): 10,000+
 * records in, read back with {@code read_committed}: every valid record scored exactly once with the
 * offline engine's bytes, every bad record in the dead-letter topic; and the same across a failure
 * injected mid-stream after a completed checkpoint.
 */
abstract class ScoringJobTestBase {
    static final int RECORDS = 10_300;
    static final int PARTITIONS = 3;

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    /** The Kafka cluster under test. */
    abstract String bootstrapServers();

    @Test
    void everyRecordScoredExactlyOnceAsOffline() throws Exception {
        Run run = new Run("plain");
        JobExecutionResult result = run.execute(false);
        run.assertOutput(result);
    }

    @Test
    void exactlyOnceAcrossAFailureAfterACheckpoint() throws Exception {
        FailOnceAfterCheckpoint.reset();
        Run run = new Run("failure");
        JobExecutionResult result = run.execute(true);
        assertTrue(FailOnceAfterCheckpoint.FAILED.get(), "the failure was injected");
        run.assertOutput(result);
    }

    /** One job run on fresh topics. */
    private final class Run {
        final JobOptions options;
        final ModelBytes model;
        final TestData.Expected expected;

        Run(String name) throws Exception {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            options = JobOptions.builder()
                    .bootstrapServers(bootstrapServers())
                    .inputTopic(String.format("%s-in-%s", name, suffix))
                    .outputTopic(String.format("%s-out-%s", name, suffix))
                    .checkpointIntervalMs(300)
                    .startFrom(JobOptions.StartFrom.EARLIEST)
                    .bounded(true)
                    .build();
            model = TestData.digitsModel();
            Properties admin = new Properties();
            admin.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            try (Admin a = Admin.create(admin)) {
                Topics.create(a, PARTITIONS, (short) 1,
                        List.of(options.inputTopic(), options.outputTopic(), options.deadLetterTopic()), Duration.ofSeconds(60));
            }
            List<ProducerRecord<byte[], byte[]>> records = TestData.digits(options.inputTopic(), PARTITIONS, RECORDS);
            List<RecordMetadata> written = KafkaTestClient.produce(bootstrapServers(), records);
            expected = TestData.expected(model, records, written);
        }

        JobExecutionResult execute(boolean injectFailure) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    TestJobs.restarting(options, null));
            env.setParallelism(2);
            DataStream<RawKafkaRecord> input = TestJobs.input(env, options, BoundedInput.latestOffsets(options));
            if (injectFailure) {
                input = input.map(new FailOnceAfterCheckpoint()).uid("fail-once");
            }
            TestJobs.sink(ScoringJob.build(input, null, LoadedModel.load(model, 1), null, options), options);
            return env.execute();
        }

        void assertOutput(JobExecutionResult result) {
            Lines.assertSame(expected.scores(), TestData.lines(KafkaTestClient.readCommitted(bootstrapServers(),
                    options.outputTopic(), expected.scores().size(), Duration.ofSeconds(1), Duration.ofSeconds(60))), "scores");
            Lines.assertSame(expected.deadLetters(), TestData.lines(KafkaTestClient.readCommitted(bootstrapServers(),
                    options.deadLetterTopic(), expected.deadLetters().size(), Duration.ofMillis(200), Duration.ofSeconds(30))),
                    "dead letters");
            assertTrue(expected.deadLetters().size() >= 100, "the data has bad records");
            assertEquals(expected.scores().size(), ((Number) result.getAccumulatorResult(ScoringOperator.SCORED)).intValue(),
                    "scored count (checkpointed, so exact across restarts)");
            assertEquals(expected.deadLetters().size(),
                    ((Number) result.getAccumulatorResult(ScoringOperator.DEAD_LETTERS_COUNT)).intValue(), "dead-letter count");
            long in = ((Number) result.getAccumulatorResult(ScoringOperator.RECORDS_IN)).longValue();
            long scored = ((Number) result.getAccumulatorResult(ScoringOperator.SCORED)).longValue();
            long dead = ((Number) result.getAccumulatorResult(ScoringOperator.DEAD_LETTERS_COUNT)).longValue();
            assertEquals(in, scored + dead, () -> String.format("recordsIn %d = recordsScored %d + deadLetters %d", in, scored, dead));
            assertEquals(RECORDS, in, "records in: every record read once (exact across restarts)");
        }
    }

    /**
     * Passes records through; once a checkpoint has completed after at least {@value #BEFORE} records,
     * lets {@value #AFTER} more through (their output sits in open transactions) and then throws, once.
     * Until that checkpoint it slows down after {@value #THROTTLE} records, so the bounded input does
     * not run out first. State is static: the restarted job must see that the failure happened.
     */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<RawKafkaRecord, RawKafkaRecord>
            implements CheckpointListener {
        static final long BEFORE = 1_000;
        static final long THROTTLE = 2_000;
        static final long AFTER = 500;
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
        static final AtomicLong SEEN = new AtomicLong();
        static final AtomicLong SINCE_CHECKPOINT = new AtomicLong();

        static void reset() {
            FAILED.set(false);
            CHECKPOINTED.set(false);
            SEEN.set(0);
            SINCE_CHECKPOINT.set(0);
        }

        @Override
        public RawKafkaRecord map(RawKafkaRecord record) throws Exception {
            long seen = SEEN.incrementAndGet();
            if (!FAILED.get()) {
                if (!CHECKPOINTED.get() && seen >= THROTTLE) {
                    Thread.sleep(2);
                }
                if (CHECKPOINTED.get() && SINCE_CHECKPOINT.incrementAndGet() >= AFTER && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure after a completed checkpoint");
                }
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (SEEN.get() >= BEFORE) {
                CHECKPOINTED.set(true);
            }
        }
    }
}
