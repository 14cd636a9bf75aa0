package dev.streamscore.bench.e2e;

import dev.streamscore.bench.machine.Machine;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.pipeline.BoundedInput;
import dev.streamscore.job.pipeline.KafkaPreflight;
import dev.streamscore.job.pipeline.ScoringJob;
import dev.streamscore.job.pipeline.ScoringOperator;
import dev.streamscore.job.serving.LoadedModel;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;

/**
 * One bounded job over the whole input topic, on the bench's {@link BenchCluster} (the job that
 * {@code ./streamscore run --bounded} runs), writing to fresh output and dead-letter topics that
 * stamp append times; its rate is read from those times and the topics are deleted afterwards.
 */
final class ThroughputRun {
    /** What runs: the scoring job on a model, or the raw copy. */
    record Job(String name, LoadedModel model) {
        static Job rawCopy() {
            return new Job("raw copy", null);
        }
    }

    /**
     * A run's figures.
     *
     * @param recordsPerSecond records between the first and the last output's append time, per second
     * @param records          output records read back (committed)
     * @param spanMs           last minus first append time
     * @param wallMs           from submitting the job to its end (deployment, run, final commit, stop)
     * @param cpuMicrosPerRecord CPU time of the whole process (broker included) between the first and
     *                         the last output, per record, in µs ({@link CpuClock})
     * @param load             the one-minute load average when the run started
     */
    record Result(Job job, JobOptions.Delivery delivery, double recordsPerSecond, long records, long spanMs,
                  long wallMs, double cpuMicrosPerRecord, String load) {}

    private final BenchTopics topics;
    private final String inputTopic;
    private final long inputRecords;
    private final E2eSettings settings;
    private final CpuClock cpu;
    private final BenchCluster cluster;
    private int runs;

    ThroughputRun(BenchCluster cluster, BenchTopics topics, String inputTopic, long inputRecords, E2eSettings settings,
                  CpuClock cpu) {
        this.cluster = cluster;
        this.topics = topics;
        this.cpu = cpu;
        this.inputTopic = inputTopic;
        this.inputRecords = inputRecords;
        this.settings = settings;
    }

    /**
     * Runs {@code job} over the input with {@code delivery} and checks that as many records came out
     * as went in (scored, or copied). Only counts: a lost record and a duplicate would cancel out,
     * so this guards the measurement, not the delivery guarantee, which the job's ITCases check
     * record by record.
     *
     * @throws IllegalStateException when the output does not have one record per input record
     */
    Result run(Job job, JobOptions.Delivery delivery) throws Exception {
        return run(job, delivery, null);
    }

    /** {@link #run(Job, JobOptions.Delivery)} with the job's execution recorded by {@code profile} (when not null). */
    Result run(Job job, JobOptions.Delivery delivery, JobProfile profile) throws Exception {
        String load = Machine.loadAverage();
        int id = ++runs;
        String output = String.format("tp-out-%d", id);
        String deadLetters = String.format("tp-dlq-%d", id);
        topics.create(settings.partitions(), true, output, deadLetters);
        JobOptions options = settings.jobOptions(topics.bootstrap(), inputTopic, output, deadLetters,
                String.format("tp-group-%d", id), delivery).bounded(true).build();
        KafkaPreflight.check(options);
        Map<TopicPartition, Long> stop = BoundedInput.latestOffsets(options);
        StreamExecutionEnvironment env = BenchCluster.environment(ScoringJob.configuration(options));
        if (job.model() == null) {
            RawCopyJob.wire(env, options, stop);
        } else {
            ScoringJob.wire(env, options, job.model(), null, stop);
        }
        if (profile != null) {
            profile.start();
        }
        long start = System.nanoTime();
        JobExecutionResult result;
        try {
            result = cluster.execute(env);
        } finally {
            if (profile != null) {
                profile.stop();
            }
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        if (job.model() != null) {
            long scored = count(result, ScoringOperator.SCORED);
            long dead = count(result, ScoringOperator.DEAD_LETTERS_COUNT);
            if (scored != inputRecords || dead != 0) {
                throw new IllegalStateException(String.format("%s run %d scored %d and dead-lettered %d of %d records",
                        job.name(), id, scored, dead, inputRecords));
            }
        }
        long[] times = topics.appendTimes(output);
        topics.delete(output, deadLetters);
        if (times.length != inputRecords) {
            throw new IllegalStateException(String.format("%s run %d: %d committed output records for %d input records",
                    job.name(), id, times.length, inputRecords));
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long t : times) {
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        long span = Math.max(1, last - first);
        return new Result(job, delivery, (times.length - 1) * 1000.0 / span, times.length, span, wallMs,
                cpu.cpuNanosBetween(first, last) / 1000.0 / (times.length - 1), load);
    }

    private static long count(JobExecutionResult result, String accumulator) {
        Object value = result.getAccumulatorResult(accumulator);
        return value instanceof Number n ? n.longValue() : -1;
    }
}
