package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streamscore.job.testing.CliRun;
import dev.streamscore.job.testing.TestData;
import dev.streamscore.job.testing.TestModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score}'s input and outputs under hostile conditions: a FIFO as input, a full disk, a
 * standard output that fails, an output that cannot be opened, and outputs that are one file under
 * two names (a hard link). Nothing is truncated before every output is open.
 */
class ScoreOutputsTest {
    private static final String MODEL = TestModels.DIGITS_JSON.toString();
    private static final Path DATA = TestData.DIGITS_DATA;

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsNamedWithTheFlagAndThePath() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full here");
        CliRun r = CliRun.of("score", "--model", MODEL, "--input", DATA.toString(), "--output", "/dev/full");
        assertEquals(1, r.status(), r.err());
        assertEquals(List.of("streamscore score: cannot write --output /dev/full: disk full (No space left on device)"),
                r.errLines());

        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "not json\n");
        r = CliRun.of("score", "--model", MODEL, "--input", bad.toString(), "--output", dir.resolve("o.jsonl").toString(),
                "--dead-letters", "/dev/full");
        assertEquals(1, r.status(), r.err());
        assertEquals(List.of("streamscore score: cannot write --dead-letters /dev/full: disk full (No space left on device)"),
                r.errLines());
    }

    @Test
    void aStandardOutputThatFailsIsReportedAsSuch() {
        PrintStream failing = new PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public boolean checkError() {
                return true;
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(new ScoreCommand(() -> new ByteArrayInputStream(new byte[0])),
                    List.of("--model", MODEL, "--input", DATA.toString(), "--output", "-"), failing, e);
        }
        assertEquals(1, status);
        assertEquals("streamscore score: cannot write --output -: the stream reported an error (closed or full)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noOutputIsTruncatedWhenAnotherCannotBeOpened() throws IOException {
        Path out = Files.writeString(dir.resolve("out.jsonl"), "keep me\n");
        String noDir = dir.resolve("no/such/dir/dead.jsonl").toString();
        CliRun r = CliRun.of("score", "--model", MODEL, "--input", DATA.toString(), "--output", out.toString(),
                "--dead-letters", noDir);
        assertEquals(1, r.status(), r.err());
        assertEquals(List.of(String.format("streamscore score: cannot write --dead-letters %s: no such file", noDir)),
                r.errLines());
        assertEquals("keep me\n", Files.readString(out));

        Path created = dir.resolve("new.jsonl");
        r = CliRun.of("score", "--model", MODEL, "--input", DATA.toString(), "--output", created.toString(),
                "--dead-letters", noDir);
        assertEquals(1, r.status(), r.err());
        assertFalse(Files.exists(created), "an output created for a run that could not start is removed");
    }

    @Test
    void twoNamesOfOneFileAreFoundOnceOpen() throws IOException {
        Path out = Files.writeString(dir.resolve("out.jsonl"), "keep me\n");
        Path hardLink = Files.createLink(dir.resolve("dead.jsonl"), out);
        CliRun r = CliRun.of("score", "--model", MODEL, "--input", DATA.toString(), "--output", out.toString(),
                "--dead-letters", hardLink.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(String.format("streamscore score: --output and --dead-letters must be different files, but %s and %s"
                + " are the same file", out, hardLink), r.errLines().get(0));
        assertEquals("keep me\n", Files.readString(out));

        Path input = Files.copy(DATA, dir.resolve("in.jsonl"));
        Path inputLink = Files.createLink(dir.resolve("in-link.jsonl"), input);
        r = CliRun.of("score", "--model", MODEL, "--input", input.toString(), "--output", inputLink.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(-1L, Files.mismatch(DATA, input), "the input is intact");
    }

    @Test
    void aFifoIsReadAsItIsWritten() throws Exception {
        Path fifo = dir.resolve("in.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        List<String> lines = Files.readAllLines(DATA).subList(0, 300);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream w = Files.newOutputStream(fifo)) {
                for (String line : lines) {
                    w.write(String.format("%s%n", line).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Path out = dir.resolve("out.jsonl");
        CliRun r = CliRun.of("score", "--model", MODEL, "--input", fifo.toString(), "--output", out.toString(),
                "--batch-size", "7");
        writer.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.status(), r.err());
        assertEquals(300, Files.readAllLines(out).size());
    }
}
