package dev.streamscore.job.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One structural edit of an ONNX model, for the model fuzz test: nodes removed, repeated, moved,
 * retyped, rewired; attributes changed in type and value; initializers with other dims (huge ones
 * without data), types, values (NaN, infinities, float32's largest), data or names; graph inputs
 * and outputs changed; opsets, metadata and names. The three arguments pick what is edited and
 * how (taken modulo what there is), so an edit applies to any model.
 *
 * @param kind what is edited
 * @param a    which node, initializer or input (modulo the count)
 * @param b    which of its inputs, attributes or elements, or which variant
 * @param c    which value from the edit's table
 */
public record OnnxEdit(Kind kind, int a, int b, int c) {
    /** The edits. */
    public enum Kind {
        REMOVE_NODE, DUPLICATE_NODE, MOVE_NODE, SET_OP_TYPE, SET_DOMAIN, RENAME_INPUT, RENAME_OUTPUT, DROP_INPUTS,
        SET_ATTRIBUTE, CLEAR_ATTRIBUTES, INITIALIZER_DIMS, INITIALIZER_TYPE, INITIALIZER_VALUE, INITIALIZER_DATA,
        REMOVE_INITIALIZER, DUPLICATE_INITIALIZER, GRAPH_INPUT, GRAPH_OUTPUT, OPSET, GRAPH, METADATA, LONG_NAME,
        HUGE_CONSTANT_NODE,
    }

    static final List<String> OPS = List.of("Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu", "LeakyRelu", "Sigmoid",
            "Tanh", "Softmax", "LogSoftmax", "Flatten", "Identity", "Dropout", "Constant", "Conv", "Reshape", "Softplus",
            "", "gemm", "If", "Loop", "Cast");
    static final long[][] DIMS = {{16384, 16384}, {1L << 31}, {-1, 4}, {0}, {}, {1 << 20, 1 << 20, 1 << 20},
        {1, 12}, {12, 1}, {3}, {1}, {Long.MAX_VALUE}, {65536, 4097}, {12, 8, 1}, {8, 12}};
    static final float[] SPECIAL_FLOATS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
        -Float.MAX_VALUE, 0f, -0f, Float.MIN_VALUE, 1e30f, -1e30f};
    static final double[] SPECIAL_DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, -Double.MAX_VALUE, 1e308, 1e-320, 0.0};
    static final long[] WIDTHS = {0, -1, 1, 7, 9, 2147483647, 1 << 20, 10_000_000, 1L << 40};

    /** A list of 1 to {@code max} edits: any kind, and three arguments in [0, 64). */
    public static List<OnnxEdit> list(RandomGenerator r, int max) {
        return Draw.list(r, 1, max, g -> new OnnxEdit(Draw.pick(g, Kind.values()), g.nextInt(64), g.nextInt(64), g.nextInt(64)));
    }

    /** {@code model} with {@code edits} applied in order. */
    public static byte[] apply(byte[] model, List<OnnxEdit> edits) {
        ModelProto.Builder m;
        try {
            m = ModelProto.parseFrom(model).toBuilder();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the base model is not ONNX", e);
        }
        for (OnnxEdit e : edits) {
            e.apply(m);
        }
        return m.build().toByteArray();
    }

    void apply(ModelProto.Builder m) {
        GraphProto.Builder g = m.getGraphBuilder();
        int nodes = g.getNodeCount();
        int inits = g.getInitializerCount();
        switch (kind) {
            case REMOVE_NODE -> {
                if (nodes > 0) {
                    g.removeNode(a % nodes);
                }
            }
            case DUPLICATE_NODE -> {
                if (nodes > 0) {
                    g.addNode(a % nodes, g.getNode(a % nodes));
                }
            }
            case MOVE_NODE -> {
                if (nodes > 1) {
                    NodeProto n = g.getNode(a % nodes);
                    g.removeNode(a % nodes);
                    g.addNode(b % nodes, n);
                }
            }
            case SET_OP_TYPE -> {
                if (nodes > 0) {
                    g.getNodeBuilder(a % nodes).setOpType(OPS.get(c % OPS.size()));
                }
            }
            case SET_DOMAIN -> {
                if (nodes > 0) {
                    g.getNodeBuilder(a % nodes).setDomain(List.of("", "ai.onnx", "com.microsoft", "ai.onnx.ml").get(c % 4));
                }
            }
            case RENAME_INPUT -> {
                if (nodes > 0 && g.getNode(a % nodes).getInputCount() > 0) {
                    NodeProto.Builder n = g.getNodeBuilder(a % nodes);
                    n.setInput(b % n.getInputCount(), valueName(g, c));
                }
            }
            case RENAME_OUTPUT -> {
                if (nodes > 0 && g.getNode(a % nodes).getOutputCount() > 0) {
                    g.getNodeBuilder(a % nodes).setOutput(0, valueName(g, c));
                }
            }
            case DROP_INPUTS -> {
                if (nodes > 0) {
                    NodeProto.Builder n = g.getNodeBuilder(a % nodes);
                    List<String> keep = new ArrayList<>(n.getInputList().subList(0, Math.min(n.getInputCount(), b % 3)));
                    n.clearInput().addAllInput(keep);
                    if (c % 4 == 0) {
                        n.clearOutput();
                    }
                }
            }
            case SET_ATTRIBUTE -> {
                if (nodes > 0) {
                    g.getNodeBuilder(a % nodes).addAttribute(attribute(b, c));
                }
            }
            case CLEAR_ATTRIBUTES -> {
                if (nodes > 0) {
                    g.getNodeBuilder(a % nodes).clearAttribute();
                }
            }
            case INITIALIZER_DIMS -> {
                if (inits > 0) {
                    TensorProto.Builder t = g.getInitializerBuilder(a % inits).clearDims();
                    for (long d : DIMS[c % DIMS.length]) {
                        t.addDims(d);
                    }
                }
            }
            case INITIALIZER_TYPE -> {
                if (inits > 0) {
                    g.getInitializerBuilder(a % inits).setDataType(new int[] {0, 1, 6, 7, 9, 10, 11, 16, 8, 999}[c % 10]);
                }
            }
            case INITIALIZER_VALUE -> {
                if (inits > 0) {
                    setValue(g.getInitializerBuilder(a % inits), b, c);
                }
            }
            case INITIALIZER_DATA -> {
                if (inits > 0) {
                    changeData(g.getInitializerBuilder(a % inits), b, c);
                }
            }
            case REMOVE_INITIALIZER -> {
                if (inits > 0) {
                    g.removeInitializer(a % inits);
                }
            }
            case DUPLICATE_INITIALIZER -> {
                if (inits > 0) {
                    g.addInitializer(g.getInitializer(a % inits).toBuilder().setRawData(ByteString.copyFrom(new byte[b % 64])));
                }
            }
            case GRAPH_INPUT -> graphInput(g);
            case GRAPH_OUTPUT -> graphOutput(g);
            case OPSET -> {
                switch (b % 4) {
                    case 0 -> m.clearOpsetImport();
                    case 1 -> m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3));
                    default -> {
                        long[] versions = {0, 1, 10, 11, 13, 17, 21, 22, 1000, -1};
                        m.clearOpsetImport().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(b % 4 == 2 ? "" : "ai.onnx")
                                .setVersion(versions[c % versions.length]));
                    }
                }
            }
            case GRAPH -> {
                switch (c % 3) {
                    case 0 -> m.clearGraph();
                    case 1 -> g.addSparseInitializer(SparseTensorProto.newBuilder().setValues(TensorProto.newBuilder().setName("s")));
                    default -> g.clearNode();
                }
            }
            case METADATA -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey("streamscore.features")
                    .setValue(List.of("", ",,,", "a,b", "x".repeat(100_000), "a.b.c,\u00e9,\ud83d\ude00", String.join(",",
                            java.util.Collections.nCopies(5000, "f"))).get(c % 6)));
            case LONG_NAME -> {
                String name = "n".repeat(new int[] {300, 5000, 100_000}[c % 3]);
                switch (b % 4) {
                    case 0 -> {
                        if (nodes > 0) {
                            g.getNodeBuilder(a % nodes).setName(name).setOpType(c % 2 == 0 ? "Conv" : g.getNode(a % nodes).getOpType());
                        }
                    }
                    case 1 -> {
                        if (inits > 0) {
                            g.getInitializerBuilder(a % inits).setName(name);
                        }
                    }
                    case 2 -> {
                        if (g.getInputCount() > 0) {
                            g.getInputBuilder(0).setName(name);
                        }
                    }
                    default -> {
                        if (nodes > 0) {
                            g.getNodeBuilder(a % nodes).setOpType(name);
                        }
                    }
                }
            }
            case HUGE_CONSTANT_NODE -> g.addNode(Math.min(a, nodes), NodeProto.newBuilder().setOpType("Constant")
                    .addOutput(nodes > 0 && g.getNode(a % nodes).getInputCount() > 1 ? g.getNode(a % nodes).getInput(1) : "k")
                    .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                            .setT(TensorProto.newBuilder().setDataType(1).addDims(16384).addDims(16384))));
        }
    }

    /** A value name: one the graph has (node outputs, initializers, inputs), or one it does not. */
    private static String valueName(GraphProto.Builder g, int c) {
        List<String> names = new ArrayList<>();
        g.getInputList().forEach(v -> names.add(v.getName()));
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        g.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        names.add("missing");
        names.add("");
        return names.get(c % names.size());
    }

    private static AttributeProto attribute(int b, int c) {
        String name = List.of("alpha", "beta", "transA", "transB", "axis", "value", "value_float", "value_ints")
                .get(b % 8);
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        switch (c % 6) {
            case 0 -> a.setType(AttributeProto.AttributeType.INT).setI(new long[] {0, 1, -1, 2, 1_000_000_000L}[c % 5]);
            case 1 -> a.setType(AttributeProto.AttributeType.FLOAT).setF(SPECIAL_FLOATS[c % SPECIAL_FLOATS.length]);
            case 2 -> a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8("x"));
            case 3 -> a.setType(AttributeProto.AttributeType.TENSOR).setT(TensorProto.newBuilder().setDataType(1)
                    .addDims(c % 4).addFloatData(1f));
            case 4 -> a.setType(AttributeProto.AttributeType.INTS).addInts(1).addInts(2);
            default -> a.setType(AttributeProto.AttributeType.FLOAT).setF(c % 2 == 0 ? 0.01f : -3f);
        }
        return a.build();
    }

    /** Element {@code b} of the tensor's data set to a special value (NaN, infinities, the largest, ...). */
    private static void setValue(TensorProto.Builder t, int b, int c) {
        if (!t.getRawData().isEmpty()) {
            byte[] raw = t.getRawData().toByteArray();
            ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            if (t.getDataType() == TensorProto.DataType.DOUBLE_VALUE && raw.length >= 8) {
                buffer.putDouble(8 * (b % (raw.length / 8)), SPECIAL_DOUBLES[c % SPECIAL_DOUBLES.length]);
            } else if (raw.length >= 4) {
                buffer.putFloat(4 * (b % (raw.length / 4)), SPECIAL_FLOATS[c % SPECIAL_FLOATS.length]);
            }
            t.setRawData(ByteString.copyFrom(raw));
        } else if (t.getFloatDataCount() > 0) {
            t.setFloatData(b % t.getFloatDataCount(), SPECIAL_FLOATS[c % SPECIAL_FLOATS.length]);
        } else if (t.getDoubleDataCount() > 0) {
            t.setDoubleData(b % t.getDoubleDataCount(), SPECIAL_DOUBLES[c % SPECIAL_DOUBLES.length]);
        }
    }

    /** The tensor's data moved, cut, grown, duplicated or declared external. */
    private static void changeData(TensorProto.Builder t, int b, int c) {
        byte[] raw = t.getRawData().toByteArray();
        switch (c % 6) {
            case 0 -> t.clearRawData();
            case 1 -> t.setRawData(ByteString.copyFrom(raw, 0, Math.max(0, raw.length - 1 - b % 8)));
            case 2 -> t.setRawData(ByteString.copyFrom(java.util.Arrays.copyOf(raw, raw.length + 1 + b % 8)));
            case 3 -> {
                ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                t.clearRawData();
                for (int i = 0; i + 4 <= raw.length; i += 4) {
                    t.addFloatData(buffer.getFloat(i));
                }
            }
            case 4 -> t.addFloatData(1f).addFloatData(2f);
            default -> t.setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("/etc/passwd"));
        }
    }

    private void graphInput(GraphProto.Builder g) {
        if (g.getInputCount() == 0) {
            return;
        }
        ValueInfoProto.Builder in = g.getInputBuilder(0);
        TensorShapeProto.Builder shape = in.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        switch (b % 6) {
            case 0 -> {
                if (shape.getDimCount() > 0) {
                    shape.getDimBuilder(shape.getDimCount() - 1).setDimValue(WIDTHS[c % WIDTHS.length]);
                }
            }
            case 1 -> in.getTypeBuilder().getTensorTypeBuilder().setElemType(new int[] {0, 6, 7, 10, 11, 1}[c % 6]);
            case 2 -> shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1));
            case 3 -> {
                if (shape.getDimCount() > 0) {
                    shape.getDimBuilder(shape.getDimCount() - 1).setDimParam("width");
                }
            }
            case 4 -> g.addInput(ValueInfoProto.newBuilder().setName(String.format("extra%d", c)).setType(in.getType()));
            default -> g.removeInput(0);
        }
    }

    private void graphOutput(GraphProto.Builder g) {
        switch (b % 4) {
            case 0 -> g.clearOutput();
            case 1 -> g.addOutput(ValueInfoProto.newBuilder().setName(valueName(g, c)));
            case 2 -> {
                if (g.getOutputCount() > 0) {
                    g.getOutputBuilder(0).setName(valueName(g, c));
                }
            }
            default -> {
                if (g.getOutputCount() > 0) {
                    TensorShapeProto.Builder shape = g.getOutputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
                    shape.clearDim().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(WIDTHS[c % WIDTHS.length]));
                }
            }
        }
    }
}
