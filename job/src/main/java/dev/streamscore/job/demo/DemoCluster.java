package dev.streamscore.job.demo;

import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.pipeline.ScoringJob;
import dev.streamscore.job.serving.LoadedModel;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What the demo runs on: the in-process Kafka broker with the demo's topics, and the scoring job
 * that {@code run} starts ({@link ScoringJob}, exactly-once) in a local Flink environment, reading
 * from the earliest offsets and writing its evaluation records (window {@value #EVAL_WINDOW}, every
 * {@value #EVAL_INTERVAL_MS} ms). Closing cancels the job, waits for it to end, then stops the
 * broker (deleting its temporary data); a shutdown hook may close it.
 */
final class DemoCluster implements AutoCloseable {
    static final String EVENTS = "events";
    static final String SCORES = "scores";
    static final String DEAD_LETTERS = "events.dlq";
    static final String EVALUATIONS = "events.eval";
    static final int EVAL_WINDOW = 500;
    static final long EVAL_INTERVAL_MS = 1_000;
    static final int PARTITIONS = 2;
    static final int PARALLELISM = 2;
    static final long CHECKPOINT_INTERVAL_MS = 500;
    private static final long WAIT_SECONDS = 30;

    private final EmbeddedKafkaBroker broker;
    private JobClient job;
    private boolean closed;

    private DemoCluster(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Starts the broker, creates the topics ({@value #PARTITIONS} partitions each), submits the job; says so on {@code out}. */
    static DemoCluster start(LoadedModel model, PrintStream out) throws Exception {
        long step = System.nanoTime();
        DemoCluster cluster = new DemoCluster(EmbeddedKafkaBroker.start());
        try {
            cluster.broker.createTopics(PARTITIONS, EVENTS, SCORES, DEAD_LETTERS, EVALUATIONS);
            out.printf(Locale.ROOT, "  kafka  in-process KRaft broker on %s (%.1f s)%n", cluster.bootstrapServers(),
                    seconds(step));
            out.printf("         topics %s -> %s, dead letters -> %s%n", EVENTS, SCORES, DEAD_LETTERS);
            out.printf("         the job's evaluation -> %s (window %d, every %d ms)%n",
                    EVALUATIONS, EVAL_WINDOW, EVAL_INTERVAL_MS);
            out.flush();
            step = System.nanoTime();
            JobOptions options = JobOptions.builder().bootstrapServers(cluster.bootstrapServers())
                    .inputTopic(EVENTS).outputTopic(SCORES).deadLetterTopic(DEAD_LETTERS)
                    .groupId("streamscore-demo").startFrom(JobOptions.StartFrom.EARLIEST)
                    .parallelism(PARALLELISM).checkpointIntervalMs(CHECKPOINT_INTERVAL_MS)
                    .delivery(JobOptions.Delivery.EXACTLY_ONCE)
                    .evalTopic(EVALUATIONS).evalWindow(EVAL_WINDOW).evalIntervalMs(EVAL_INTERVAL_MS)
                    .build();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                    ScoringJob.loopbackOnly(ScoringJob.configuration(options)));
            ScoringJob.wire(env, options, model, null, null);
            synchronized (cluster) {
                cluster.job = env.executeAsync("streamscore demo");
            }
            out.printf(Locale.ROOT, "  flink  local, parallelism %d, exactly-once, checkpoints every %d ms (%.1f s)%n",
                    PARALLELISM, CHECKPOINT_INTERVAL_MS, seconds(step));
            out.flush();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** @throws IllegalStateException with the root cause of the job's failure, once the job has stopped */
    void checkJob() throws InterruptedException {
        if (job.getJobExecutionResult().isDone()) { // the future of the local job's result: no call to the cluster
            Throwable cause = new IllegalStateException("it finished");
            try {
                job.getJobExecutionResult().get();
            } catch (ExecutionException e) {
                cause = e;
            }
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(String.format("the Flink job stopped: %s", cause.getMessage()));
        }
    }

    /** Cancels the job, waits for it to end, and stops the broker. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (job != null) {
                if (!job.getJobExecutionResult().isDone()) {
                    job.cancel().get(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                job.getJobExecutionResult().get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // cancelled (its result is an exception), or the local cluster is gone: nothing to wait for
        } finally {
            broker.close();
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
