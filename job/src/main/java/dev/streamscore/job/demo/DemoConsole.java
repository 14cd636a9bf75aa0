package dev.streamscore.job.demo;

import java.io.PrintStream;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the demo prints as it runs and at the end, in at most 80 columns: the progress line about
 * once a second and the summary. On a terminal the progress line is rewritten in place ({@code \r},
 * padded over the previous one) with line wrapping off meanwhile (DECAWM, {@code ESC[?7l} ...
 * {@code ESC[?7h}), so that a line wider than the terminal is clipped rather than wrapped (a wrapped
 * line could not be rewritten); otherwise each update is a line of its own. Thread-safe: a shutdown
 * hook may {@link #finish()} the line.
 */
final class DemoConsole {
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;
    private static final int REASON_WIDTH = 49;

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final long startNanos;
    /** (nanos, records back): the first is the latest one a rate window or more before the last. */
    private final LinkedList<long[]> samples = new LinkedList<>();
    private int lastLength;

    /** @param terminal true to rewrite the progress line in place; {@code total}: records to send */
    DemoConsole(PrintStream out, boolean terminal, int total, long startNanos) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.startNanos = startNanos;
        samples.add(new long[] {startNanos, 0});
    }

    /** Notes that {@code returned} records were back at {@code nowNanos} (call often: the rate's resolution). */
    synchronized void sample(long nowNanos, int returned) {
        samples.addLast(new long[] {nowNanos, returned});
        while (samples.size() > 2 && samples.get(1)[0] <= nowNanos - RATE_WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    /**
     * Prints the progress line as of {@code nowNanos}, e.g.
     * {@code   4.0s sent 3001/5000 scored 2712 dlq 11 | 1003/s acc 97.4% loss 0.081 p99 612ms},
     * or {@code   2.0s sent 1/5000 | waiting for the job's first output} before anything came back.
     */
    synchronized void progress(DemoReport.Progress p, long nowNanos) {
        sample(nowNanos, p.returned());
        long[] base = samples.getFirst();
        double perSecond = nowNanos > base[0] ? (p.returned() - base[1]) / ((nowNanos - base[0]) / 1e9) : 0;
        StringBuilder s = new StringBuilder(96).append(String.format(Locale.ROOT, "%5.1fs sent %d/%d",
                (nowNanos - startNanos) / 1e9, p.sent(), total));
        if (p.returned() == 0 && p.extra() == 0) {
            s.append(" | waiting for the job's first output");
        } else {
            s.append(String.format(Locale.ROOT, " scored %d dlq %d | %.0f/s acc %s loss %s p99 %s", p.scored(),
                    p.deadLetters(), perSecond, orDash(p.accuracy(), "%.1f%%", 100), orDash(p.meanLoss(), "%.3f", 1),
                    millis(p.p99Ms(), "ms")));
            s.append(p.extra() > 0 ? String.format(Locale.ROOT, " +%d unexpected", p.extra()) : "");
        }
        if (terminal) {
            out.print(lastLength == 0 ? "\u001b[?7l\r" : "\r");
            out.print(s);
            out.print(" ".repeat(Math.max(0, lastLength - s.length())));
            lastLength = s.length();
        } else {
            out.println(s);
        }
        out.flush();
    }

    /** Ends the line being rewritten, if any, so that what follows starts on a line of its own. */
    synchronized void finish() {
        if (terminal && lastLength > 0) {
            out.print("\u001b[?7h");
            out.println();
            out.flush();
            lastLength = 0;
        }
    }

    /**
     * The summary: what was sent and came back, how good (as the demo measured it, and as the job's
     * own evaluation records reported it) and how fast. {@code seconds}: the whole run;
     * {@code replaySeconds}: from the first record after start-up to the last one acknowledged.
     */
    void summary(DemoReport r, String modelId, double seconds, double replaySeconds,
                 List<JobEvaluations.Combined> evaluations) {
        out.printf(Locale.ROOT, "streamscore demo: done in %.1f s%n", seconds);
        out.printf(Locale.ROOT, "  sent           %d records in %.1f s (%.0f/s): %d valid, %d malformed%n",
                r.sent(), replaySeconds, replaySeconds > 0 ? (r.sent() - 1) / replaySeconds : 0,
                r.sent() - r.malformedSent(), r.malformedSent());
        out.printf(Locale.ROOT, "  scored         %d   accuracy %s   mean loss %s   (%d labelled)%n",
                r.scored(), orDash(r.accuracy(), "%.2f%%", 100), orDash(r.meanLoss(), "%.4f", 1), r.labelled());
        evaluations(evaluations);
        out.printf(Locale.ROOT, "  dead letters   %d%n", r.deadLetters());
        for (DemoReport.Group g : r.groups()) {
            out.printf(Locale.ROOT, "  %5d  %-20s %s%n", g.count(), g.description(), shorten(g.example()));
        }
        out.printf(Locale.ROOT, "  latency        p50 %s   p99 %s   (%d records, send to read-back)%n",
                millis(r.p50Ms(), " ms"), millis(r.p99Ms(), " ms"), r.timed());
        if (r.startUpMs() >= 0) {
            out.printf(Locale.ROOT, "  start-up       %.1f s from the first record to its output (the job starting)%n",
                    r.startUpMs() / 1e3);
        }
        out.printf("  model          %s%s%n", modelId, r.models().isEmpty() || r.models().equals(Set.of(modelId))
                ? "" : String.format(" (the scores said %s)", r.models()));
        out.printf("  exactly once   %s%n", r.exactlyOnce()
                ? String.format("yes: %d scores + %d dead letters = %d sent", r.scored(), r.deadLetters(), r.sent())
                : String.format("NO: %s", String.join("; ", r.problems())));
        out.flush();
    }

    /** The job's evaluation: two lines per model version and role (see docs/demo.md). */
    void evaluations(List<JobEvaluations.Combined> evaluations) {
        if (evaluations.isEmpty()) {
            out.printf("  job evaluation none read from %s%n", DemoCluster.EVALUATIONS);
        }
        for (JobEvaluations.Combined c : evaluations) {
            out.printf(Locale.ROOT, "  job evaluation %s %s: accuracy %s%n",
                    c.model(), c.role(), orDash(c.accuracy(), "%.2f%%", 100));
            out.printf(Locale.ROOT, "                 mean loss %s   (%d records in the windows of %d subtask%s)%n",
                    orDash(c.meanLoss(), "%.4f", 1), c.count(), c.subtasks(), c.subtasks() == 1 ? "" : "s");
        }
    }

    /** {@code scale * x} in {@code format}, or {@code -} when x is NaN. */
    private static String orDash(double x, String format, double scale) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, format, scale * x);
    }

    /** {@code ms} followed by {@code unit}, or {@code -} when it is negative (none). */
    private static String millis(long ms, String unit) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%d%s", ms, unit);
    }

    /**
     * The reason on one line of at most {@value #REASON_WIDTH} characters: a longer one keeps its
     * first two thirds and its end, cut between words, with {@code ...} in between.
     */
    static String shorten(String reason) {
        String oneLine = reason.replace('\n', ' ');
        if (oneLine.length() <= REASON_WIDTH) {
            return oneLine;
        }
        int headEnd = REASON_WIDTH - REASON_WIDTH / 3 - 5;
        int tailStart = oneLine.length() - REASON_WIDTH / 3;
        if (oneLine.charAt(headEnd) != ' ' && oneLine.lastIndexOf(' ', headEnd) > 0) {
            headEnd = oneLine.lastIndexOf(' ', headEnd);
        }
        if (oneLine.charAt(tailStart - 1) != ' ' && oneLine.indexOf(' ', tailStart) >= 0) {
            tailStart = oneLine.indexOf(' ', tailStart) + 1;
        }
        return String.format("%s ... %s", oneLine.substring(0, headEnd), oneLine.substring(tailStart));
    }
}
