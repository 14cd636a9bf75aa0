package dev.streamscore.job.testing;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.streamscore.graph.Graph;
import dev.streamscore.graph.MlpBuilder;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.pipeline.RawKafkaRecord;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.serving.ModelServing;
import dev.streamscore.job.serving.ModelUpdate;
import dev.streamscore.job.serving.Role;
import dev.streamscore.model.JsonModelFormat;
import dev.streamscore.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/** Small real models (streamscore JSON bytes) and the offline scores the job must reproduce. */
public final class TestModels {
    private TestModels() {}

    /** A softmax MLP of {@code width} inputs, one hidden layer of 8 and {@code classes} outputs, seeded. */
    public static ModelBytes mlp(String name, String version, int width, int classes, long seed) {
        Graph graph = new MlpBuilder().inputWidth(width).hidden(8).outputWidth(classes)
                .activation("tanh").head(MlpBuilder.Head.SOFTMAX).seed(seed).build();
        return new ModelBytes(name, version, JsonModelFormat.toBytes(new Model(name, version, graph)));
    }

    /** The demo digits model in streamscore JSON (64 inputs, 10 classes), relative to the job module. */
    public static final Path DIGITS_JSON = Path.of("../demo/digits.json");

    public static ModelBytes digitsJson() {
        try {
            return LoadedModel.read(DIGITS_JSON, 1).bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code base} with every linear weight and bias multiplied by {@code 1 + scale·u}, u uniform in
     * [-1, 1) from {@code seed}: a different model of the same shape, as streamscore JSON bytes
     * named {@code name@version}.
     */
    public static ModelBytes perturbed(ModelBytes base, String name, String version, double scale, long seed) {
        Random random = new Random(seed);
        Graph graph = LoadedModel.load(base, 1).classifier().model().graph();
        Graph.Builder b = Graph.builder();
        for (Node n : graph.nodes()) {
            if (n instanceof Node.Linear l) {
                DMatrixRMaj w = l.weight().copy();
                for (int i = 0; i < w.data.length; i++) {
                    w.data[i] *= 1 + scale * (2 * random.nextDouble() - 1);
                }
                double[] bias = l.bias().clone();
                for (int i = 0; i < bias.length; i++) {
                    bias[i] *= 1 + scale * (2 * random.nextDouble() - 1);
                }
                b.node(Node.linear(l.id(), l.input(), w, bias));
            } else {
                b.node(n);
            }
        }
        Model model = new Model(name, version, b.output(graph.outputId()).build());
        return new ModelBytes(name, version, JsonModelFormat.toBytes(model));
    }

    /**
     * A JSON model of {@code width} inputs and {@code classes} classes whose parameters are all
     * finite but whose forward pass overflows: a hidden bias of 1e308 times output weights of 10.
     */
    public static byte[] overflowing(int width, int classes) {
        Graph.Builder b = Graph.builder();
        int x = b.input("x", width);
        double[] big = new double[4];
        java.util.Arrays.fill(big, 1e308);
        int h = b.linear(x, new DMatrixRMaj(4, width), big);
        DMatrixRMaj out = new DMatrixRMaj(classes, 4);
        out.fill(10);
        int y = b.unary(OpType.SOFTMAX, b.linear(h, out, null));
        return JsonModelFormat.toBytes(new Model("overflow", "1", b.output(y).build()));
    }

    /** The demo digits ONNX model with one weight of its second Gemm set to NaN. */
    public static byte[] digitsOnnxWithNaN() {
        OnnxMl.ModelProto.Builder m = digitsOnnx().toBuilder();
        for (OnnxMl.TensorProto.Builder t : m.getGraphBuilder().getInitializerBuilderList()) {
            if (t.getName().equals("body.2.weight")) {
                ByteBuffer raw = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
                raw.putFloat(4 * 7, Float.NaN);
                t.setRawData(ByteString.copyFrom(raw.array()));
            }
        }
        return m.build().toByteArray();
    }

    /** The demo digits ONNX model with its nodes of type {@code from} changed to {@code to}. */
    public static byte[] digitsOnnxWithOperator(String from, String to) {
        OnnxMl.ModelProto.Builder m = digitsOnnx().toBuilder();
        for (OnnxMl.NodeProto.Builder n : m.getGraphBuilder().getNodeBuilderList()) {
            if (n.getOpType().equals(from)) {
                n.setOpType(to);
            }
        }
        return m.build().toByteArray();
    }

    private static OnnxMl.ModelProto digitsOnnx() {
        try {
            return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(TestData.DIGITS_MODEL));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model-topic record read from {@code models@0:offset}; {@code key}, {@code version} and {@code role} may be null. */
    public static ModelUpdate update(String key, byte[] value, String version, String role, long offset) {
        return new ModelUpdate(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, version, role, null,
                "models", 0, offset, 5_000L + offset);
    }

    /** The output value of each record as the job and {@code score} render it: one batch through {@link ModelServing}. */
    public static List<byte[]> offlineScores(ModelBytes model, List<InputRecord> records) {
        LoadedModel loaded = LoadedModel.load(model, Math.max(1, records.size()));
        ModelServing serving = new ModelServing(loaded.inputWidth(), loaded.classes(), 1);
        serving.install(Role.PRIMARY, loaded);
        List<byte[]> out = new ArrayList<>();
        try {
            serving.score(records, Function.identity(), new ModelServing.Output() {
                @Override
                public void scored(int row, byte[] value) {
                    out.add(value);
                }

                @Override
                public void failed(int row, String error) {
                    throw new IllegalStateException(String.format("row %d has no score: %s", row, error));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Operator settings: batches of {@code batchSize} rows or {@code timeoutMs}, the default limits, no evaluation records. */
    public static JobOptions.Scoring scoring(int batchSize, long timeoutMs) {
        return scoring(batchSize, timeoutMs, 1_000, 5_000, false);
    }

    /** Operator settings with an evaluation over {@code window} records every {@code intervalMs} ({@code emit}: records written). */
    public static JobOptions.Scoring scoring(int batchSize, long timeoutMs, int window, long intervalMs, boolean emit) {
        return new JobOptions.Scoring(batchSize, timeoutMs, window, intervalMs, emit,
                JobOptionsBuilder.DEFAULT_MAX_RECORD_BYTES, JobOptionsBuilder.DEFAULT_DEAD_LETTER_MAX_RAW_BYTES,
                JobOptionsBuilder.DEFAULT_MAX_MODEL_BYTES, null);
    }

    /**
     * {@code record} as the Kafka record the job reads: key {@code key}, the JSON value
     * {@code {"id": ..., "features": [...], "label": ...}} (doubles written to round-trip),
     * topic {@code events} partition 0 at {@code offset}, Kafka timestamp {@code timestamp}.
     */
    public static RawKafkaRecord raw(String key, InputRecord record, long offset, long timestamp) {
        StringBuilder json = new StringBuilder("{\"id\": ");
        json.append(record.id().numeric() ? record.id().text() : String.format("\"%s\"", record.id().text()));
        json.append(", \"features\": [");
        double[] f = record.features();
        for (int i = 0; i < f.length; i++) {
            json.append(i == 0 ? "" : ", ").append(f[i]);
        }
        json.append(']');
        if (record.label() != null) {
            json.append(", \"label\": ");
            if (record.label().isIndex()) {
                json.append(record.label().index());
            } else {
                json.append(java.util.Arrays.toString(record.label().distribution()));
            }
        }
        byte[] value = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        return new RawKafkaRecord(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, value.length,
                "events", 0, offset, timestamp);
    }
}
