package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/** Test helper: builds small ONNX models with the generated OnnxMl builders, as torch.onnx.export lays them out. */
final class OnnxFixture {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("main_graph");
    private int opset = 17;

    static OnnxFixture model() {
        return new OnnxFixture();
    }

    OnnxFixture opset(int version) {
        this.opset = version;
        return this;
    }

    /** A graph input of shape [batch, width] (FLOAT, dynamic batch). */
    OnnxFixture input(String name, int width) {
        graph.addInput(valueInfo(name, DataType.FLOAT_VALUE, width));
        return this;
    }

    OnnxFixture output(String name, int width) {
        graph.addOutput(valueInfo(name, DataType.FLOAT_VALUE, width));
        return this;
    }

    GraphProto.Builder graph() {
        return graph;
    }

    static ValueInfoProto valueInfo(String name, int elemType, long... lastDims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : lastDims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    /** A FLOAT initializer stored as little-endian raw_data (what torch writes). */
    OnnxFixture init(String name, long[] dims, float... values) {
        graph.addInitializer(floatTensor(name, dims, values));
        return this;
    }

    static TensorProto floatTensor(String name, long[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
                .addAllDims(Arrays.stream(dims).boxed().toList()).setRawData(ByteString.copyFrom(b.array())).build();
    }

    /** A DOUBLE initializer stored in double_data. */
    OnnxFixture initDouble(String name, long[] dims, double... values) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(DataType.DOUBLE_VALUE)
                .addAllDims(Arrays.stream(dims).boxed().toList())
                .addAllDoubleData(Arrays.stream(values).boxed().toList()));
        return this;
    }

    OnnxFixture node(String op, String name, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addAllOutput(outputs)
                .addAllAttribute(List.of(attrs)));
        return this;
    }

    /** A single-output node. */
    OnnxFixture node(String op, String name, List<String> inputs, String output, AttributeProto... attrs) {
        return node(op, name, inputs, List.of(output), attrs);
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto attr(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.TENSOR).setT(value).build();
    }

    static long[] dims(long... d) {
        return d;
    }

    ModelProto build() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("streamscore-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    byte[] bytes() {
        return build().toByteArray();
    }

    /** x[?,3] → Gemm(W 2×3, b) → Relu → Softmax: the smallest valid model. */
    static OnnxFixture smallMlp() {
        return model().input("x", 3).output("p", 2)
                .init("W", dims(2, 3), 0.5f, -1.0f, 0.25f, 2.0f, 0.1f, -0.3f)
                .init("b", dims(2), 0.01f, -0.02f)
                .node("Gemm", "fc", List.of("x", "W", "b"), "h", attr("transB", 1L), attr("alpha", 1.0f), attr("beta", 1.0f))
                .node("Relu", "relu", List.of("h"), "r")
                .node("Softmax", "softmax", List.of("r"), "p", attr("axis", -1L));
    }
}
