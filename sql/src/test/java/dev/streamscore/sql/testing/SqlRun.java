package dev.streamscore.sql.testing;

import dev.streamscore.sql.cli.SqlMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@link SqlMain#run} with captured standard output and error. */
public record SqlRun(int status, String out, String err) {
    public static SqlRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = SqlMain.run(List.of(args), o, e);
        }
        return new SqlRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output split into lines (none for empty output). */
    public List<String> outLines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
