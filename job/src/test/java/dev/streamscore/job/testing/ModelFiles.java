package dev.streamscore.job.testing;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.MlpBuilder;
import dev.streamscore.graph.OpType;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.model.JsonModelFormat;
import dev.streamscore.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;

/**
 * Model files for the model fuzz test: the bases (the ONNX files PyTorch exported for the parity
 * tests and the demo, and streamscore JSON models covering every op), and the cases
 * {@link #draw} makes of them: mutated structurally ({@link OnnxEdit}, {@link JsonEdit}), byte by byte
 * ({@link ByteMutation}), or both.
 */
public final class ModelFiles {
    /** The ONNX files exported by PyTorch for the engine's parity tests, relative to the job module. */
    static final Path PARITY = Path.of("../operators/src/test/resources/parity");

    /**
     * A model file to mutate.
     *
     * @param width   its input width
     * @param classes its class count
     */
    public record Base(String name, byte[] bytes, int width, int classes, boolean onnx) {
        @Override
        public String toString() {
            return String.format("%s (%d bytes)", name, bytes.length);
        }
    }

    /** A mutated model file: the generator, its base, the edits made (for failure reports) and its bytes. */
    public record ModelCase(String kind, Base base, String edits, byte[] bytes) {
        @Override
        public String toString() {
            return new FuzzValue(String.format("%s of %s by %s", kind, base.name(), edits), bytes).toString();
        }
    }

    private ModelFiles() {}

    /** Every base: the parity and demo ONNX files, the demo JSON model and small JSON models of every op. */
    public static List<Base> bases() {
        List<Base> bases = new ArrayList<>();
        try (Stream<Path> files = Files.list(PARITY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".onnx")).sorted().toList()) {
                bases.add(base(f.getFileName().toString(), Files.readAllBytes(f), true));
            }
            bases.add(base("digits.onnx", Files.readAllBytes(TestData.DIGITS_MODEL), true));
            bases.add(base("digits.json", Files.readAllBytes(TestModels.DIGITS_JSON), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bases.add(json("mlp-relu-softmax.json", new MlpBuilder().inputWidth(6).hidden(8).outputWidth(3)
                .activation("relu").head(MlpBuilder.Head.SOFTMAX).seed(1).build()));
        bases.add(json("mlp-tanh-log-softmax.json", new MlpBuilder().inputWidth(5).hidden(7, 4).outputWidth(4)
                .activation("tanh").head(MlpBuilder.Head.LOG_SOFTMAX).seed(2).build()));
        bases.add(json("mlp-sigmoid-logits.json", new MlpBuilder().inputWidth(4).hidden(6).outputWidth(2)
                .activation("sigmoid").head(MlpBuilder.Head.NONE).seed(3).build()));
        bases.add(json("mlp-leaky-relu.json", new MlpBuilder().inputWidth(3).hidden(5).outputWidth(3)
                .activation("leaky_relu").leakyReluAlpha(0.2).head(MlpBuilder.Head.SOFTMAX).seed(4).build()));
        bases.add(json("elementwise.json", elementwise()));
        return List.copyOf(bases);
    }

    /**
     * A mutated model: mostly of a small base, now and then of a digits model (larger, so slower to
     * read); structure edits, byte edits, both, or none.
     */
    public static ModelCase draw(RandomGenerator r, List<Base> bases) {
        int[] weights = new int[bases.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = bases.get(i).name().startsWith("digits") ? 1 : 8;
        }
        Base b = bases.get(Draw.weighted(r, weights));
        return switch (Draw.weighted(r, 10, 6, 3, 1)) {
            case 0 -> structure(r, b);
            case 1 -> {
                List<ByteMutation> edits = ByteMutation.list(r, 6);
                yield new ModelCase("bytes", b, edits.toString(), ByteMutation.apply(b.bytes(), edits, TOKENS));
            }
            case 2 -> {
                ModelCase s = structure(r, b);
                List<ByteMutation> edits = ByteMutation.list(r, 3);
                yield new ModelCase(String.format("%s+bytes", s.kind()), b, String.format("%s then %s", s.edits(), edits),
                        ByteMutation.apply(s.bytes(), edits, TOKENS));
            }
            default -> new ModelCase("unchanged", b, "nothing", b.bytes());
        };
    }

    /** {@code b} with 1 to 4 structural edits of its format. */
    private static ModelCase structure(RandomGenerator r, Base b) {
        if (b.onnx()) {
            List<OnnxEdit> edits = OnnxEdit.list(r, 4);
            return new ModelCase("onnx-structure", b, edits.toString(), OnnxEdit.apply(b.bytes(), edits));
        }
        List<JsonEdit> edits = JsonEdit.list(r, 4);
        return new ModelCase("json-structure", b, edits.toString(), JsonEdit.apply(b.bytes(), edits));
    }

    /** What a byte edit of a model may insert: the record tokens, and protobuf varints and lengths. */
    static final List<byte[]> TOKENS = tokens();

    private static List<byte[]> tokens() {
        List<byte[]> t = new ArrayList<>(RecordValues.TOKENS);
        t.add(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, 0x01});
        t.add(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
        t.add(new byte[] {0x3a, (byte) 0x80, (byte) 0x80, 0x04});
        t.add(new byte[] {0x08, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
        t.add(new byte[] {0x12, 0x00});
        t.add(new byte[] {0x00, 0x00, (byte) 0xc0, 0x7f});
        t.add(new byte[] {0x00, 0x00, (byte) 0x80, 0x7f});
        return List.copyOf(t);
    }

    private static Base base(String name, byte[] bytes, boolean onnx) {
        LoadedModel m = LoadedModel.load(new ModelBytes("base", "1", bytes), 1);
        return new Base(name, bytes, m.inputWidth(), m.classes(), onnx);
    }

    private static Base json(String name, Graph graph) {
        return base(name, JsonModelFormat.toBytes(new Model(name.replace(".json", ""), "1", graph)), false);
    }

    /**
     * x(4) - c, / 2, linear to 6, relu; that times 0.5 plus itself (a binary node of two inputs),
     * linear to 3, softmax: every kind of node in one small graph.
     */
    private static Graph elementwise() {
        Graph.Builder b = Graph.builder();
        int x = b.input("x", 4);
        int centred = b.binaryConstant(OpType.SUB, x, new double[] {0.1, 0.2, 0.3, 0.4});
        int scaled = b.binaryConstant(OpType.DIV, centred, new double[] {2});
        DMatrixRMaj w1 = new DMatrixRMaj(6, 4);
        for (int i = 0; i < w1.data.length; i++) {
            w1.data[i] = Math.sin(i + 1);
        }
        int h = b.unary(OpType.RELU, b.linear(scaled, w1, new double[] {0.1, 0, -0.1, 0.2, 0, 0}));
        int both = b.binary(OpType.ADD, b.binaryConstant(OpType.MUL, h, new double[] {0.5}), h);
        DMatrixRMaj w2 = new DMatrixRMaj(3, 6);
        for (int i = 0; i < w2.data.length; i++) {
            w2.data[i] = Math.cos(i + 1);
        }
        int y = b.unary(OpType.SOFTMAX, b.linear(b.unary(OpType.IDENTITY, both), w2, null));
        return b.output(y).build();
    }
}
