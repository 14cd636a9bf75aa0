package dev.streamscore.job.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * One demo run: the {@link DemoCluster} (broker, topics, job), the {@link OutputConsumer} and the
 * {@link DemoReplayer}, the progress line until every record has come back (or none has for
 * {@link #STALL} after the last was sent), a short wait for late duplicates and for the job's
 * evaluation of what it scored ({@link #awaitEvaluation}), then the summary. On
 * SIGINT or SIGTERM a shutdown hook stops the job and the broker.
 */
public final class DemoRun {
    /** How long the run waits for the rest once no output has come back for that long. */
    static final Duration STALL = Duration.ofSeconds(30);
    /** Reading on after the last record came back, to see duplicates a later commit would bring. */
    static final Duration SETTLE = Duration.ofMillis(3 * DemoCluster.CHECKPOINT_INTERVAL_MS);
    /**
     * After every record came back, when the job's latest evaluation records are surely visible: a
     * subtask writes them within an evaluation interval of scoring its last record, and they are
     * committed with the checkpoint after that (allowing two checkpoint intervals).
     */
    static final Duration EVAL_SETTLE = Duration.ofMillis(DemoCluster.EVAL_INTERVAL_MS + 4 * DemoCluster.CHECKPOINT_INTERVAL_MS);
    /** After every record came back, how long the run waits for a first evaluation record at most. */
    static final Duration EVAL_TIMEOUT = Duration.ofSeconds(15);
    private static final long TICK_NANOS = 1_000_000_000L;

    private final int records;
    private final int rate;
    private final PrintStream out;
    private final boolean terminal;

    /** @param rate records per second, 0 for as fast as possible */
    public DemoRun(int records, int rate, PrintStream out, boolean terminal) {
        this.records = records;
        this.rate = rate;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs the demo, prints progress and the summary, and returns the figures. */
    public DemoReport run() throws Exception {
        long start = System.nanoTime();
        DemoDataSet data = DemoDataSet.load();
        out.printf(Locale.ROOT, "streamscore demo: %d digits records at %s, 1 in %d malformed%n",
                records, rate == 0 ? "full speed" : String.format(Locale.ROOT, "%d/s", rate), DemoRecords.MALFORMED_EVERY);
        out.printf("  model  %s (the bundled %s), records labelled%n", data.model().id(), DemoDataSet.MODEL_RESOURCE.substring(1));
        out.flush();
        ScoreTracker tracker = new ScoreTracker(records, ScoreTracker.DEFAULT_WINDOW);
        JobEvaluations evaluations = new JobEvaluations();
        ProgressPrinter printer = new ProgressPrinter(out, terminal, records, start);
        DemoReplayer replayer;
        try (DemoCluster cluster = DemoCluster.start(data.model(), out)) {
            Thread hook = new Thread(() -> {
                printer.finish();
                out.printf("streamscore demo: interrupted, stopping the job and the broker%n");
                out.flush();
                cluster.close();
            }, "streamscore-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("  progress: dlq = dead letters; acc, loss (mean) and p99 latency (send to%n");
            out.printf("  read_committed read-back) over the latest %d outputs%n", ScoreTracker.DEFAULT_WINDOW);
            try (OutputConsumer reader = new OutputConsumer(cluster.bootstrapServers(), DemoCluster.SCORES,
                         DemoCluster.DEAD_LETTERS, DemoCluster.EVALUATIONS, tracker, evaluations);
                 DemoReplayer sender = new DemoReplayer(cluster.bootstrapServers(), DemoCluster.EVENTS,
                         new DemoRecords(data.rows()), records, rate, tracker)) {
                replayer = sender;
                reader.start();
                sender.start();
                long allBack = watch(cluster, sender, reader, tracker, printer, start);
                awaitEvaluation(evaluations, data.model().id(), tracker, allBack);
            } finally {
                removeHook(hook);
            }
        }
        DemoReport report = tracker.report();
        DemoSummary.print(out, report, data.model().id(), (System.nanoTime() - start) / 1e9, replayer.replaySeconds(),
                evaluations.combined());
        return report;
    }

    /**
     * Prints progress until every record came back or the outputs stall, and reads on for
     * {@link #SETTLE}; fails when a part of the demo fails.
     *
     * @return when the progress ended (nanos)
     */
    private long watch(DemoCluster cluster, DemoReplayer replayer, OutputConsumer reader, ScoreTracker tracker,
                       ProgressPrinter printer, long start) throws Exception {
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
                printer.sample(now, returned);
                if (returned != lastReturned) {
                    lastReturned = returned;
                    lastChange = now;
                } else if (replayer.finished() && now - lastChange > STALL.toNanos()) {
                    break;
                }
                if (now >= nextTick) {
                    nextTick += TICK_NANOS;
                    cluster.checkJob();
                    printer.update(tracker.progress(), (now - start) / 1e9, now);
                }
            }
            long now = System.nanoTime();
            printer.update(tracker.progress(), (now - start) / 1e9, now);
        } finally {
            printer.finish();
        }
        long allBack = System.nanoTime();
        Thread.sleep(SETTLE.toMillis());
        return allBack;
    }

    /**
     * Waits until the job's evaluation of {@code modelId} (primary) covers what came back: exactly,
     * when its subtasks' counts add up to the labelled scores read back (no window full yet);
     * otherwise (a full window covers only the latest records) until {@link #EVAL_SETTLE} after
     * {@code allBackNanos}. Gives up {@link #EVAL_TIMEOUT} after it when no record came at all.
     */
    private static void awaitEvaluation(JobEvaluations evaluations, String modelId, ScoreTracker tracker,
                                        long allBackNanos) throws InterruptedException {
        long labelled = tracker.report().labelled();
        while (true) {
            long now = System.nanoTime();
            JobEvaluations.Combined c = evaluations.combined(modelId, "primary");
            if (c != null && (c.count() >= labelled || now - allBackNanos >= EVAL_SETTLE.toNanos())) {
                return;
            }
            if (now - allBackNanos >= EVAL_TIMEOUT.toNanos()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static void fail(String what, Exception e) {
        if (e != null) {
            throw new IllegalStateException(String.format("%s failed: %s", what, e.getMessage()), e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
    }
}
