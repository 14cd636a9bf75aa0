package dev.streamscore.job.demo;

import dev.streamscore.job.serving.Role;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * One demo run: the {@link DemoCluster} (broker, topics, job), then one loop that sends the records
 * due ({@link DemoReplayer}), reads what came back ({@link OutputReader}) and prints the progress
 * line until every record has come back (or none has for {@link #STALL} after the last was sent),
 * a short wait for late duplicates and for the job's evaluation of what it scored
 * ({@link #awaitEvaluation}), then the summary. On SIGINT or SIGTERM a shutdown hook stops the job and the broker.
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
    static final Duration EVAL_SETTLE =
            Duration.ofMillis(DemoCluster.EVAL_INTERVAL_MS + 4 * DemoCluster.CHECKPOINT_INTERVAL_MS);
    /** After every record came back, how long the run waits for a first evaluation record at most. */
    static final Duration EVAL_TIMEOUT = Duration.ofSeconds(15);
    /** The longest the loop waits for outputs before it sends what is due again. */
    private static final Duration POLL = Duration.ofMillis(5);
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
        DemoRecords data = DemoRecords.load();
        out.printf(Locale.ROOT, "streamscore demo: %d digits records at %s, 1 in %d malformed%n",
                records, rate == 0 ? "full speed" : String.format(Locale.ROOT, "%d/s", rate), DemoRecords.MALFORMED_EVERY);
        out.printf("  model  %s (the bundled %s), records labelled%n",
                data.model().id(), DemoRecords.MODEL_RESOURCE.substring(1));
        out.flush();
        ScoreTracker tracker = new ScoreTracker(records, ScoreTracker.DEFAULT_WINDOW);
        JobEvaluations evaluations = new JobEvaluations();
        DemoConsole console = new DemoConsole(out, terminal, records, start);
        double replaySeconds;
        try (DemoCluster cluster = DemoCluster.start(data.model(), out)) {
            Thread hook = new Thread(() -> {
                console.finish();
                out.printf("streamscore demo: interrupted, stopping the job and the broker%n");
                out.flush();
                cluster.close();
            }, "streamscore-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("  progress: dlq = dead letters; acc, loss (mean) and p99 latency (send to%n");
            out.printf("  read_committed read-back) over the latest %d outputs%n", ScoreTracker.DEFAULT_WINDOW);
            try (OutputReader reader = new OutputReader(cluster.bootstrapServers(), tracker, evaluations);
                 DemoReplayer replayer = new DemoReplayer(cluster.bootstrapServers(), data, records, rate, tracker)) {
                long allBack = watch(cluster, replayer, reader, tracker, console);
                awaitEvaluation(reader, evaluations, data.model().id(), tracker.report().labelled(), allBack);
                replaySeconds = replayer.seconds();
            } finally {
                removeHook(hook);
            }
        }
        DemoReport report = tracker.report();
        console.summary(report, data.model().id(), (System.nanoTime() - start) / 1e9, replaySeconds, evaluations.combined());
        return report;
    }

    /**
     * Sends, reads and prints progress until every record came back or the outputs stall, then reads
     * on for {@link #SETTLE}; fails when a part of the demo fails.
     *
     * @return when the progress ended (nanos)
     */
    private static long watch(DemoCluster cluster, DemoReplayer replayer, OutputReader reader, ScoreTracker tracker,
                              DemoConsole console) throws Exception {
        long nextTick = System.nanoTime() + TICK_NANOS;
        long lastChange = System.nanoTime();
        int lastReturned = 0;
        try {
            while (!(replayer.finished() && tracker.allReturned())) {
                replayer.sendDue(System.nanoTime());
                reader.poll(POLL);
                long now = System.nanoTime();
                int returned = tracker.returned();
                console.sample(now, returned);
                if (returned != lastReturned) {
                    lastReturned = returned;
                    lastChange = now;
                } else if (replayer.finished() && now - lastChange > STALL.toNanos()) {
                    break;
                }
                if (now >= nextTick) {
                    nextTick = Math.max(nextTick + TICK_NANOS, now + TICK_NANOS / 2); // after a hold-up, no catching up
                    cluster.checkJob();
                    console.progress(tracker.progress(), now);
                }
            }
            console.progress(tracker.progress(), System.nanoTime());
        } finally {
            console.finish();
        }
        long allBack = System.nanoTime();
        while (System.nanoTime() - allBack < SETTLE.toNanos()) {
            reader.poll(POLL);
        }
        return allBack;
    }

    /**
     * Reads on until the job's evaluation of {@code modelId} (primary) covers what came back:
     * exactly, when its subtasks' counts add up to the {@code labelled} scores read back (no window
     * full yet); otherwise (a full window covers only the latest records) until {@link #EVAL_SETTLE}
     * after {@code allBackNanos}. Gives up {@link #EVAL_TIMEOUT} after it when no record came at all.
     */
    private static void awaitEvaluation(OutputReader reader, JobEvaluations evaluations, String modelId, long labelled,
                                        long allBackNanos) {
        while (true) {
            long since = System.nanoTime() - allBackNanos;
            JobEvaluations.Combined c = evaluations.combined(modelId, Role.PRIMARY.label());
            if (c != null && (c.count() >= labelled || since >= EVAL_SETTLE.toNanos()) || since >= EVAL_TIMEOUT.toNanos()) {
                return;
            }
            reader.poll(POLL);
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
