package dev.streamscore.job.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line, about once a second: time, records sent, scored, dead-lettered, output
 * records per second since the previous line, and the rolling accuracy, mean loss and p99 latency.
 * On a terminal the line is rewritten in place ({@code \r}, padded over the previous one);
 * otherwise each update is a line of its own.
 */
final class ProgressPrinter {
    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private int lastLength;
    private int lastReturned;
    private long lastNanos;

    /**
     * @param terminal true to rewrite the line in place
     * @param total    records that will be sent
     */
    ProgressPrinter(PrintStream out, boolean terminal, int total, long startNanos) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.lastNanos = startNanos;
    }

    /** Prints the figures as of {@code nowNanos}, {@code elapsedSeconds} into the run. */
    void update(DemoReport.Progress p, double elapsedSeconds, long nowNanos) {
        double seconds = (nowNanos - lastNanos) / 1e9;
        double perSecond = seconds > 0 ? (p.returned() - lastReturned) / seconds : 0;
        lastNanos = nowNanos;
        lastReturned = p.returned();
        String line = line(p, elapsedSeconds, perSecond, total);
        if (terminal) {
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
    void finish() {
        if (terminal && lastLength > 0) {
            out.println();
            out.flush();
            lastLength = 0;
        }
    }

    /**
     * E.g. {@code [  4.0s] sent 3001/5000  scored 2712  dead letters 11  1003 rec/s  accuracy 97.4%  loss 0.081  p99 612 ms}.
     */
    static String line(DemoReport.Progress p, double elapsedSeconds, double perSecond, int total) {
        StringBuilder s = new StringBuilder(128);
        s.append(String.format(Locale.ROOT, "[%5.1fs] sent %d/%d  scored %d  dead letters %d  %.0f rec/s",
                elapsedSeconds, p.sent(), total, p.scored(), p.deadLetters(), perSecond));
        s.append(Double.isNaN(p.accuracy()) ? "  accuracy -" : String.format(Locale.ROOT, "  accuracy %.1f%%", 100 * p.accuracy()));
        s.append(Double.isNaN(p.meanLoss()) ? "  loss -" : String.format(Locale.ROOT, "  loss %.3f", p.meanLoss()));
        s.append(p.p99Ms() < 0 ? "  p99 -" : String.format(Locale.ROOT, "  p99 %d ms", p.p99Ms()));
        if (p.extra() > 0) {
            s.append(String.format(Locale.ROOT, "  (%d unexpected outputs)", p.extra()));
        }
        return s.toString();
    }
}
