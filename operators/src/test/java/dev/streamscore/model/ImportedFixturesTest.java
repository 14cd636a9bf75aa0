package dev.streamscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed PyTorch fixtures (tools/make_fixtures.py) through the importers, checked with
 * {@link NaiveEvaluator}: the graphs the importers build compute what PyTorch computed. Does not
 * need the engine.
 */
class ImportedFixturesTest {
    static final Path PARITY = Path.of("src", "test", "resources", "parity");
    static final Path DEMO = Path.of("..", "demo");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(PARITY)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.json"))
                    .map(n -> n.substring(0, n.length() - ".expected.json".length())).sorted().toList();
            assertTrue(names.size() >= 12, "parity fixtures missing; run tools/make_fixtures.py");
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void importedGraphComputesWhatPyTorchComputed(String name) throws IOException {
        Map<String, Object> expected = JsonTree.object(JsonTree.read(PARITY.resolve(name + ".expected.json")));
        Model model = ModelLoader.load(PARITY.resolve(name + ".onnx"));
        assertEquals(name, model.name());
        assertMatchesReference(model.graph(), expected);
    }

    static void assertMatchesReference(Graph g, Map<String, Object> expected) {
        Node out = g.node(g.outputId());
        int logitsId = out.op() == OpType.SOFTMAX || out.op() == OpType.LOG_SOFTMAX ? out.inputs()[0] : out.id();
        String kind = (String) expected.get("output_kind");
        assertEquals(kind.equals("softmax") ? OpType.SOFTMAX : kind.equals("log_softmax") ? OpType.LOG_SOFTMAX : OpType.LINEAR,
                out.op(), "final op");
        int row = 0;
        for (Object o : JsonTree.list(expected.get("rows"))) {
            Map<String, Object> r = JsonTree.object(o);
            double[] z = NaiveEvaluator.evaluate(g, logitsId, JsonTree.doubles(r.get("features")));
            double lse = NaiveEvaluator.logSumExp(z);
            double[] p = JsonTree.doubles(r.get("probabilities"));
            assertEquals(p.length, z.length);
            for (int j = 0; j < p.length; j++) {
                assertEquals(p[j], Math.exp(z[j] - lse), 1e-12, String.format("row %d, p[%d]", row, j));
            }
            Object label = r.get("label");
            if (label != null) {
                double loss = 0;
                if (label instanceof Number index) {
                    loss = lse - z[index.intValue()];
                } else {
                    double[] y = JsonTree.doubles(label);
                    for (int j = 0; j < y.length; j++) {
                        loss -= y[j] * (z[j] - lse);
                    }
                }
                double ref = ((Number) r.get("loss")).doubleValue();
                assertEquals(ref, loss, 1e-9 * Math.max(1, Math.abs(ref)), String.format("row %d loss", row));
            }
            row++;
        }
    }

    @Test
    void importerKeepsTorchStructure() throws IOException {
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.RELU, OpType.LINEAR, OpType.RELU, OpType.LINEAR,
                OpType.SOFTMAX), ops("b_matmul_add"), "MatMul + Add folded into LINEAR, bias left or right");
        assertEquals(List.of(OpType.INPUT, OpType.SUB, OpType.DIV, OpType.LINEAR, OpType.RELU, OpType.LINEAR,
                OpType.SOFTMAX), ops("e_standardised"));
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.RELU, OpType.LINEAR, OpType.SOFTMAX),
                ops("j_passthrough"), "Dropout, Flatten and Identity add no nodes");
        Graph f = ModelLoader.load(PARITY.resolve("f_activations.onnx")).graph();
        List<Double> alphas = f.nodes().stream().filter(n -> n.op() == OpType.LEAKY_RELU).map(n -> ((Node.Unary) n).attribute()).toList();
        assertEquals(List.of(0.2, 0.01), alphas, "LeakyReLU(0.2) and LeakyReLU() as PyTorch holds them");
        Graph k = ModelLoader.load(PARITY.resolve("k_commuted_constants.onnx")).graph();
        assertTrue(k.nodes().stream().anyMatch(n -> n instanceof Node.WithConstant c && c.op() == OpType.MUL
                && c.constant().length == 1 && c.constant()[0] == -1.0), "0.5 - x became -x + 0.5");
    }

    private static List<OpType> ops(String name) throws IOException {
        return ModelLoader.load(PARITY.resolve(name + ".onnx")).graph().nodes().stream().map(Node::op).toList();
    }

    @Test
    void demoJsonAndOnnxHoldTheSameGraph() throws IOException {
        Model json = ModelLoader.load(DEMO.resolve("digits.json"));
        Model onnx = ModelLoader.load(DEMO.resolve("digits.onnx"));
        assertEquals("digits", json.name());
        assertEquals("digits", onnx.name());
        List<Node> a = json.graph().nodes();
        List<Node> b = onnx.graph().nodes();
        assertEquals(a, b, "same ops, ids, inputs, attributes and parameter bits");
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) instanceof Node.Linear x) {
                Node.Linear y = (Node.Linear) b.get(i);
                assertArrayEquals(x.weight().data, y.weight().data, x.toString());
                assertEquals(x.weight().numRows, y.weight().numRows);
                assertArrayEquals(x.bias(), y.bias(), x.toString());
            }
        }
        Map<String, Object> reference = JsonTree.object(JsonTree.read(PARITY.resolve("digits.reference.json")));
        assertMatchesReference(json.graph(), reference);
    }
}
