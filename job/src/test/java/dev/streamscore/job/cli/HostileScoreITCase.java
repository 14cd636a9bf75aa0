package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnx.proto.OnnxMl;
import dev.streamscore.graph.Graph;
import dev.streamscore.graph.OpType;
import dev.streamscore.job.testing.TestData;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.model.JsonModelFormat;
import dev.streamscore.model.Model;
import dev.streamscore.util.Excerpt;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./streamscore score} and {@code inspect} as a user starts them (a JVM of their own running
 * {@link Main} with the launcher's exit property), under {@code -Xmx256m}, on the hostile inputs of
 * the reliability issue: a 200 MB line, a line of more than 1 GiB, 10 million blank lines,
 * {@code /dev/zero} as the model, an ONNX file declaring 16384×16384 values it does not hold, an
 * input width of 2^31-1, 100,000 chained Relu at batch 256, a full and a closed standard output, and
 * a process substitution as input. Each must end, within a minute, with dead letters (exit 0) or a
 * one-line reason (exit 1), never a stack trace or a hang.
 */
class HostileScoreITCase {
    private static final String HEAP = "-Xmx256m";
    private static final long TIMEOUT_SECONDS = 60;
    private static final Path MODEL = TestModels.DIGITS_JSON.toAbsolutePath();
    private static final Path DATA = TestData.DIGITS_DATA.toAbsolutePath();
    private static String firstRecord;

    @TempDir
    static Path dir;

    @BeforeAll
    static void readData() throws IOException {
        firstRecord = Files.readAllLines(DATA).get(0);
    }

    /** What a finished run left: its exit status and its standard error. */
    private record Ended(int status, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }

        /** One line on standard error, no stack trace. */
        String oneLine() {
            assertEquals(1, errLines().size(), err);
            assertFalse(err.contains("Exception") || err.contains("\tat "), err);
            return errLines().get(0);
        }
    }

    /** Writes what a run reads on standard input. */
    private interface Feed {
        void write(OutputStream in) throws IOException;
    }

    private static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), String.format("-D%s=true", Main.EXIT_PROPERTY),
                Main.class.getName()));
        command.addAll(args);
        return command;
    }

    /** Runs {@code command}, {@code feed} on its standard input, its standard output to {@code stdout}. */
    private static Ended run(List<String> command, Feed feed, File stdout) throws Exception {
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(stdout);
        if (feed == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        CompletableFuture<Void> writer = feed == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> {
                    try (OutputStream in = p.getOutputStream()) {
                        feed.write(in);
                    } catch (IOException e) {
                        // the run may end before reading all (e.g. its model is refused): not this test's concern
                    }
                });
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.format("%s did not end within %d s: %s", Excerpt.text(String.join(" ", command), 300),
                    TIMEOUT_SECONDS, Files.readString(err)));
        }
        writer.get(10, TimeUnit.SECONDS);
        return new Ended(p.exitValue(), Files.readString(err));
    }

    private static Ended score(Feed feed, String... args) throws Exception {
        return run(javaCommand(prepend("score", args)), feed, new File("/dev/null"));
    }

    private static List<String> prepend(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(Arrays.asList(rest));
        return all;
    }

    /** {@code bytes} of 'x' then a newline, written as they go (the test holds 1 MiB of it). */
    private static void longLine(OutputStream out, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 'x');
        for (long left = bytes; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
        out.write('\n');
    }

    @Test
    void aLineOf200MBIsADeadLetterKeepingItsFirst64KiB() throws Exception {
        long size = 200_000_000L;
        Path dead = dir.resolve("dead200.jsonl");
        Ended r = score(in -> {
            longLine(in, size);
            in.write(String.format("%s%n", firstRecord).getBytes(StandardCharsets.UTF_8));
        }, "--model", MODEL.toString(), "--input", "-", "--output", "/dev/null", "--dead-letters", dead.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.oneLine().matches("scored 1 of 2 lines with digits@[0-9a-f]{12}: 1 dead letters"), r.err());
        String d = Files.readString(dead);
        assertTrue(d.startsWith("{\"error\":\"value: 200000000 bytes, over the limit of 1048576 (--max-record-bytes)\","
                + "\"source\":\"stdin:1\",\"raw\":\"xxxx"), d.substring(0, 200));
        assertTrue(d.endsWith(String.format("\"raw_encoding\":\"utf8\",\"raw_truncated\":true,\"raw_bytes\":%d}%n", size)),
                d.substring(d.length() - 100));
        assertTrue(d.length() < 66_000, String.format("%d characters", d.length()));
    }

    @Test
    void aLineOfMoreThan1GiBFromAPipedDevStdinIsSkippedAsItIsRead() throws Exception {
        long size = (1L << 30) + (100L << 20);
        Ended r = score(in -> {
            longLine(in, size);
            in.write(String.format("%s%n", firstRecord).getBytes(StandardCharsets.UTF_8));
        }, "--model", MODEL.toString(), "--input", "/dev/stdin", "--output", "/dev/null", "--dead-letters", "/dev/null",
                "--dead-letter-max-raw-bytes", "100");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.oneLine().matches("scored 1 of 2 lines with digits@[0-9a-f]{12}: 1 dead letters"), r.err());
    }

    @Test
    void aLimitAboveTheHeapEndsWithOneLineNotAStackTrace() throws Exception {
        // the user allows lines of 2 GB on a 256 MiB heap: the last resort still gives one line and exit 1
        Ended r = score(in -> longLine(in, 400_000_000L), "--model", MODEL.toString(), "--input", "-", "--output", "/dev/null",
                "--max-record-bytes", "2000000000");
        assertEquals(1, r.status(), r.err());
        assertEquals("streamscore score: out of memory (max heap 256.0 MiB): give Java a larger heap"
                + " (STREAMSCORE_JAVA_OPTS=-Xmx...) or use smaller limits", r.oneLine());
    }

    @Test
    void tenMillionBlankLinesAreCountedNotHeld() throws Exception {
        Ended r = score(in -> {
            byte[] blanks = new byte[1 << 20];
            Arrays.fill(blanks, (byte) '\n');
            for (int i = 0; i < 10_000_000; i += blanks.length) {
                in.write(blanks, 0, Math.min(blanks.length, 10_000_000 - i));
            }
            in.write(String.format("%s%n", firstRecord).getBytes(StandardCharsets.UTF_8));
        }, "--model", MODEL.toString(), "--input", "-", "--output", "/dev/null");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.oneLine().matches(
                "scored 1 of 10000001 lines with digits@[0-9a-f]{12}: 0 dead letters, 10000000 blank lines skipped"), r.err());
    }

    @Test
    void devZeroAsTheModelIsReadOnlyAsFarAsTheHeapAllows() throws Exception {
        Ended r = score(null, "--model", "/dev/zero", "--input", DATA.toString(), "--output", "/dev/null");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.oneLine().matches("streamscore score: cannot load model /dev/zero: more than [0-9.]+ MiB and not at its"
                + " end: more than the heap can hold while reading it \\([0-9.]+ MiB to spare, max heap 256.0 MiB\\)"), r.err());
    }

    @Test
    void anOnnxTensorDeclaring16384x16384ValuesItDoesNotHoldIsRefusedUnallocated() throws Exception {
        OnnxMl.ModelProto.Builder m = onnx(16384, 16384, "MatMul", "W");
        m.getGraphBuilder().addInitializer(OnnxMl.TensorProto.newBuilder().setName("W")
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).addDims(16384).addDims(16384));
        Path file = Files.write(dir.resolve("declared.onnx"), m.build().toByteArray());
        Ended r = score(null, "--model", file.toString(), "--input", DATA.toString(), "--output", "/dev/null");
        assertEquals(1, r.status(), r.err());
        assertEquals(String.format("streamscore score: cannot load model %s: node 'n' (MatMul): input 'W' cannot be used: tensor"
                + " 'W' of shape [16384, 16384] needs 268435456 values, but float_data holds 0", file), r.oneLine());
    }

    @Test
    void anInputWidthOf2Pow31Minus1IsRefusedByItsBuffers() throws Exception {
        Path file = Files.write(dir.resolve("wide.onnx"), onnx(Integer.MAX_VALUE, Integer.MAX_VALUE, "Relu").build().toByteArray());
        Ended r = score(null, "--model", file.toString(), "--input", DATA.toString(), "--output", "/dev/null");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.oneLine().startsWith(String.format("streamscore score: cannot load model %s: the model needs 8.0 TiB of"
                + " buffers at a batch of 256 rows (4,294,967,294 values per row, 8 bytes each)", file)), r.err());
        assertTrue(r.oneLine().endsWith("not even a batch of 1 row fits; give Java a larger heap (STREAMSCORE_JAVA_OPTS=-Xmx...)"),
                r.err());
    }

    @Test
    void aChainOf100000ReluIsRefusedAtBatch256AndScoresAtTheBatchSizeSuggested() throws Exception {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 64);
        for (int i = 0; i < 100_000; i++) {
            x = g.unary(OpType.RELU, x);
        }
        Path file = Files.write(dir.resolve("relu100k.json"), JsonModelFormat.toBytes(new Model("relu", "1", g.output(x).build())));
        Ended r = score(null, "--model", file.toString(), "--input", DATA.toString(), "--output", "/dev/null");
        assertEquals(1, r.status(), r.err());
        Matcher m = Pattern.compile(String.format("streamscore score: cannot load model %s: the model needs 12\\.2 GiB of buffers"
                + " at a batch of 256 rows \\(6,400,064 values per row, 8 bytes each\\) and 0 B of parameters, more than the"
                + " [0-9.]+ MiB the heap can spare \\(max heap 256\\.0 MiB\\); a batch of at most (\\d+) rows fits; use"
                + " --batch-size \\1 or less, or give Java a larger heap \\(STREAMSCORE_JAVA_OPTS=-Xmx\\.\\.\\.\\)",
                Pattern.quote(file.toString()))).matcher(r.oneLine());
        assertTrue(m.matches(), r.err());
        // 100,000 steps per row: a few records are enough to show it scores
        Path few = Files.write(dir.resolve("few.jsonl"), Files.readAllLines(DATA).subList(0, 5));
        Ended again = score(null, "--model", file.toString(), "--input", few.toString(), "--output", "/dev/null",
                "--batch-size", m.group(1));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.oneLine().startsWith("scored 5 of 5 lines with relu@1"), again.err());
    }

    @Test
    void aFullStandardOutputIsReportedAsSuch() throws Exception {
        Ended r = run(javaCommand(List.of("score", "--model", MODEL.toString(), "--input", DATA.toString(), "--output", "-")),
                null, new File("/dev/full"));
        assertEquals(1, r.status(), r.err());
        assertEquals("streamscore score: cannot write --output - (standard output): disk full (No space left on device)",
                r.oneLine());
    }

    @Test
    void aStandardOutputClosedByItsReaderIsReportedAsSuch() throws Exception {
        Path err = dir.resolve("closed.err");
        Process p = new ProcessBuilder(javaCommand(List.of("score", "--model", MODEL.toString(), "--input", DATA.toString(),
                "--output", "-"))).redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(out.readLine().startsWith("{\"id\":\"digits-0\""));
        }
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "score did not end once its output was closed");
        Ended r = new Ended(p.exitValue(), Files.readString(err));
        assertEquals(1, r.status(), r.err());
        assertEquals("streamscore score: cannot write --output - (standard output): closed by its reader (Broken pipe)",
                r.oneLine());
    }

    @Test
    void aProcessSubstitutionIsAnInput() throws Exception {
        List<String> java = javaCommand(List.of("score", "--model", MODEL.toString(), "--output", "/dev/null"));
        String command = String.format("%s --input <(cat %s)", String.join(" ", java.stream().map(HostileScoreITCase::quote).toList()),
                quote(DATA.toString()));
        Ended r = run(List.of("bash", "-c", command), null, new File("/dev/null"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.oneLine().matches("scored 1797 of 1797 lines with digits@[0-9a-f]{12}: 0 dead letters"), r.err());
    }

    private static String quote(String word) {
        return String.format("'%s'", word.replace("'", "'\\''"));
    }

    /** An ONNX model: input x of [batch, width], one node {@code op} on x (and {@code more} inputs), output y of [batch, out]. */
    private static OnnxMl.ModelProto.Builder onnx(long width, long out, String op, String... more) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setName("n").setOpType(op).addInput("x").addOutput("y");
        Arrays.stream(more).forEach(node::addInput);
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(OnnxMl.GraphProto.newBuilder().setName("g").addNode(node)
                        .addInput(valueInfo("x", width)).addOutput(valueInfo("y", out)));
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long width) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width))))).build();
    }
}
