package dev.streamscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.score.Classifier;
import dev.streamscore.score.Label;
import dev.streamscore.score.OutputKind;
import dev.streamscore.score.Score;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with PyTorch float64 (contract, "Numerical fidelity"): each ONNX fixture of
 * tools/make_fixtures.py loaded with {@link ModelLoader} and scored with {@link Classifier} gives
 * probabilities within 1e-12 absolute, losses within 1e-9 relative and the same arg-max as the
 * reference computed by PyTorch on the parameters stored in the file.
 */
class OnnxParityTest {
    private static final Path PARITY = ImportedFixturesTest.PARITY;
    private static final Path DEMO = ImportedFixturesTest.DEMO;

    /** Rows, labels and expected results of a reference file. */
    private record Reference(List<double[]> features, List<Label> labels, List<Map<String, Object>> rows) {
        static Reference read(Path file) throws IOException {
            Map<String, Object> doc = JsonTree.object(JsonTree.read(file));
            List<double[]> features = new ArrayList<>();
            List<Label> labels = new ArrayList<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Object o : JsonTree.list(doc.get("rows"))) {
                Map<String, Object> r = JsonTree.object(o);
                features.add(JsonTree.doubles(r.get("features")));
                Object label = r.get("label");
                labels.add(label == null ? null : label instanceof Number n ? Label.ofIndex(n.intValue())
                        : Label.ofDistribution(JsonTree.doubles(label)));
                rows.add(r);
            }
            return new Reference(features, labels, rows);
        }
    }

    static List<String> cases() throws IOException {
        return ImportedFixturesTest.cases().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchFloat64(String name) throws IOException {
        Map<String, Object> doc = JsonTree.object(JsonTree.read(PARITY.resolve(name + ".expected.json")));
        Reference ref = Reference.read(PARITY.resolve(name + ".expected.json"));
        Classifier scorer = Classifier.compile(ModelLoader.load(PARITY.resolve(name + ".onnx")), 7);
        assertEquals(((Number) doc.get("input_width")).intValue(), scorer.inputWidth());
        assertEquals(((Number) doc.get("classes")).intValue(), scorer.classes());
        assertEquals(switch ((String) doc.get("output_kind")) {
            case "softmax" -> OutputKind.PROBABILITIES;
            case "log_softmax" -> OutputKind.LOG_PROBABILITIES;
            default -> OutputKind.LOGITS;
        }, scorer.outputKind());
        Score[] scores = scorer.score(ref.features(), ref.labels());
        assertMatches(name, ref, scores, ref.rows().size());
        Score[] oneByOne = Classifier.compile(ModelLoader.load(PARITY.resolve(name + ".onnx")), 1)
                .score(ref.features(), ref.labels());
        assertSameBits(scores, oneByOne, name + ", batch 7 vs batch 1");
    }

    private static void assertMatches(String name, Reference ref, Score[] scores, int rows) {
        for (int i = 0; i < rows; i++) {
            Map<String, Object> r = ref.rows().get(i);
            double[] expected = JsonTree.doubles(r.get("probabilities"));
            double[] p = scores[i].probabilities();
            assertEquals(expected.length, p.length);
            for (int j = 0; j < p.length; j++) {
                assertTrue(Math.abs(p[j] - expected[j]) <= 1e-12, String.format(
                        "%s row %d p[%d]: engine %s, torch %s, |diff| %.3g", name, i, j, p[j], expected[j],
                        Math.abs(p[j] - expected[j])));
            }
            assertEquals(((Number) r.get("predicted")).intValue(), scores[i].predicted(),
                    String.format("%s row %d predicted", name, i));
            Object loss = r.get("loss");
            if (loss == null) {
                assertTrue(Double.isNaN(scores[i].loss()), String.format("%s row %d: unlabelled, loss NaN", name, i));
            } else {
                double t = ((Number) loss).doubleValue();
                double e = scores[i].loss();
                assertTrue(Math.abs(e - t) <= 1e-9 * Math.max(1, Math.abs(t)), String.format(
                        "%s row %d loss: engine %s, torch %s", name, i, e, t));
            }
        }
    }

    private static void assertSameBits(Score[] a, Score[] b, String what) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].probabilities().length; j++) {
                assertEquals(Double.doubleToRawLongBits(a[i].probabilities()[j]),
                        Double.doubleToRawLongBits(b[i].probabilities()[j]), String.format("%s: row %d p[%d]", what, i, j));
            }
            assertEquals(a[i].predicted(), b[i].predicted());
            assertEquals(Double.doubleToRawLongBits(a[i].loss()), Double.doubleToRawLongBits(b[i].loss()),
                    String.format("%s: row %d loss", what, i));
        }
    }

    @Test
    void opset11AndOpset17ExportsScoreTheSameBits() throws IOException {
        Reference ref = Reference.read(PARITY.resolve("i_opset11.expected.json"));
        Score[] a = Classifier.compile(ModelLoader.load(PARITY.resolve("i_opset11.onnx")), 8).score(ref.features(), ref.labels());
        Score[] b = Classifier.compile(ModelLoader.load(PARITY.resolve("i_opset17.onnx")), 8).score(ref.features(), ref.labels());
        assertSameBits(a, b, "opset 11 vs opset 17");
    }

    @Test
    void demoModelJsonAndOnnxScoreTheSameBitsAndMatchPyTorch() throws IOException {
        Model json = ModelLoader.load(DEMO.resolve("digits.json"));
        Model onnx = ModelLoader.load(DEMO.resolve("digits.onnx"));
        List<double[]> features = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (String line : Files.readAllLines(DEMO.resolve("digits.jsonl"), StandardCharsets.UTF_8)) {
            Map<String, Object> r = JsonTree.object(JsonTree.parse(line));
            features.add(JsonTree.doubles(r.get("features")));
            labels.add(Label.ofIndex(((Number) r.get("label")).intValue()));
        }
        assertEquals(1797, features.size());
        Classifier fromJson = Classifier.compile(json, 256);
        Score[] a = fromJson.score(features, labels);
        Score[] b = Classifier.compile(onnx, 100).score(features, labels);
        assertSameBits(a, b, "digits.json vs digits.onnx");
        int correct = 0;
        for (int i = 0; i < a.length; i++) {
            correct += a[i].predicted() == labels.get(i).index() ? 1 : 0;
        }
        double accuracy = (double) correct / a.length;
        assertTrue(accuracy >= 0.95, String.format("demo model accuracy on the whole data set: %.4f", accuracy));

        Reference ref = Reference.read(PARITY.resolve("digits.reference.json"));
        assertMatches("digits", ref, fromJson.score(ref.features(), ref.labels()), ref.rows().size());
    }
}
