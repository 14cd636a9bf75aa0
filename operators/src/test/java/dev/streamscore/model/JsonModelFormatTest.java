package dev.streamscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonModelFormatTest {

    /** The example of the format specification, verbatim. */
    static final String SPEC_EXAMPLE = """
            {
              "format": "streamscore-model/1",
              "name": "digits",
              "version": "2026-11-27",
              "output": 7,
              "nodes": [
                {"id": 0, "op": "input", "name": "features", "width": 3},
                {"id": 1, "op": "sub", "inputs": [0], "constant": [0.0, 0.3, 5.2]},
                {"id": 2, "op": "div", "inputs": [1], "constant": [1.0, 0.9, 4.7]},
                {"id": 3, "op": "linear", "inputs": [2], "weight": [[0.1, -0.2, 0.3], [0.0, 0.5, 0.25]], "bias": [0.01, -0.02]},
                {"id": 4, "op": "relu", "inputs": [3]},
                {"id": 5, "op": "leaky_relu", "inputs": [4], "alpha": 0.01},
                {"id": 6, "op": "add", "inputs": [4, 5]},
                {"id": 7, "op": "softmax", "inputs": [6]}
              ]
            }
            """;

    private static JsonModelFormat.Document read(String json) {
        return JsonModelFormat.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String failure(String json) {
        return assertThrows(ModelFormatException.class, () -> read(json)).getMessage();
    }

    @Test
    void readsTheSpecificationExample() {
        JsonModelFormat.Document doc = read(SPEC_EXAMPLE);
        assertEquals("digits", doc.name());
        assertEquals("2026-11-27", doc.version());
        Graph g = doc.graph();
        assertEquals(7, g.outputId());
        assertEquals(List.of(OpType.INPUT, OpType.SUB, OpType.DIV, OpType.LINEAR, OpType.RELU, OpType.LEAKY_RELU,
                OpType.ADD, OpType.SOFTMAX), g.nodes().stream().map(Node::op).toList());
        Node.Linear linear = (Node.Linear) g.node(3);
        assertEquals(2, linear.weight().numRows);
        assertEquals(3, linear.weight().numCols);
        assertEquals(-0.2, linear.weight().get(0, 1));
        assertEquals(0.25, linear.weight().get(1, 2));
        assertArrayEquals(new double[] {0.01, -0.02}, linear.bias());
        assertArrayEquals(new double[] {0.0, 0.3, 5.2}, ((Node.WithConstant) g.node(1)).constant());
        assertArrayEquals(new int[] {4, 5}, g.node(6).inputs());
        assertTrue(g.node(6) instanceof Node.Binary, "two inputs, no constant");
        assertEquals(0.01, ((Node.Unary) g.node(5)).attribute());
        assertEquals(Node.input(0, "features", 3), g.node(0));
    }

    @Test
    void saveThenLoadIsBitIdentical() {
        Random rnd = new Random(20261127);
        int in = 9;
        int hidden = 13;
        Graph.Builder b = Graph.builder();
        int x = b.input("features", in);
        int sub = b.binaryConstant(OpType.SUB, x, specials(rnd, in));
        int div = b.binaryConstant(OpType.DIV, sub, specials(rnd, 1));
        int l1 = b.linear(div, new DMatrixRMaj(hidden, in, true, specials(rnd, hidden * in)), specials(rnd, hidden));
        int act = b.leakyRelu(l1, Double.longBitsToDouble(0x3f847ae147ae147bL + rnd.nextInt(1000)));
        int t = b.unary(OpType.TANH, l1);
        int sum = b.binary(OpType.ADD, act, t);
        int mul = b.binaryConstant(OpType.MUL, sum, specials(rnd, hidden));
        int l2 = b.linear(mul, new DMatrixRMaj(4, hidden, true, specials(rnd, 4 * hidden)), null);
        int out = b.unary(OpType.LOG_SOFTMAX, l2);
        Model model = new Model("round-trip", "v1.2", b.output(out).build());

        byte[] bytes = JsonModelFormat.toBytes(model);
        JsonModelFormat.Document doc = JsonModelFormat.read(bytes);
        assertEquals("round-trip", doc.name());
        assertEquals("v1.2", doc.version());
        assertEquals(out, doc.graph().outputId());
        List<Node> expected = model.graph().nodes();
        List<Node> actual = doc.graph().nodes();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSameNode(expected.get(i), actual.get(i));
        }
        assertArrayEquals(bytes, JsonModelFormat.toBytes(new Model(doc.name(), doc.version(), doc.graph())),
                "writing what was read gives the same bytes");
    }

    /** Random doubles over the whole range plus the awkward ones: subnormals, -0.0, extremes. */
    private static double[] specials(Random rnd, int n) {
        double[] fixed = {-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 2.2250738585072014E-308 / 3, 1e-300,
            -1e-300, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 1.0 / 3, Math.PI,
            Math.nextUp(1.0), Math.nextDown(1.0), 4.35, 123456789.123456789};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(3) == 0) {
                v[i] = fixed[rnd.nextInt(fixed.length)];
            } else {
                double d;
                do {
                    d = Double.longBitsToDouble(rnd.nextLong());
                } while (!Double.isFinite(d));
                v[i] = d;
            }
        }
        return v;
    }

    private static void assertSameNode(Node e, Node a) {
        assertEquals(e, a);
        assertEquals(e.getClass(), a.getClass());
        if (e instanceof Node.Unary u) {
            assertEquals(Double.doubleToRawLongBits(u.attribute()), Double.doubleToRawLongBits(((Node.Unary) a).attribute()),
                    e.toString());
        } else if (e instanceof Node.WithConstant c) {
            assertBits(c.constant(), ((Node.WithConstant) a).constant(), e);
        } else if (e instanceof Node.Linear l) {
            Node.Linear m = (Node.Linear) a;
            assertBits(l.bias(), m.bias(), e);
            assertEquals(l.weight().numRows, m.weight().numRows);
            assertEquals(l.weight().numCols, m.weight().numCols);
            assertBits(l.weight().data, m.weight().data, e);
        }
    }

    private static void assertBits(double[] e, double[] a, Node n) {
        if (e == null) {
            assertNull(a, n.toString());
            return;
        }
        assertEquals(e.length, a.length, n.toString());
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                    String.format("%s value %d: wrote %s, read %s", n, i, e[i], a[i]));
        }
    }

    @Test
    void writesOneNodePerLine() {
        String text = new String(JsonModelFormat.toBytes(new Model("m", "1", read(SPEC_EXAMPLE).graph())),
                StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals("{", lines.get(0));
        assertEquals("  \"format\": \"streamscore-model/1\",", lines.get(1));
        assertEquals("    {\"id\": 0, \"op\": \"input\", \"name\": \"features\", \"width\": 3},", lines.get(6));
        assertEquals("    {\"id\": 4, \"op\": \"relu\", \"inputs\": [3]},", lines.get(10));
        assertEquals("    {\"id\": 7, \"op\": \"softmax\", \"inputs\": [6]}", lines.get(13));
        assertEquals("}", lines.get(lines.size() - 1));
    }

    @Test
    void writerRefusesNonFiniteParameters() {
        Graph.Builder b = Graph.builder();
        int x = b.input("x", 2);
        int y = b.linear(x, new DMatrixRMaj(1, 2, true, 1.0, Double.NaN), null);
        Model m = new Model("bad", "1", b.output(y).build());
        String msg = assertThrows(ModelFormatException.class, () -> JsonModelFormat.toBytes(m)).getMessage();
        assertTrue(msg.contains("node 1 (linear): weight holds NaN"), msg);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown op         | "op": "relu", "inputs": [3]}                 | "op": "conv", "inputs": [3]}                      | node 4: unknown op 'conv'; valid ops are input, linear, relu, leaky_relu, sigmoid, tanh, softmax, log_softmax, add, sub, mul, div, identity
        missing weight     | "weight": [[0.1, -0.2, 0.3], [0.0, 0.5, 0.25]], |                                                 | node 3 (linear): missing field 'weight'
        missing inputs     | {"id": 4, "op": "relu", "inputs": [3]}      | {"id": 4, "op": "relu"}                           | node 4 (relu): missing field 'inputs'
        missing id         | {"id": 4, "op": "relu", "inputs": [3]}      | {"op": "relu", "inputs": [3]}                     | nodes[4]: missing field 'id'
        missing alpha      | , "alpha": 0.01                              |                                                   | node 5 (leaky_relu): missing field 'alpha'
        missing width      | , "width": 3                                 |                                                   | node 0 (input): missing field 'width'
        unequal rows       | [0.0, 0.5, 0.25]                             | [0.0, 0.5]                                        | node 3 (linear): weight rows must have equal length: row 1 has 2 numbers, row 0 has 3
        bias length        | "bias": [0.01, -0.02]                        | "bias": [0.01]                                    | node 3 (linear): bias has 1 numbers, expected 2 (one per weight row)
        infinite number    | [0.1, -0.2, 0.3]                             | [0.1, -2e999, 0.3]                                | node 3 (linear): weight[0][1] is not a finite double: -2e999
        NaN as a string    | "alpha": 0.01                                | "alpha": "NaN"                                    | node 5 (leaky_relu): alpha must be a number, got 'NaN'
        NaN literal        | "alpha": 0.01                                | "alpha": NaN                                      | invalid JSON at line 12, column 62
        wrong format tag   | streamscore-model/1                          | streamscore-model/2                               | unsupported format 'streamscore-model/2'; this reader understands "streamscore-model/1"
        missing format     | "format": "streamscore-model/1",             |                                                   | missing field 'format' (expected "streamscore-model/1")
        unknown top field  | "output": 7,                                 | "output": 7, "author": "x",                       | unknown top-level field 'author'; valid fields are format, name, version, features, output, nodes
        unknown node field | "bias": [0.01, -0.02]                        | "bais": [0.01, -0.02]                             | node 3 (linear): unknown field 'bais'
        field of other op  | {"id": 4, "op": "relu", "inputs": [3]}      | {"id": 4, "op": "relu", "inputs": [3], "alpha": 1} | node 4 (relu): unexpected field 'alpha'; relu takes id, op, inputs
        binary no constant | "inputs": [0], "constant": [0.0, 0.3, 5.2]   | "inputs": [0]                                     | node 1 (sub): expected 2 inputs, or 1 input and a 'constant'; got 1 inputs and no constant
        binary both        | "inputs": [4, 5]                             | "inputs": [4, 5], "constant": [1.0]               | node 6 (add): expected 1 input, got 2
        duplicate id       | {"id": 5, "op": "leaky_relu"                 | {"id": 4, "op": "leaky_relu"                      | duplicate node id 4
        dangling input     | "inputs": [4, 5]                             | "inputs": [4, 9]                                  | node 6 (add) has input 9, which is not a node
        output not a node  | "output": 7,                                 | "output": 8,                                      | output 8 is not a node
        duplicate key      | "output": 7,                                 | "output": 7, "output": 7,                         | invalid JSON at line 5
        fractional id      | {"id": 4, "op": "relu"                       | {"id": 4.5, "op": "relu"                          | nodes[4]: id must be an integer, got '4.5'
        trailing content   | ]\\n}                                         | ]\\n} {}                                           | unexpected content after the model object
        """)
    void refusesBrokenModels(String what, String replace, String with, String expected) {
        String broken = SPEC_EXAMPLE.replace(replace.replace("\\n", "\n"), with == null ? "" : with.replace("\\n", "\n"));
        assertTrue(!broken.equals(SPEC_EXAMPLE), "the case must change the model");
        String msg = failure(broken);
        assertTrue(msg.startsWith(expected), String.format("%s: expected a message starting with%n  %s%nbut got%n  %s", what, expected, msg));
    }

    @Test
    void refusesTruncatedAndNonObjectJson() {
        String truncated = SPEC_EXAMPLE.substring(0, SPEC_EXAMPLE.length() / 2);
        assertTrue(failure(truncated).startsWith("invalid JSON at line"), failure(truncated));
        assertEquals("a streamscore JSON model must be a JSON object", failure("[1, 2]"));
        assertTrue(failure("{\"format\": \"streamscore-model/1\", \"output\": 0}").startsWith("missing field 'nodes'"));
    }
}
