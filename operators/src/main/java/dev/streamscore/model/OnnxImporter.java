package dev.streamscore.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.streamscore.graph.Graph;
import dev.streamscore.model.OnnxValue.Activation;
import dev.streamscore.model.OnnxValue.Constant;
import dev.streamscore.model.OnnxValue.Unusable;
import dev.streamscore.util.Excerpt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports ONNX models as exported by {@code torch.onnx.export} (opsets {@value #MIN_OPSET} to
 * {@value #MAX_OPSET}) into a {@link Graph}, using the generated protobuf classes
 * {@code ai.onnx.proto.OnnxMl}. The graph must have one input that is not an initializer, of shape
 * [batch, width] (any batch, usually dynamic), and one output. Initializers and {@code Constant}
 * nodes may be FLOAT (widened exactly) or DOUBLE. Supported operators are listed in
 * {@link #SUPPORTED_OPERATORS}; anything else is refused with the operator and the node.
 */
public final class OnnxImporter {
    public static final int MIN_OPSET = 11;
    public static final int MAX_OPSET = 21;
    /** The ONNX operators this importer understands (default domain). */
    public static final List<String> SUPPORTED_OPERATORS = OnnxNodeTranslator.SUPPORTED;
    /** How the message starts when the bytes or message are not an ONNX model at all. */
    static final String NOT_ONNX = "not a valid ONNX model";

    private OnnxImporter() {}

    /**
     * An imported ONNX model.
     *
     * @param graph         the graph
     * @param featureFields the fields named by {@code metadata_props} key {@value FeatureFields#ONNX_KEY}, or none
     */
    public record Imported(Graph graph, List<String> featureFields) {}

    /**
     * Parses ONNX protobuf bytes and imports the graph.
     *
     * @throws ModelFormatException when the bytes are not an ONNX model or the model cannot be imported
     */
    public static Graph read(byte[] bytes) {
        return importModel(bytes).graph();
    }

    /**
     * Parses ONNX protobuf bytes and imports the graph and the feature fields the model names.
     *
     * @throws ModelFormatException when the bytes are not an ONNX model or the model cannot be imported
     */
    public static Imported importModel(byte[] bytes) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(String.format("%s: %s", NOT_ONNX, e.getMessage()), e);
        }
        Graph graph = toGraph(model);
        for (StringStringEntryProto p : model.getMetadataPropsList()) {
            if (p.getKey().equals(FeatureFields.ONNX_KEY)) {
                return new Imported(graph, FeatureFields.ofOnnx(p.getValue()));
            }
        }
        return new Imported(graph, List.of());
    }

    /**
     * Imports a parsed ONNX model.
     *
     * @throws ModelFormatException naming the node and operator (or the graph input/output) at fault
     */
    public static Graph toGraph(ModelProto model) {
        if (!model.hasGraph()) {
            throw new ModelFormatException(String.format("%s: it has no graph", NOT_ONNX));
        }
        int opset = opset(model);
        GraphProto g = model.getGraph();
        if (g.getSparseInitializerCount() > 0) {
            throw new ModelFormatException("sparse initializers are not supported");
        }
        Map<String, OnnxValue> values = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            try {
                values.put(t.getName(), new Constant(OnnxTensor.decode(t)));
            } catch (ModelFormatException e) {
                values.put(t.getName(), new Unusable(e.getMessage()));
            }
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto in : g.getInputList()) {
            if (!values.containsKey(in.getName())) {
                inputs.add(in);
            }
        }
        if (inputs.size() != 1) {
            throw new ModelFormatException(String.format(
                    "the graph must have exactly one input that is not an initializer; it has %d: %s",
                    inputs.size(), Excerpt.list(inputs.stream().map(ValueInfoProto::getName).toList())));
        }
        if (g.getOutputCount() != 1) {
            throw new ModelFormatException(String.format("the graph must have exactly one output; it has %d: %s",
                    g.getOutputCount(), Excerpt.list(g.getOutputList().stream().map(ValueInfoProto::getName).toList())));
        }
        ValueInfoProto in = inputs.get(0);
        int width = inputWidth(in);
        Graph.Builder builder = Graph.builder();
        values.put(in.getName(), new Activation(builder.input(in.getName(), width), width));
        ValueInfoProto out = g.getOutput(0);
        new OnnxNodeTranslator(builder, values, g.getNodeList(), opset, List.of(out.getName())).translateAll();
        OnnxValue result = values.get(out.getName());
        if (!(result instanceof Activation a)) {
            throw new ModelFormatException(String.format("graph output '%s' %s", out.getName(),
                    result == null ? "is not produced by any node" : "is not computed from the graph input"));
        }
        long declared = lastDim(out);
        if (declared > 0 && declared != a.width()) {
            throw new ModelFormatException(String.format(
                    "graph output '%s' is declared with width %d, but the graph computes width %d",
                    out.getName(), declared, a.width()));
        }
        return builder.output(a.node()).build();
    }

    private static int opset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                long v = o.getVersion();
                if (v < MIN_OPSET || v > MAX_OPSET) {
                    throw new ModelFormatException(String.format(
                            "opset %d is not supported; supported opsets are %d to %d", v, MIN_OPSET, MAX_OPSET));
                }
                return (int) v;
            }
        }
        throw new ModelFormatException(String.format("%s: it imports no opset of the default ONNX domain", NOT_ONNX));
    }

    private static int inputWidth(ValueInfoProto in) {
        if (in.getName().isEmpty()) {
            throw new ModelFormatException("the graph input has no name");
        }
        TypeProto type = in.getType();
        if (!type.hasTensorType()) {
            throw new ModelFormatException(String.format("graph input '%s' is not a tensor", in.getName()));
        }
        int elem = type.getTensorType().getElemType();
        if (elem != DataType.FLOAT_VALUE && elem != DataType.DOUBLE_VALUE) {
            throw new ModelFormatException(String.format(
                    "graph input '%s' has element type %s; FLOAT or DOUBLE expected", in.getName(), OnnxTensor.typeName(elem)));
        }
        TensorShapeProto shape = type.getTensorType().getShape();
        long width = lastDim(in);
        if (shape.getDimCount() != 2 || width < 1 || width > Integer.MAX_VALUE) {
            throw new ModelFormatException(String.format(
                    "graph input '%s' must have shape [batch, width] with a fixed width; it has %s",
                    in.getName(), describe(shape)));
        }
        return (int) width;
    }

    /** The declared size of the last dimension, or 0 when unknown. */
    private static long lastDim(ValueInfoProto v) {
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        int n = shape.getDimCount();
        return n == 0 || !shape.getDim(n - 1).hasDimValue() ? 0 : shape.getDim(n - 1).getDimValue();
    }

    private static String describe(TensorShapeProto shape) {
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension d : shape.getDimList()) {
            dims.add(d.hasDimValue() ? String.valueOf(d.getDimValue()) : d.getDimParam().isEmpty() ? "?" : d.getDimParam());
        }
        return Excerpt.list(dims);
    }
}
