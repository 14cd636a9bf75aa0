package dev.streamscore.job.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One launcher command. Exit status per the contract: 0 success, 2 usage error (with a usage
 * message on {@code err}), 1 any other failure (with a one-line reason on {@code err}).
 */
public interface Command {
    /** The command's name as typed after {@code ./streamscore}. */
    String name();

    /** One-line usage, e.g. {@code score --model FILE --input FILE|- --output FILE|- [--batch-size N]}. */
    String usage();

    /** Runs the command with the arguments after its name. */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
