package dev.streamscore.job.cli;

import dev.streamscore.job.demo.DemoReport;
import dev.streamscore.job.demo.DemoRun;
import dev.streamscore.job.options.Flags;
import dev.streamscore.job.options.UsageException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code demo [--records N] [--rate R]}: the embedded default. An in-process Kafka broker, the
 * scoring job in a local Flink environment, the bundled digits model and data set replayed as
 * labelled events (a few malformed), a progress line and a summary (see {@link DemoRun}).
 * Exit status 0 when every record sent came back exactly once, as a score or (the malformed ones)
 * a dead letter; 1 otherwise, saying what did not; 2 for a bad flag.
 */
public final class DemoCommand implements Command {
    public static final int DEFAULT_RECORDS = 5_000;
    public static final int MAX_RECORDS = 1_000_000;
    public static final int DEFAULT_RATE = 1_000;
    public static final int MAX_RATE = 1_000_000;
    private static final Flags.Spec FLAGS = Flags.spec("demo").optional("records", "N").optional("rate", "R");

    @Override
    public Flags.Spec flags() {
        return FLAGS;
    }

    @Override
    public String details() {
        return String.format("  --records N  records to send, cycling through the 1797 digits (default %d, at most %d)%n"
                + "  --rate R     records per second, 0 or max for as fast as possible (default %d)%n",
                DEFAULT_RECORDS, MAX_RECORDS, DEFAULT_RATE);
    }

    @Override
    public int run(Flags flags, PrintStream out, PrintStream err) throws Exception {
        int records = flags.intValue("records", DEFAULT_RECORDS, 1, MAX_RECORDS);
        int rate = rate(flags);
        boolean terminal = out == System.out && System.console() != null;
        DemoReport report = new DemoRun(records, rate, out, terminal).run();
        if (!report.exactlyOnce()) {
            throw new CommandFailedException(String.join("; ", report.problems()));
        }
        return 0;
    }

    /** {@code --rate}: records per second, {@code 0} or {@code max} meaning as fast as possible. */
    private static int rate(Flags flags) {
        String value = flags.get("rate", Integer.toString(DEFAULT_RATE));
        if (value.strip().toLowerCase(Locale.ROOT).equals("max")) {
            return 0;
        }
        try {
            return flags.intValue("rate", DEFAULT_RATE, 0, MAX_RATE);
        } catch (UsageException e) {
            throw new UsageException(String.format(
                    "--rate: expected records per second (an integer from 0 to %d) or 'max', got '%s'", MAX_RATE, value));
        }
    }
}
