package dev.streamscore.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.sql.testing.SqlRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses and messages of the command that need no job. */
class SqlMainTest {
    private static final String USAGE = "usage: ./streamscore sql --file FILE.sql [--set KEY=VALUE ...] [--parallelism N]\n";

    @Test
    void usageErrorsExitTwoWithTheUsage() {
        SqlRun run = SqlRun.of("--parallelism", "4");
        assertEquals(2, run.status());
        assertEquals(String.format("streamscore sql: missing required flag --file%n%s", USAGE), run.err());
        assertEquals("", run.out());
        assertEquals(2, SqlRun.of("--file", "x.sql", "--bogus", "1").status());
    }

    @Test
    void helpPrintsTheUsage() {
        SqlRun run = SqlRun.of("--help");
        assertEquals(0, run.status());
        assertEquals(USAGE, run.out());
    }

    @Test
    void anUnreadableFileExitsOne(@TempDir Path dir) {
        Path missing = dir.resolve("missing.sql");
        SqlRun run = SqlRun.of("--file", missing.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith(String.format("streamscore sql: cannot read %s: ", missing)), run.err());
        assertEquals(1, run.err().lines().count());
    }

    /** A statement that does not parse: Flink's message with the file's line, and the statements before it ran. */
    @Test
    void aBadStatementExitsOneNamingItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.sql");
        Files.writeString(file, "-- a table\nCREATE TABLE t (a INT) WITH ('connector' = 'datagen');\n\nSHOW TABLES;\n\n"
                + "  SELECT a, FROM t;\nSELECT 1;\n", StandardCharsets.UTF_8);
        SqlRun run = SqlRun.of("--file", file.toString());
        assertEquals(1, run.status());
        assertEquals("{\"table name\":\"t\"}\n", run.out());
        // the statement is passed to Flink at its place in the file: Flink's line and column are the file's
        assertEquals(String.format("streamscore sql: %s:6: SQL parse failed. Incorrect syntax near the keyword 'FROM' "
                + "at line 6, column 13%n", file), run.err());
    }
}
