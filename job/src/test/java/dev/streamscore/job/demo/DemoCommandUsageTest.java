package dev.streamscore.job.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad flags of {@code demo}: exit status 2 with the reason and the usage, before anything starts. */
class DemoCommandUsageTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }

    private String err() {
        return err.toString(UTF_8);
    }

    @Test
    void recordsMustBeAPositiveInteger() {
        assertEquals(2, run("demo", "--records", "0"));
        assertTrue(err().contains("streamscore demo: --records: expected an integer from 1 to 1000000, got '0'"), err());
        assertTrue(err().contains("usage: ./streamscore demo [--records N] [--rate R]"), err());
        assertEquals(2, run("demo", "--records", "many"));
        assertEquals("", out.toString(UTF_8), "nothing started");
    }

    @Test
    void rateIsANumberOrMax() {
        assertEquals(2, run("demo", "--rate", "fast"));
        assertTrue(err().contains(
                "streamscore demo: --rate: expected records per second (an integer from 0 to 1000000) or 'max', got 'fast'"), err());
        assertEquals(2, run("demo", "--rate", "-5"));
        assertEquals("", out.toString(UTF_8));
    }

    @Test
    void unknownFlagsAndMissingValues() {
        assertEquals(2, run("demo", "--model", "x.onnx"));
        assertTrue(err().contains("unknown flag --model; valid flags are --records, --rate, --help"), err());
        assertEquals(2, run("demo", "--records"));
        assertTrue(err().contains("--records needs a value"), err());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertEquals(0, run("demo", "--help"));
        assertTrue(out.toString(UTF_8).startsWith("usage: ./streamscore demo [--records N] [--rate R]"), out.toString(UTF_8));
    }
}
