package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.streamscore.job.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flag handling of {@code score}: every usage error exits 2 with the reason and the usage, and touches no file. */
class ScoreCommandFlagsTest {
    private static final String USAGE =
            "usage: ./streamscore score --model FILE --input FILE|- --output FILE|- [--batch-size N] [--dead-letters FILE|-]";

    @TempDir
    Path dir;

    private void assertUsageError(String reason, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(java.util.List.of(String.format("streamscore score: %s", reason), USAGE), r.errLines());
    }

    @Test
    void missingRequiredFlags() {
        assertUsageError("missing required flag --model", "score", "--input", "-", "--output", "-");
        assertUsageError("missing required flag --input", "score", "--model", "m.json", "--output", "-");
        assertUsageError("missing required flag --output", "score", "--model", "m.json", "--input", "-");
    }

    @Test
    void unknownFlagListsTheValidOnes() {
        assertUsageError("unknown flag --batch; valid flags are --model, --input, --output, --batch-size, --dead-letters, --help",
                "score", "--model", "m.json", "--input", "-", "--output", "-", "--batch", "8");
    }

    @Test
    void missingValue() {
        assertUsageError("--model needs a value", "score", "--model", "--input", "-", "--output", "-");
        assertUsageError("--output needs a value", "score", "--model", "m", "--input", "-", "--output");
    }

    @Test
    void badBatchSizes() {
        for (String bad : new String[] {"0", "-3", "ten", "1.5", "65537"}) {
            assertUsageError(String.format("--batch-size: expected an integer from 1 to 65536, got '%s'", bad),
                    "score", "--model", "m.json", "--input", "-", "--output", "-", "--batch-size", bad);
        }
    }

    @Test
    void outputsMustNotClash() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"features\": [1]}\n");
        String in = input.toString();
        assertUsageError(String.format("the outputs must not overwrite --input %s", in),
                "score", "--model", "m.json", "--input", in, "--output", in);
        assertUsageError(String.format("the outputs must not overwrite --input %s", in),
                "score", "--model", "m.json", "--input", in, "--output", "-", "--dead-letters",
                dir.resolve(".").resolve("in.jsonl").toString());
        String out = dir.resolve("out.jsonl").toString();
        assertUsageError(String.format("--output and --dead-letters must be different files, both are %s", out),
                "score", "--model", "m.json", "--input", in, "--output", out, "--dead-letters", out);
        assertUsageError("--output and --dead-letters cannot both be standard output (-)",
                "score", "--model", "m.json", "--input", in, "--output", "-", "--dead-letters", "-");
        assertEquals("{\"features\": [1]}\n", Files.readString(input));
        assertFalse(Files.exists(dir.resolve("out.jsonl")));
    }

    @Test
    void helpExitsZero() {
        CliRun r = CliRun.of("score", "--help");
        assertEquals(0, r.status());
        assertEquals(USAGE + "\n", r.out());
    }
}
