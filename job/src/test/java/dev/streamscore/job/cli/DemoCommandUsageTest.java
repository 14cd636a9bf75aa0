package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.CliRun;
import org.junit.jupiter.api.Test;

/** Bad flags of {@code demo}: exit status 2 with the reason and the usage, before anything starts. */
class DemoCommandUsageTest {

    @Test
    void recordsMustBeAPositiveInteger() {
        CliRun zero = CliRun.of("demo", "--records", "0");
        assertEquals(2, zero.status());
        assertTrue(zero.err().contains("streamscore demo: --records: expected an integer from 1 to 1000000, got '0'"), zero.err());
        assertTrue(zero.err().contains("usage: ./streamscore demo [--records N] [--rate R]"), zero.err());
        CliRun many = CliRun.of("demo", "--records", "many");
        assertEquals(2, many.status());
        assertEquals("", zero.out() + many.out(), "nothing started");
    }

    @Test
    void rateIsANumberOrMax() {
        CliRun fast = CliRun.of("demo", "--rate", "fast");
        assertEquals(2, fast.status());
        assertTrue(fast.err().contains(
                "streamscore demo: --rate: expected records per second (an integer from 0 to 1000000) or 'max', got 'fast'"), fast.err());
        CliRun negative = CliRun.of("demo", "--rate", "-5");
        assertEquals(2, negative.status());
        assertEquals("", fast.out() + negative.out());
    }

    @Test
    void unknownFlagsAndMissingValues() {
        CliRun unknown = CliRun.of("demo", "--model", "x.onnx");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown flag --model; valid flags are --records, --rate, --help"), unknown.err());
        CliRun missing = CliRun.of("demo", "--records");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--records needs a value"), missing.err());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        CliRun r = CliRun.of("demo", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: ./streamscore demo [--records N] [--rate R]"), r.out());
    }
}
