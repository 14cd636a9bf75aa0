package dev.streamscore.job.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The summary the demo ends with: what was sent, what came back, how good (as the demo's reader
 * measured it, and as the job's own evaluation records reported it) and how fast.
 */
final class DemoSummary {
    private static final int REASON_WIDTH = 49;

    private DemoSummary() {}

    /**
     * @param seconds       the whole run, broker start included
     * @param replaySeconds from the first record after start-up to the last one acknowledged
     * @param evaluations   the job's evaluation per model version and role, subtasks combined
     */
    static void print(PrintStream out, DemoReport r, String modelId, double seconds, double replaySeconds,
                      List<JobEvaluations.Combined> evaluations) {
        out.printf(Locale.ROOT, "streamscore demo: done in %.1f s%n", seconds);
        out.printf(Locale.ROOT, "  sent           %d records in %.1f s (%.0f/s): %d valid, %d malformed%n",
                r.sent(), replaySeconds, replaySeconds > 0 ? (r.sent() - 1) / replaySeconds : 0,
                r.sent() - r.malformedSent(), r.malformedSent());
        out.printf(Locale.ROOT, "  scored         %d   accuracy %s   mean loss %s   (%d labelled)%n",
                r.scored(), percent(r.accuracy()), number(r.meanLoss()), r.labelled());
        printEvaluations(out, evaluations);
        out.printf(Locale.ROOT, "  dead letters   %d%n", r.deadLetters());
        for (DemoReport.Group g : r.groups()) {
            out.printf(Locale.ROOT, "  %5d  %-20s %s%n", g.count(), g.description(), shorten(g.example()));
        }
        out.printf(Locale.ROOT, "  latency        p50 %s   p99 %s   (%d records, send to read-back)%n",
                millis(r.p50Ms()), millis(r.p99Ms()), r.timed());
        if (r.startUpMs() >= 0) {
            out.printf(Locale.ROOT, "  start-up       %.1f s from the first record to its output (the job starting)%n",
                    r.startUpMs() / 1e3);
        }
        out.printf("  model          %s%s%n", modelId,
                r.models().isEmpty() || r.models().equals(Set.of(modelId))
                        ? "" : String.format(" (the scores said %s)", r.models()));
        if (r.exactlyOnce()) {
            out.printf("  exactly once   yes: %d scores + %d dead letters = %d sent%n",
                    r.scored(), r.deadLetters(), r.sent());
        } else {
            out.printf("  exactly once   NO: %s%n", String.join("; ", r.problems()));
        }
        out.flush();
    }

    /**
     * Two lines per model version and role, e.g.
     * <pre>
     *   job evaluation digits@70636ad3aead primary: accuracy 99.20%
     *                  mean loss 0.0240   (1000 records in the windows of 2 subtasks)
     * </pre>
     */
    static void printEvaluations(PrintStream out, List<JobEvaluations.Combined> evaluations) {
        if (evaluations.isEmpty()) {
            out.printf("  job evaluation none read from %s%n", DemoCluster.EVALUATIONS);
        }
        for (JobEvaluations.Combined c : evaluations) {
            out.printf(Locale.ROOT, "  job evaluation %s %s: accuracy %s%n", c.model(), c.role(), percent(c.accuracy()));
            out.printf(Locale.ROOT, "                 mean loss %s   (%d records in the windows of %d subtask%s)%n",
                    number(c.meanLoss()), c.count(), c.subtasks(), c.subtasks() == 1 ? "" : "s");
        }
    }

    private static String percent(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * x);
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.4f", x);
    }

    private static String millis(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%d ms", ms);
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
