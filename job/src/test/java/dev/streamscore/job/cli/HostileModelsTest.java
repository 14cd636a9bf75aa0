package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.job.testing.CliRun;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.model.JsonModelFormat;
import dev.streamscore.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files a hostile or careless user gives {@code score}, {@code inspect} and {@code run}: over
 * the size limit, with non-finite parameters, overflowing on some records, dividing by zero, with
 * a 100,000-node cycle, or not JSON. Each ends with a one-line reason (exit 1) or with the bad
 * records as dead letters (exit 0), never with NaN in an output.
 */
class HostileModelsTest {
    private static final Path DIGITS = TestModels.DIGITS_JSON;

    @TempDir
    Path dir;

    private Path model(String name, Graph graph) throws IOException {
        return Files.write(dir.resolve(name), JsonModelFormat.toBytes(new Model("m", "1", graph)));
    }

    /** One line on standard error, exit 1, nothing on standard output, and the reason as given. */
    private static void assertFails(CliRun r, String command, String reason) {
        assertEquals(1, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of(String.format("streamscore %s: %s", command, reason)), r.errLines());
    }

    @Test
    void aModelOverMaxModelBytesIsRefusedUnread() throws IOException {
        long size = Files.size(DIGITS);
        String reason = String.format("cannot load model %s: %d bytes, over the limit of 1000 (--max-model-bytes)", DIGITS, size);
        assertFails(CliRun.of("score", "--model", DIGITS.toString(), "--input", "-", "--output", "-",
                "--max-model-bytes", "1000"), "score", reason);
        assertFails(CliRun.of("inspect", "--model", DIGITS.toString(), "--max-model-bytes", "1000"), "inspect", reason);
        // run reads its model files before it connects to anything
        assertFails(CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--input-topic", "in", "--output-topic", "out",
                "--model", DIGITS.toString(), "--max-model-bytes", "1000"), "run", reason);
    }

    @Test
    void aStreamWithoutEndIsReadOnlyUpToTheLimit() {
        assertFails(CliRun.of("inspect", "--model", "/dev/zero", "--max-model-bytes", "100000"), "inspect",
                "cannot load model /dev/zero: more than 100000 bytes, over the limit of 100000 (--max-model-bytes)");
    }

    @Test
    void nonFiniteParametersAreRefusedByScoreAndInspect() throws IOException {
        Path nan = Files.write(dir.resolve("nan.onnx"), TestModels.digitsOnnxWithNaN());
        CliRun score = CliRun.of("score", "--model", nan.toString(), "--input", "-", "--output", "-");
        CliRun inspect = CliRun.of("inspect", "--model", nan.toString());
        for (CliRun r : List.of(score, inspect)) {
            assertEquals(1, r.status(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains(String.format("model %s cannot serve: parameters: node ", nan)), r.err());
            assertTrue(r.err().contains(" is NaN"), r.err());
        }
        Path infinite = Files.writeString(dir.resolve("inf.json"), Files.readString(DIGITS).replaceFirst("\"bias\": \\[[-0-9.eE]+",
                "\"bias\": [1e999"));
        CliRun r = CliRun.of("inspect", "--model", infinite.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().matches("streamscore inspect: cannot load model .*: node \\d+ \\(linear\\): bias\\[0] is not a"
                + " finite double: 1e999\n"), r.err());
    }

    @Test
    void recordsThatOverflowAreDeadLettersNeverNaN() throws IOException {
        // weights of 1e308 are finite and a row of zeros scores, but a row of ones overflows
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 2);
        int y = g.unary(OpType.SOFTMAX, g.linear(x, new DMatrixRMaj(new double[][] {{1e308, 1e308}, {1e308, -1e308}}), null));
        Path big = model("big.json", g.output(y).build());
        Path in = Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
                "{\"id\": \"zero\", \"features\": [0, 0], \"label\": 0}",
                "{\"id\": \"one\", \"features\": [1, 1], \"label\": 0}",
                "{\"id\": \"huge\", \"features\": [1e308, 0]}", ""));
        Path out = dir.resolve("out.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        CliRun r = CliRun.of("score", "--model", big.toString(), "--input", in.toString(), "--output", out.toString(),
                "--dead-letters", dead.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("scored 1 of 3 lines with m@1: 2 dead letters"), r.errLines());
        List<String> outputs = Files.readAllLines(out);
        assertEquals(1, outputs.size());
        assertTrue(outputs.get(0).startsWith("{\"id\":\"zero\""), outputs.get(0));
        List<String> deadLetters = Files.readAllLines(dead);
        assertEquals(2, deadLetters.size());
        for (String d : deadLetters) {
            assertTrue(d.startsWith(String.format("{\"error\":\"non-finite output at node %d (overflow?)\"", y - 1)), d);
            assertFalse(d.contains("NaN"), d);
        }

        // the demo model on features of 1e308
        String features = String.join(", ", java.util.Collections.nCopies(64, "1e308"));
        Path huge = Files.writeString(dir.resolve("huge.jsonl"), String.format("{\"features\": [%s], \"label\": 3}%n", features));
        r = CliRun.of("score", "--model", DIGITS.toString(), "--input", huge.toString(), "--output", out.toString(),
                "--dead-letters", dead.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(0, Files.size(out));
        assertTrue(Files.readString(dead).startsWith("{\"error\":\"non-finite output at node "), Files.readString(dead));
    }

    @Test
    void divisionByAZeroConstant() throws IOException {
        // x / 0 on a row of zeros is NaN: the model fails its check and is refused
        Graph.Builder g = Graph.builder();
        Path refused = model("div0.json", g.output(g.binaryConstant(OpType.DIV, g.input("x", 2), new double[] {0})).build());
        CliRun r = CliRun.of("score", "--model", refused.toString(), "--input", "-", "--output", "-");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith(String.format("streamscore score: model %s cannot serve: a forward pass on a row of zeros"
                + " is not finite", refused)), r.err());

        // tanh((x + 1) / 0) is finite on zeros (tanh(inf) = 1), not on x = -1 (0 / 0)
        Graph.Builder h = Graph.builder();
        int div = h.binaryConstant(OpType.DIV, h.binaryConstant(OpType.ADD, h.input("x", 2), new double[] {1}), new double[] {0});
        Path accepted = model("div1.json", h.output(h.unary(OpType.TANH, div)).build());
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"features\": [0, 0]}\n{\"features\": [-1, 0]}\n");
        Path out = dir.resolve("out.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        r = CliRun.of("score", "--model", accepted.toString(), "--input", in.toString(), "--output", out.toString(),
                "--dead-letters", dead.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(1, Files.readAllLines(out).size());
        assertTrue(Files.readString(dead).startsWith(String.format("{\"error\":\"non-finite output at node %d (overflow?)\"",
                div)), Files.readString(dead));
    }

    @Test
    void aCycleOf100000NodesIsOneShortLine() throws IOException {
        int n = 100_000;
        Graph.Builder g = Graph.builder();
        g.node(Node.input(0, "x", 4));
        g.node(Node.unary(1, OpType.RELU, n));
        for (int i = 2; i <= n; i++) {
            g.node(Node.unary(i, OpType.RELU, i - 1));
        }
        Path cycle = model("cycle.json", g.output(n).build());
        CliRun r = CliRun.of("inspect", "--model", cycle.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.errLines().size());
        assertTrue(r.err().length() < 500, r.err());
        // the 100,000 nodes and the closing one: 9 shown, a count, and the closing node
        assertTrue(r.err().matches(String.format("streamscore inspect: cannot load model %s: graph has a cycle:"
                + " (node \\d+ \\(relu\\) -> ){9}\\.\\.\\. \\(99,991 more\\) -> node \\d+ \\(relu\\)\n", cycle)), r.err());
    }

    @Test
    void jacksonsHintsNeverReachUsers() throws IOException {
        for (String json : List.of("{\"format\": NaN}", "{/* a comment */ \"format\": 1}", "{\"output\": +1}",
                "{\"nodes\": [{\"id\": 0, \"op\": \"input\", \"width\": Infinity}]}")) {
            Path m = Files.writeString(dir.resolve("m.json"), json);
            CliRun r = CliRun.of("inspect", "--model", m.toString());
            assertEquals(1, r.status(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("invalid JSON at line 1, column "), r.err());
            for (String internal : List.of("JsonReadFeature", "enable", "Feature", "`", "[Source")) {
                assertFalse(r.err().contains(internal), r.err());
            }
        }
    }
}
