package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.CliRun;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("usage:\n"), r.err());
        assertTrue(r.err().contains("  ./streamscore score --model FILE"), r.err());
    }

    @Test
    void unknownCommandNamesTheValidOnes() {
        CliRun r = CliRun.of("scor", "--model", "m");
        assertEquals(2, r.status());
        assertTrue(r.errLines().get(0).startsWith("streamscore: unknown command 'scor'; valid commands are ["), r.err());
        assertTrue(r.errLines().get(0).contains("score"), r.err());
    }

    @Test
    void helpGoesToStandardOutput() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.status());
        assertEquals("", r.err());
        assertTrue(r.out().contains("./streamscore score --model FILE --input FILE|- --output FILE|-"), r.out());
    }
}
