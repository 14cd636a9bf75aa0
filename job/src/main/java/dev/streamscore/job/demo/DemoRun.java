package dev.streamscore.job.demo;

import dev.streamscore.job.cli.CommandFailedException;
import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import dev.streamscore.job.pipeline.JobOptions;
import dev.streamscore.job.pipeline.KafkaScoringJob;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One demo run: the in-process broker and topics, the scoring job in a local Flink environment
 * (the job {@code run} starts, with exactly-once delivery), the replayer and the reader, the
 * progress line until every record has come back (or none has for {@link #STALL}), a short wait
 * for late duplicates, then the job is cancelled and the broker stopped.
 */
final class DemoRun {
    static final String EVENTS = "events";
    static final String SCORES = "scores";
    static final String DEAD_LETTERS = "events.dlq";
    static final int PARTITIONS = 2;
    static final int PARALLELISM = 2;
    static final long CHECKPOINT_INTERVAL_MS = 500;
    /** How long the run waits for the rest once no output has come back for that long. */
    static final Duration STALL = Duration.ofSeconds(30);
    /** Reading on after the last record came back, to see duplicates a later commit would bring. */
    static final Duration SETTLE = Duration.ofMillis(3 * CHECKPOINT_INTERVAL_MS);
    private static final long TICK_NANOS = 1_000_000_000L;

    private final int records;
    private final int rate;
    private final PrintStream out;
    private final boolean terminal;

    /** @param rate records per second, 0 for as fast as possible */
    DemoRun(int records, int rate, PrintStream out, boolean terminal) {
        this.records = records;
        this.rate = rate;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs the demo, prints progress and the summary, and returns the figures. */
    DemoReport run() throws Exception {
        long start = System.nanoTime();
        DemoDataSet data = DemoDataSet.load();
        out.printf(Locale.ROOT, "streamscore demo: %d labelled digits records at %s, 1 in %d malformed, model %s%n",
                records, rate == 0 ? "full speed" : String.format(Locale.ROOT, "%d/s", rate),
                DemoRecords.MALFORMED_EVERY, data.model().id());
        out.flush();
        ScoreTracker tracker = new ScoreTracker(records, ScoreTracker.DEFAULT_WINDOW);
        DemoReplayer replayer = null;
        long step = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(PARTITIONS, EVENTS, SCORES, DEAD_LETTERS);
            out.printf(Locale.ROOT, "  kafka  in-process KRaft broker on %s, topics %s -> %s, dead letters -> %s (%.1f s)%n",
                    broker.bootstrapServers(), EVENTS, SCORES, DEAD_LETTERS, (System.nanoTime() - step) / 1e9);
            out.flush();
            step = System.nanoTime();
            JobOptions options = JobOptions.builder()
                    .bootstrapServers(broker.bootstrapServers())
                    .inputTopic(EVENTS).outputTopic(SCORES).deadLetterTopic(DEAD_LETTERS)
                    .groupId("streamscore-demo").startFrom(JobOptions.StartFrom.EARLIEST)
                    .parallelism(PARALLELISM).checkpointIntervalMs(CHECKPOINT_INTERVAL_MS)
                    .delivery(JobOptions.Delivery.EXACTLY_ONCE)
                    .build();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                    KafkaScoringJob.configuration(options));
            KafkaScoringJob.wire(env, options, data.model());
            JobClient job = env.executeAsync("streamscore demo");
            out.printf(Locale.ROOT, "  flink  local environment, parallelism %d, exactly-once, a checkpoint every %d ms (%.1f s)%n",
                    PARALLELISM, CHECKPOINT_INTERVAL_MS, (System.nanoTime() - step) / 1e9);
            out.printf("  rolling figures over the latest %d outputs; latency = sent -> read back with read_committed%n",
                    ScoreTracker.DEFAULT_WINDOW);
            out.flush();
            try (OutputConsumer reader = new OutputConsumer(broker.bootstrapServers(), SCORES, DEAD_LETTERS, tracker)) {
                replayer = new DemoReplayer(broker.bootstrapServers(), EVENTS, new DemoRecords(data.rows()), records, rate, tracker);
                reader.start();
                replayer.start();
                watch(job, replayer, reader, tracker, start);
            } finally {
                if (replayer != null) {
                    replayer.close();
                }
                cancel(job);
            }
        }
        DemoReport report = tracker.report();
        DemoSummary.print(out, report, data.model().id(), (System.nanoTime() - start) / 1e9, replayer.replaySeconds());
        return report;
    }

    /** Prints progress until every record came back or the outputs stall; fails when a part of the demo fails. */
    private void watch(JobClient job, DemoReplayer replayer, OutputConsumer reader, ScoreTracker tracker, long start)
            throws Exception {
        ProgressPrinter printer = new ProgressPrinter(out, terminal, records, start);
        long nextTick = System.nanoTime() + TICK_NANOS;
        long lastChange = System.nanoTime();
        int lastReturned = 0;
        try {
            while (!(replayer.finished() && tracker.allReturned())) {
                Thread.sleep(20);
                fail("replaying the records", replayer.failure());
                fail("reading the outputs", reader.failure());
                long now = System.nanoTime();
                int returned = tracker.returned();
                if (returned != lastReturned) {
                    lastReturned = returned;
                    lastChange = now;
                } else if (replayer.finished() && now - lastChange > STALL.toNanos()) {
                    break;
                }
                if (now >= nextTick) {
                    nextTick += TICK_NANOS;
                    checkJob(job);
                    printer.update(tracker.progress(), (now - start) / 1e9, now);
                }
            }
            long now = System.nanoTime();
            printer.update(tracker.progress(), (now - start) / 1e9, now);
        } finally {
            printer.finish();
        }
        Thread.sleep(SETTLE.toMillis());
    }

    private static void fail(String what, Exception e) {
        if (e != null) {
            throw new CommandFailedException(String.format("%s failed: %s", what, e.getMessage()), e);
        }
    }

    private static void checkJob(JobClient job) throws Exception {
        JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState()) {
            String cause = "";
            try {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                cause = String.format(": %s", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
            throw new CommandFailedException(String.format("the Flink job stopped (%s)%s", status, cause));
        }
    }

    /** Cancels the job and waits for it to end, so that the broker is stopped after it. */
    private static void cancel(JobClient job) {
        try {
            if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // cancelled (the result is an exception) or gone: nothing more to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
