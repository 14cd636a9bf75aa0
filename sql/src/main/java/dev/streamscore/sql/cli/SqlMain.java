package dev.streamscore.sql.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./streamscore sql --file FILE.sql [--set KEY=VALUE ...] [--parallelism N]}: runs the
 * statements of a SQL file in a local Flink streaming environment with the streamscore model
 * provider, the Kafka SQL connector, the filesystem connector and the json, csv and avro formats.
 *
 * <p>Exit status: 0 when every statement succeeded; 2 for a bad or missing flag (with the usage);
 * 1 when the file cannot be read, a statement fails (with the file, the statement's line and Flink's
 * reason on one line) or standard output is closed early. On SIGINT or SIGTERM the running job is
 * cancelled and the process ends with the signal's usual status (130, 143).
 */
public final class SqlMain {
    private SqlMain() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command and returns its exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        SqlArgs parsed;
        try {
            parsed = SqlArgs.parse(args);
        } catch (UsageException e) {
            err.printf("streamscore sql: %s%nusage: ./streamscore %s%n", e.getMessage(), SqlArgs.USAGE);
            return 2;
        }
        if (parsed.help()) {
            out.printf("usage: ./streamscore %s%n", SqlArgs.USAGE);
            return 0;
        }
        String text;
        try {
            text = Files.readString(parsed.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.printf("streamscore sql: cannot read %s: %s%n", parsed.file(), Failures.oneLine(e));
            return 1;
        }
        List<Statement> statements = SqlScript.split(text);
        SqlRunner runner;
        try {
            runner = new SqlRunner(parsed.file().toString(),
                    SqlRunner.configuration(parsed.settings(), parsed.parallelism().orElse(null)), out, err);
        } catch (RuntimeException e) {
            err.printf("streamscore sql: cannot start the Flink environment: %s%n", Failures.oneLine(e));
            return 1;
        }
        Thread hook = new Thread(runner::stop, "streamscore-sql-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            runner.run(statements);
            return 0;
        } catch (StatementFailedException | OutputClosedException e) {
            err.printf("streamscore sql: %s%n", e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (a signal): the hook is running
            }
        }
    }
}
