package dev.streamscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line of {@code bench}: usage errors exit 2 with the usage, nothing is benchmarked. */
class BenchMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String firstErrLine() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void usageNamesBothBenchmarksOnItsFirstLine() {
        assertEquals("usage: streamscore bench engine|e2e [--quick]", BenchMain.USAGE.lines().findFirst().orElse(""));
    }

    @Test
    void unknownOptionOfE2eIsAUsageErrorAndRunsNothing() {
        assertEquals(2, run("e2e", "--records", "10"));
        assertEquals("bench e2e: unknown option '--records'; the only option is --quick", firstErrLine());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownOptionOfEngineIsAUsageError() {
        assertEquals(2, run("engine", "--fast"));
        assertEquals("bench engine: unknown option '--fast'; the only option is --quick", firstErrLine());
        assertEquals(BenchMain.USAGE + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8).substring(firstErrLine().length() + System.lineSeparator().length()));
    }

    @Test
    void missingOrUnknownBenchmarkIsAUsageError() {
        assertEquals(2, run());
        assertEquals("bench: name a benchmark: engine or e2e", firstErrLine());
        err.reset();
        assertEquals(2, run("throughput"));
        assertEquals("bench: unknown benchmark 'throughput'; expected engine or e2e", firstErrLine());
    }
}
