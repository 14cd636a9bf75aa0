package dev.streamscore.job.cli;

import dev.streamscore.job.options.Flags;
import dev.streamscore.job.options.UsageException;
import dev.streamscore.util.Excerpt;
import dev.streamscore.util.Heap;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point of {@code ./streamscore} and of the job jar: dispatches to the commands. */
public final class Main {
    /** System property the launcher sets so that {@link #main} ends the JVM with the exit status. */
    public static final String EXIT_PROPERTY = "streamscore.exit";

    /**
     * The commands the launcher runs from their own modules, not from this jar (they need Flink's
     * table planner or JMH and ONNX Runtime): their usage lines, listed with the others.
     */
    static final Map<String, String> LAUNCHER_COMMANDS = launcherCommands();

    private static Map<String, String> launcherCommands() {
        Map<String, String> usage = new LinkedHashMap<>();
        usage.put("sql", "sql --file FILE.sql [--set KEY=VALUE ...] [--parallelism N]");
        usage.put("bench", "bench engine|e2e [--quick]");
        return usage;
    }

    private Main() {}

    /** The commands, in the order the usage lists them. */
    static Map<String, Command> commands() {
        Map<String, Command> all = new LinkedHashMap<>();
        for (Command c : List.of(new DemoCommand(), new ScoreCommand(), new InspectCommand(), new BrokerCommand(),
                new RunCommand(), new SignModelCommand())) {
            all.put(c.name(), c);
        }
        return all;
    }

    /**
     * Under the launcher ({@code -Dstreamscore.exit=true}) the process ends with the command's exit
     * status. Inside a Flink cluster (the job jar under {@code flink run}, the web UI or the REST
     * API) {@code System.exit} would stop the JobManager, so there success returns normally and a
     * failure is thrown, which Flink reports as the program's error.
     */
    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (Boolean.getBoolean(EXIT_PROPERTY)) {
            System.exit(status);
        }
        if (status != 0) {
            throw new IllegalStateException(String.format(
                    "streamscore %s ended with exit status %d (the reason is printed above)",
                    args.length > 0 ? args[0] : "", status));
        }
    }

    /** Runs {@code args} (command first) and returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Command> all = commands();
        if (!args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("help"))) {
            usage(all, out);
            return 0;
        }
        if (!args.isEmpty() && LAUNCHER_COMMANDS.containsKey(args.get(0))) {
            err.printf("streamscore: '%s' runs from its own module (%s/): start it with the launcher, ./streamscore %s%n",
                    args.get(0), args.get(0), LAUNCHER_COMMANDS.get(args.get(0)));
            return 2;
        }
        if (args.isEmpty() || !all.containsKey(args.get(0))) {
            if (!args.isEmpty()) {
                err.printf("streamscore: unknown command '%s'; valid commands are %s%n", args.get(0), all.keySet());
            }
            usage(all, err);
            return 2;
        }
        return run(all.get(args.get(0)), args.subList(1, args.size()), out, err);
    }

    /** Runs one command with the arguments after its name. */
    static int run(Command command, List<String> args, PrintStream out, PrintStream err) {
        try {
            Flags flags = command.flags().parse(args);
            if (flags.help()) {
                out.printf("usage: ./streamscore %s%n%s", command.flags().usage(), command.details());
                return 0;
            }
            return command.run(flags, out, err);
        } catch (UsageException e) {
            err.printf("streamscore %s: %s%nusage: ./streamscore %s%n", command.name(), e.getMessage(),
                    command.flags().usage());
            return 2;
        } catch (Exception e) {
            err.printf("streamscore %s: %s%n", command.name(), oneLine(e));
            return 1;
        } catch (OutOfMemoryError e) {
            // the last resort: inputs and models are checked against the heap before they are read
            // or allocated, so this is something unforeseen; the failed allocation is garbage now
            err.printf("streamscore %s: out of memory (max heap %s): give Java a larger heap"
                    + " (STREAMSCORE_JAVA_OPTS=-Xmx...) or use smaller limits%n", command.name(), Heap.bytes(Heap.max()));
            return 1;
        }
    }

    private static void usage(Map<String, Command> all, PrintStream to) {
        to.println("usage:");
        all.values().forEach(c -> to.printf("  ./streamscore %s%n", c.flags().usage()));
        LAUNCHER_COMMANDS.values().forEach(usage -> to.printf("  ./streamscore %s%n", usage));
        to.println("  ./streamscore COMMAND --help");
    }

    private static String oneLine(Throwable e) {
        return Excerpt.oneLine(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
}
