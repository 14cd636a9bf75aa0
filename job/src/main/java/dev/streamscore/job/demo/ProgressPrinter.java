package dev.streamscore.job.demo;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The progress line, about once a second: time, records sent, scored, dead-lettered, records back
 * per second (outputs read: scores and dead letters, over the latest second of {@link #sample}s),
 * and the rolling accuracy, mean loss and p99 latency; about 80 characters. On a terminal the line
 * is rewritten in place ({@code \r}, padded over the previous one) with line wrapping switched off
 * meanwhile (DECAWM, {@code ESC[?7l} ... {@code ESC[?7h}), so that a line wider than the terminal
 * is clipped instead of wrapped (a wrapped line could not be rewritten); otherwise each update is a
 * line of its own. Thread-safe: a shutdown hook may {@link #finish()} it.
 */
final class ProgressPrinter {
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;
    private static final String NO_WRAP = "\u001b[?7l";
    private static final String WRAP = "\u001b[?7h";

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    /** (nanos, records back) samples: the first is the latest one a rate window or more before the last. */
    private final Deque<long[]> samples = new ArrayDeque<>();
    private int lastLength;

    /**
     * @param terminal   true to rewrite the line in place
     * @param total      records that will be sent
     * @param startNanos when the run started (no record back then)
     */
    ProgressPrinter(PrintStream out, boolean terminal, int total, long startNanos) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        samples.add(new long[] {startNanos, 0});
    }

    /** Notes that {@code returned} records were back at {@code nowNanos} (call often: the rate's resolution). */
    synchronized void sample(long nowNanos, int returned) {
        samples.addLast(new long[] {nowNanos, returned});
        while (samples.size() > 2 && secondOldest()[0] <= nowNanos - RATE_WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    /** Prints the figures as of {@code nowNanos}, {@code elapsedSeconds} into the run. */
    synchronized void update(DemoReport.Progress p, double elapsedSeconds, long nowNanos) {
        sample(nowNanos, p.returned());
        long[] base = samples.peekFirst();
        double seconds = (nowNanos - base[0]) / 1e9;
        double perSecond = seconds > 0 ? (p.returned() - base[1]) / seconds : 0;
        String line = line(p, elapsedSeconds, perSecond, total);
        if (terminal) {
            out.print(lastLength == 0 ? NO_WRAP : "");
            out.print('\r');
            out.print(line);
            for (int i = line.length(); i < lastLength; i++) {
                out.print(' ');
            }
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the line being rewritten, if any, so that what follows starts on a line of its own. */
    synchronized void finish() {
        if (terminal && lastLength > 0) {
            out.print(WRAP);
            out.println();
            out.flush();
            lastLength = 0;
        }
    }

    /**
     * E.g. {@code   4.0s sent 3001/5000 scored 2712 dlq 11 | 1003/s acc 97.4% loss 0.081 p99 612ms},
     * or {@code   2.0s sent 1/5000 | waiting for the job's first output} before anything came back.
     */
    static String line(DemoReport.Progress p, double elapsedSeconds, double perSecond, int total) {
        String head = String.format(Locale.ROOT, "%5.1fs sent %d/%d", elapsedSeconds, p.sent(), total);
        if (p.returned() == 0 && p.extra() == 0) {
            return String.format("%s | waiting for the job's first output", head);
        }
        StringBuilder s = new StringBuilder(96).append(head);
        s.append(String.format(Locale.ROOT, " scored %d dlq %d | %.0f/s", p.scored(), p.deadLetters(), perSecond));
        s.append(Double.isNaN(p.accuracy()) ? " acc -" : String.format(Locale.ROOT, " acc %.1f%%", 100 * p.accuracy()));
        s.append(Double.isNaN(p.meanLoss()) ? " loss -" : String.format(Locale.ROOT, " loss %.3f", p.meanLoss()));
        s.append(p.p99Ms() < 0 ? " p99 -" : String.format(Locale.ROOT, " p99 %dms", p.p99Ms()));
        if (p.extra() > 0) {
            s.append(String.format(Locale.ROOT, " +%d unexpected", p.extra()));
        }
        return s.toString();
    }

    private long[] secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
