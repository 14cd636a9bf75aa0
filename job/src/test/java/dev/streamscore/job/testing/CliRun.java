package dev.streamscore.job.testing;

import dev.streamscore.job.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntBiFunction;

/** Runs {@link Main#run} with captured standard output and error. */
public record CliRun(int status, String out, String err) {
    public static CliRun of(String... args) {
        return of(List.of(args));
    }

    /** Runs {@code args} (command first). */
    public static CliRun of(List<String> args) {
        return capture((out, err) -> Main.run(args, out, err));
    }

    /**
     * Runs {@code main} on two captured streams (standard output, then standard error), e.g. a
     * command built with the test's own standard input; {@code main} returns the exit status.
     */
    public static CliRun capture(ToIntBiFunction<PrintStream, PrintStream> main) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = main.applyAsInt(o, e);
        }
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output split into lines (none for empty output). */
    public List<String> outLines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** Standard error split into lines (none for empty output). */
    public List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
}
