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
            "usage: ./streamscore score --model FILE --input FILE|- --output FILE|- [--batch-size N] [--dead-letters FILE|-]"
                    + " [--max-record-bytes N] [--dead-letter-max-raw-bytes N] [--max-model-bytes N]";

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
        assertUsageError("unknown flag --batch; valid flags are --model, --input, --output, --batch-size, --dead-letters,"
                        + " --max-record-bytes, --dead-letter-max-raw-bytes, --max-model-bytes, --help",
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
    void badLimits() {
        for (String bad : new String[] {"0", "-1", "lots", "2147483647"}) {
            assertUsageError(String.format("--max-record-bytes: expected an integer from 1 to 2147483639, got '%s'", bad),
                    "score", "--model", "m.json", "--input", "-", "--output", "-", "--max-record-bytes", bad);
            assertUsageError(String.format("--max-model-bytes: expected an integer from 1 to 2147483639, got '%s'", bad),
                    "score", "--model", "m.json", "--input", "-", "--output", "-", "--max-model-bytes", bad);
        }
        assertUsageError("--dead-letter-max-raw-bytes: expected an integer from 0 to 2147483639, got '-1'",
                "score", "--model", "m.json", "--input", "-", "--output", "-", "--dead-letter-max-raw-bytes", "-1");
    }

    @Test
    void outputsMustNotClash() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"features\": [1]}\n");
        String in = input.toString();
        assertUsageError(String.format("--output %s is the same file as --input %s: the outputs must not overwrite the input", in, in),
                "score", "--model", "m.json", "--input", in, "--output", in);
        String dotted = dir.resolve(".").resolve("in.jsonl").toString();
        assertUsageError(String.format("--dead-letters %s is the same file as --input %s: the outputs must not overwrite the input",
                        dotted, in),
                "score", "--model", "m.json", "--input", in, "--output", "-", "--dead-letters", dotted);
        String out = dir.resolve("out.jsonl").toString();
        assertUsageError(String.format("--output and --dead-letters must be different files, both are %s", out),
                "score", "--model", "m.json", "--input", in, "--output", out, "--dead-letters", out);
        assertUsageError("--output and --dead-letters cannot both be standard output (-)",
                "score", "--model", "m.json", "--input", in, "--output", "-", "--dead-letters", "-");
        assertEquals("{\"features\": [1]}\n", Files.readString(input));
        assertFalse(Files.exists(dir.resolve("out.jsonl")));
    }

    @Test
    void aLinkToAnOutputNotYetCreatedIsTheSameFile() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"features\": [1]}\n");
        Path out = dir.resolve("out.jsonl");
        Path link = Files.createSymbolicLink(dir.resolve("dead.jsonl"), Path.of("out.jsonl"));
        assertUsageError(String.format("--output and --dead-letters must be different files, but %s and %s are the same file",
                        out, link),
                "score", "--model", "m.json", "--input", input.toString(), "--output", out.toString(),
                "--dead-letters", link.toString());
        Path chained = Files.createSymbolicLink(dir.resolve("chain.jsonl"), link);
        assertUsageError(String.format("--output and --dead-letters must be different files, but %s and %s are the same file",
                        chained, out),
                "score", "--model", "m.json", "--input", input.toString(), "--output", chained.toString(),
                "--dead-letters", out.toString());
        Path linkToInput = Files.createSymbolicLink(dir.resolve("in-link.jsonl"), input);
        assertUsageError(String.format("--output %s is the same file as --input %s: the outputs must not overwrite the input",
                        linkToInput, input),
                "score", "--model", "m.json", "--input", input.toString(), "--output", linkToInput.toString());
        assertFalse(Files.exists(out));
        assertEquals("{\"features\": [1]}\n", Files.readString(input));
    }

    @Test
    void characterDevicesMayBeSharedByTheOutputs() {
        CliRun r = CliRun.of("score", "--model", TestFiles.demo("digits.json").toString(),
                "--input", TestFiles.demo("digits.jsonl").toString(), "--output", "/dev/null", "--dead-letters", "/dev/null");
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void helpExitsZero() {
        CliRun r = CliRun.of("score", "--help");
        assertEquals(0, r.status());
        assertEquals(USAGE + "\n", r.out());
    }
}
