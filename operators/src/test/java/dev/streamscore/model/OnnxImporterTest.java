package dev.streamscore.model;

import static dev.streamscore.model.OnnxFixture.attr;
import static dev.streamscore.model.OnnxFixture.dims;
import static dev.streamscore.model.OnnxFixture.floatTensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The importer on small models built in the test: the graphs it makes and the models it refuses. */
class OnnxImporterTest {

    private static List<OpType> ops(Graph g) {
        return g.nodes().stream().map(Node::op).toList();
    }

    private static String failure(OnnxFixture f) {
        return assertThrows(ModelFormatException.class, () -> OnnxImporter.toGraph(f.build())).getMessage();
    }

    private static void assertStarts(String expected, String actual) {
        assertTrue(actual.startsWith(expected), String.format("expected a message starting with%n  %s%nbut got%n  %s", expected, actual));
    }

    @Test
    void importsGemmReluSoftmax() {
        Graph g = OnnxImporter.read(OnnxFixture.smallMlp().bytes());
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.RELU, OpType.SOFTMAX), ops(g));
        Node.Input in = (Node.Input) g.node(0);
        assertEquals("x", in.name());
        assertEquals(3, in.width());
        Node.Linear fc = (Node.Linear) g.node(1);
        assertArrayEquals(new double[] {0.5, -1.0, 0.25, 2.0, (double) 0.1f, (double) -0.3f}, fc.weight().data,
                "transB=1: B is W (out×in), float32 widened exactly");
        assertEquals(2, fc.weight().numRows);
        assertArrayEquals(new double[] {(double) 0.01f, (double) -0.02f}, fc.bias());
        assertEquals(3, g.outputId());
    }

    @Test
    void gemmWithoutTransBTransposesAndReadsTypedData() {
        OnnxFixture f = OnnxFixture.model().input("x", 3).output("y", 2)
                .initDouble("B", dims(3, 2), 1, 2, 3, 4, 5, 6)
                .node("Gemm", "fc", List.of("x", "B"), "y");
        f.graph().addInitializer(TensorProto.newBuilder().setName("unused").setDataType(DataType.FLOAT_VALUE)
                .addDims(2).addFloatData(0.1f).addFloatData(0.2f));
        Node.Linear fc = (Node.Linear) OnnxImporter.toGraph(f.build()).node(1);
        assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, fc.weight().data, "W = Bᵀ");
        assertArrayEquals(new double[] {0, 0}, fc.bias(), "no C: zero bias");
    }

    @Test
    void gemmAlphaBetaBecomeScaleAndShift() {
        OnnxFixture f = OnnxFixture.model().input("x", 2).output("y", 2)
                .init("W", dims(2, 2), 1, 0, 0, 1).init("C", dims(1, 2), 4, 8)
                .node("Gemm", "fc", List.of("x", "W", "C"), "y", attr("transB", 1L), attr("alpha", 2.0f), attr("beta", 0.5f));
        Graph g = OnnxImporter.toGraph(f.build());
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.MUL, OpType.ADD), ops(g));
        assertArrayEquals(new double[] {2.0}, ((Node.WithConstant) g.node(2)).constant());
        assertArrayEquals(new double[] {2.0, 4.0}, ((Node.WithConstant) g.node(3)).constant());
    }

    @Test
    void matMulThenAddFoldsIntoOneLinear() {
        OnnxFixture f = OnnxFixture.model().input("x", 2).output("y", 3)
                .init("B1", dims(2, 3), 1, 2, 3, 4, 5, 6).init("b1", dims(3), 0.5f, 0.25f, 0.125f)
                .init("B2", dims(3, 3), 1, 0, 0, 0, 1, 0, 0, 0, 1).init("b2", dims(1, 3), 1, 2, 3)
                .node("MatMul", "mm1", List.of("x", "B1"), "m1")
                .node("Add", "add1", List.of("m1", "b1"), "h")
                .node("MatMul", "mm2", List.of("h", "B2"), "m2")
                .node("Add", "add2", List.of("b2", "m2"), "y");
        Graph g = OnnxImporter.toGraph(f.build());
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.LINEAR), ops(g));
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, ((Node.Linear) g.node(1)).weight().data, "W = Bᵀ");
        assertArrayEquals(new double[] {0.5, 0.25, 0.125}, ((Node.Linear) g.node(1)).bias());
        assertArrayEquals(new double[] {1, 2, 3}, ((Node.Linear) g.node(2)).bias(), "bias on the left of Add folds too");
    }

    @Test
    void matMulUsedTwiceKeepsItsAdd() {
        OnnxFixture f = OnnxFixture.model().input("x", 2).output("y", 2)
                .init("B", dims(2, 2), 1, 2, 3, 4).init("b", dims(2), 1, 1)
                .node("MatMul", "mm", List.of("x", "B"), "m")
                .node("Add", "add", List.of("m", "b"), "a")
                .node("Add", "sum", List.of("a", "m"), "y");
        Graph g = OnnxImporter.toGraph(f.build());
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.ADD, OpType.ADD), ops(g));
        assertArrayEquals(new double[] {1, 1}, ((Node.WithConstant) g.node(2)).constant());
        assertArrayEquals(new int[] {2, 1}, g.node(3).inputs());
    }

    @Test
    void constantMinusXBecomesNegateThenAdd() {
        OnnxFixture f = OnnxFixture.model().input("x", 2).output("y", 2)
                .node("Constant", "c", List.of(), "half", attr("value", floatTensor("", dims(), 0.5f)))
                .node("Sub", "rsub", List.of("half", "x"), "s")
                .init("k", dims(1, 2), 3, 4)
                .node("Mul", "scale", List.of("k", "s"), "y");
        Graph g = OnnxImporter.toGraph(f.build());
        assertEquals(List.of(OpType.INPUT, OpType.MUL, OpType.ADD, OpType.MUL), ops(g));
        assertArrayEquals(new double[] {-1.0}, ((Node.WithConstant) g.node(1)).constant());
        assertArrayEquals(new double[] {0.5}, ((Node.WithConstant) g.node(2)).constant());
        assertArrayEquals(new double[] {3, 4}, ((Node.WithConstant) g.node(3)).constant(), "constant on the left of Mul commutes");
    }

    @Test
    void refusesConstantOverX() {
        OnnxFixture f = OnnxFixture.model().input("x", 2).output("y", 2).init("one", dims(), 1)
                .node("Div", "/Div", List.of("one", "x"), "y");
        assertStarts("node '/Div' (Div): a constant divided by a computed value (c / x) is not supported", failure(f));
    }

    @Test
    void passThroughOperatorsAddNoNodes() {
        OnnxFixture f = OnnxFixture.model().input("x", 3).output("p", 2)
                .init("W", dims(2, 3), 1, 2, 3, 4, 5, 6)
                .node("Flatten", "flat", List.of("x"), "f", attr("axis", 1L))
                .node("Gemm", "fc", List.of("f", "W"), "h", attr("transB", 1L))
                .node("Constant", "ratio", List.of(), "r", attr("value", floatTensor("", dims(), 0.3f)))
                .node("Dropout", "drop", List.of("h", "r"), List.of("d", "mask"))
                .node("Identity", "id1", List.of("d"), "i")
                .node("LogSoftmax", "lsm", List.of("i"), "l")
                .node("Identity", "id2", List.of("l"), "p");
        Graph g = OnnxImporter.toGraph(f.build());
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.LOG_SOFTMAX), ops(g));
        assertEquals(OpType.LOG_SOFTMAX, g.node(g.outputId()).op(), "Identity after the final op keeps it final");
    }

    @Test
    void refusesDropoutInTrainingModeAndItsMask() {
        TensorProto yes = TensorProto.newBuilder().setDataType(DataType.BOOL_VALUE).addInt32Data(1).build();
        OnnxFixture training = OnnxFixture.model().input("x", 2).output("y", 2)
                .node("Constant", "mode", List.of(), "t", attr("value", yes))
                .node("Dropout", "drop", List.of("x", "", "t"), "y");
        assertStarts("node 'drop' (Dropout): training_mode is true", failure(training));
        OnnxFixture mask = OnnxFixture.model().input("x", 2).output("y", 2)
                .node("Dropout", "drop", List.of("x"), List.of("d", "m"))
                .node("Add", "use_mask", List.of("d", "m"), "y");
        assertStarts("node 'use_mask' (Add): input 'm' cannot be used: the mask of node 'drop' (Dropout)", failure(mask));
    }

    @Test
    void leakyReluAlphaIsTheDecimalItWasWrittenFrom() {
        OnnxFixture f = OnnxFixture.model().input("x", 2).output("y", 2)
                .node("LeakyRelu", "a", List.of("x"), "h", attr("alpha", 0.2f))
                .node("LeakyRelu", "b", List.of("h"), "y");
        Graph g = OnnxImporter.toGraph(f.build());
        assertEquals(0.2, ((Node.Unary) g.node(1)).attribute(), "0.2f read as 0.2, not 0.20000000298023224");
        assertEquals(0.01, ((Node.Unary) g.node(2)).attribute(), "ONNX default");
        assertEquals(1e-3, OnnxAttributes.shortestDecimal(1e-3f));
        assertEquals(3.4028235e38, OnnxAttributes.shortestDecimal(Float.MAX_VALUE));
        assertEquals(1e-45, OnnxAttributes.shortestDecimal(Float.MIN_VALUE), "shortest decimal that rounds to it");
        assertEquals(-0.75, OnnxAttributes.shortestDecimal(-0.75f));
    }

    @Test
    void refusesUnsupportedOperatorsNamingTheNode() {
        OnnxFixture f = OnnxFixture.model().input("x", 3).output("y", 3)
                .node("Relu", "", List.of("x"), "r")
                .node("Conv", "Conv_3", List.of("r"), "y");
        assertEquals("unsupported operator 'Conv' at node 'Conv_3'; supported: Gemm, MatMul, Add, Sub, Mul, Div, Relu, "
                + "LeakyRelu, Sigmoid, Tanh, Softmax, LogSoftmax, Flatten, Identity, Dropout, Constant", failure(f));
        OnnxFixture unnamed = OnnxFixture.model().input("x", 3).output("y", 3)
                .node("Relu", "", List.of("x"), "r")
                .node("Clip", "", List.of("r"), "y");
        assertStarts("unsupported operator 'Clip' at node #1;", failure(unnamed));
        OnnxFixture custom = OnnxFixture.model().input("x", 3).output("y", 3);
        custom.graph().addNode(NodeProto.newBuilder().setOpType("FusedGemm").setDomain("com.microsoft")
                .setName("fused").addInput("x").addOutput("y"));
        assertStarts("unsupported operator 'com.microsoft::FusedGemm' at node 'fused'", failure(custom));
    }

    @Test
    void refusesSeveralInputsOrOutputs() {
        OnnxFixture twoInputs = OnnxFixture.smallMlp().input("y", 3);
        assertEquals("the graph must have exactly one input that is not an initializer; it has 2: [x, y]", failure(twoInputs));
        OnnxFixture twoOutputs = OnnxFixture.smallMlp().output("r", 2);
        assertEquals("the graph must have exactly one output; it has 2: [p, r]", failure(twoOutputs));
        OnnxFixture initializerAsInput = OnnxFixture.smallMlp();
        initializerAsInput.graph().addInput(OnnxFixture.valueInfo("W", DataType.FLOAT_VALUE, 3));
        assertEquals(4, OnnxImporter.toGraph(initializerAsInput.build()).nodes().size(),
                "initializers listed among the inputs (keep_initializers_as_inputs) are not inputs");
    }

    @Test
    void refusesMissingInitializer() {
        OnnxFixture f = OnnxFixture.model().input("x", 3).output("y", 2)
                .node("Gemm", "fc", List.of("x", "W_missing"), "y", attr("transB", 1L));
        assertEquals("node 'fc' (Gemm): input 'W_missing' is not a graph input, an initializer or an output of an "
                + "earlier node", failure(f));
    }

    @Test
    void refusesShapesThatDoNotChain() {
        OnnxFixture gemm = OnnxFixture.model().input("x", 3).output("y", 2)
                .init("W", dims(2, 4), new float[8])
                .node("Gemm", "fc", List.of("x", "W"), "y", attr("transB", 1L));
        assertEquals("node 'fc' (Gemm): the weight 'W' of shape [2, 4] takes rows of width 4, but its input 'x' has "
                + "width 3", failure(gemm));
        OnnxFixture add = OnnxFixture.smallMlp().output("z", 2);
        add.graph().removeOutput(0).removeOutput(0).addOutput(OnnxFixture.valueInfo("z", DataType.FLOAT_VALUE, 3));
        add.node("Add", "sum", List.of("x", "r"), "z");
        assertEquals("node 'sum' (Add): operands 'x' (width 3) and 'r' (width 2) differ in width", failure(add));
        OnnxFixture broadcast = OnnxFixture.model().input("x", 3).output("y", 3).init("c", dims(5), new float[5])
                .node("Sub", "sub", List.of("x", "c"), "y");
        assertStarts("node 'sub' (Sub): constant 'c' of shape [5] does not broadcast along rows of width 3", failure(broadcast));
        OnnxFixture declared = OnnxFixture.smallMlp();
        declared.graph().setOutput(0, OnnxFixture.valueInfo("p", DataType.FLOAT_VALUE, 7));
        assertEquals("graph output 'p' is declared with width 7, but the graph computes width 2", failure(declared));
    }

    @Test
    void refusesUnsupportedAttributesAndTypes() {
        OnnxFixture transA = OnnxFixture.model().input("x", 2).output("y", 2).init("W", dims(2, 2), new float[4])
                .node("Gemm", "fc", List.of("x", "W"), "y", attr("transA", 1L));
        assertStarts("node 'fc' (Gemm): transA=1 is not supported", failure(transA));
        OnnxFixture axis = OnnxFixture.model().input("x", 2).output("y", 2)
                .node("Softmax", "sm", List.of("x"), "y", attr("axis", 0L));
        assertStarts("node 'sm' (Softmax): axis 0 is not supported", failure(axis));
        OnnxFixture half = OnnxFixture.model().input("x", 2).output("y", 2);
        half.graph().addInitializer(TensorProto.newBuilder().setName("h").setDataType(DataType.FLOAT16_VALUE).addDims(2)
                .addInt32Data(1).addInt32Data(2));
        half.node("Add", "add", List.of("x", "h"), "y");
        assertEquals("node 'add' (Add): input 'h' cannot be used: tensor 'h' has element type FLOAT16; supported: "
                + "FLOAT, DOUBLE (and INT32, INT64, BOOL for flags)", failure(half));
        OnnxFixture external = OnnxFixture.model().input("x", 2).output("y", 2);
        external.graph().addInitializer(TensorProto.newBuilder().setName("e").setDataType(DataType.FLOAT_VALUE)
                .addDims(2).setDataLocation(TensorProto.DataLocation.EXTERNAL));
        external.node("Mul", "mul", List.of("x", "e"), "y");
        assertStarts("node 'mul' (Mul): input 'e' cannot be used: tensor 'e' keeps its data in an external file", failure(external));
        OnnxFixture shortData = OnnxFixture.model().input("x", 2).output("y", 2).init("W", dims(2, 2), 1, 2, 3)
                .node("MatMul", "mm", List.of("x", "W"), "y");
        assertStarts("node 'mm' (MatMul): input 'W' cannot be used: tensor 'W' of shape [2, 2] needs 4 values, but "
                + "raw_data holds 12 bytes", failure(shortData));
    }

    @Test
    void refusesBadInputsAndOpsets() {
        OnnxFixture ints = OnnxFixture.model().output("y", 2).node("Relu", "r", List.of("x"), "y");
        ints.graph().addInput(OnnxFixture.valueInfo("x", DataType.INT64_VALUE, 2));
        assertStarts("graph input 'x' has element type INT64; FLOAT or DOUBLE expected", failure(ints));
        OnnxFixture rank3 = OnnxFixture.model().output("y", 2).node("Relu", "r", List.of("x"), "y");
        rank3.graph().addInput(OnnxFixture.valueInfo("x", DataType.FLOAT_VALUE, 4, 2));
        assertEquals("graph input 'x' must have shape [batch, width] with a fixed width; it has [batch, 4, 2]", failure(rank3));
        assertEquals("opset 10 is not supported; supported opsets are 11 to 21", failure(OnnxFixture.smallMlp().opset(10)));
        assertEquals("opset 22 is not supported; supported opsets are 11 to 21", failure(OnnxFixture.smallMlp().opset(22)));
        for (int opset = 11; opset <= 21; opset++) {
            assertEquals(4, OnnxImporter.toGraph(OnnxFixture.smallMlp().opset(opset).build()).nodes().size());
        }
        ModelProto noOpset = OnnxFixture.smallMlp().build().toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3)).build();
        assertEquals("not a valid ONNX model: it imports no opset of the default ONNX domain",
                assertThrows(ModelFormatException.class, () -> OnnxImporter.toGraph(noOpset)).getMessage());
    }

    @Test
    void refusesTruncatedAndGarbageBytes() {
        byte[] good = OnnxFixture.smallMlp().bytes();
        for (int cut : new int[] {good.length / 2, good.length - 1, 7}) {
            byte[] truncated = java.util.Arrays.copyOf(good, cut);
            String msg = assertThrows(ModelFormatException.class, () -> OnnxImporter.read(truncated)).getMessage();
            assertStarts("not a valid ONNX model: ", msg);
        }
        Random rnd = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + rnd.nextInt(400)];
            rnd.nextBytes(garbage);
            String msg = assertThrows(ModelFormatException.class, () -> OnnxImporter.read(garbage)).getMessage();
            assertStarts("not a valid ONNX model: ", msg);
        }
        assertEquals("not a valid ONNX model: it has no graph",
                assertThrows(ModelFormatException.class, () -> OnnxImporter.read(new byte[0])).getMessage());
    }

    @Test
    void unnamedNodesAreNamedByIndex() {
        OnnxFixture f = OnnxFixture.model().input("x", 2).output("y", 2)
                .node("Relu", "", List.of("x"), "r")
                .node("Tanh", "", List.of("missing"), "y");
        assertEquals("node #1 (Tanh): input 'missing' is not a graph input, an initializer or an output of an earlier node",
                failure(f));
    }
}
