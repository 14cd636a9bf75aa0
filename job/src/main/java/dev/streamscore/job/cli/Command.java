package dev.streamscore.job.cli;

import dev.streamscore.job.options.Flags;
import java.io.PrintStream;

/**
 * One launcher command: its flags (from which its usage line is made) and what it does with them.
 * {@link Main} parses the flags, answers {@code --help}, and turns exceptions into the contract's
 * exit statuses: 0 success, 2 usage error (with a usage message on {@code err}), 1 any other
 * failure (with a one-line reason on {@code err}).
 */
public interface Command {
    /** The command's name as typed after {@code ./streamscore}. */
    default String name() {
        return flags().usage().split(" ", 2)[0];
    }

    /** The flags the command accepts, declared once. */
    Flags.Spec flags();

    /** Lines printed after the usage line on {@code --help} (empty for none). */
    default String details() {
        return "";
    }

    /** Runs the command with its parsed flags (never {@code --help}). */
    int run(Flags flags, PrintStream out, PrintStream err) throws Exception;
}
