package dev.streamscore.job.serving;

import dev.streamscore.graph.Node;
import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import dev.streamscore.score.Classifier;
import dev.streamscore.score.Label;
import dev.streamscore.score.Scores;
import dev.streamscore.util.Excerpt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * A model ready to serve on one thread: its {@link ModelBytes} (what is carried and checkpointed)
 * and its compiled {@link Classifier} (what scores). Each model file or update is parsed and
 * compiled once, here, and carried on from where it was checked to where it serves.
 */
public final class LoadedModel {
    private final ModelBytes bytes;
    private final Classifier classifier;

    private LoadedModel(ModelBytes bytes, Classifier classifier) {
        this.bytes = bytes;
        this.classifier = classifier;
    }

    /** {@link #read(Path, int, int)} with the default limit of {@code --max-model-bytes}. */
    public static LoadedModel read(Path file, int maxBatch) throws IOException {
        return read(file, maxBatch, JobOptionsBuilder.DEFAULT_MAX_MODEL_BYTES);
    }

    /**
     * Reads a model file of at most {@code maxModelBytes} bytes (never holding more, whatever the
     * file is: see {@link ModelFileReader}): name = the file name without extension and version =
     * the content hash, unless the model sets them; compiled for batches of up to {@code maxBatch} rows.
     *
     * @throws IllegalArgumentException (a {@link dev.streamscore.model.ModelFormatException} for
     *         the file's size or content, a {@link dev.streamscore.plan.PlanTooLargeException} for
     *         buffers the heap cannot spare) when the file is not a model or does not compile
     */
    public static LoadedModel read(Path file, int maxBatch, int maxModelBytes) throws IOException {
        byte[] value = ModelFileReader.read(file, maxModelBytes);
        Model model = ModelLoader.fromBytes(value, ModelLoader.defaultName(file.getFileName().toString()), null);
        return compile(new ModelBytes(model.name(), model.version(), value), model, maxBatch);
    }

    /**
     * Parses and compiles {@code bytes}; the model is named {@code name@version} of the bytes,
     * whatever the file says.
     *
     * @throws IllegalArgumentException when the bytes are not a model or do not compile
     */
    public static LoadedModel load(ModelBytes bytes, int maxBatch) {
        Model parsed = ModelLoader.fromBytes(bytes.bytes(), bytes.name(), bytes.version());
        return compile(bytes, parsed, maxBatch);
    }

    /** Compiles a model parsed from {@code bytes}, named by {@code bytes}. */
    public static LoadedModel compile(ModelBytes bytes, Model parsed, int maxBatch) {
        Model named = new Model(bytes.name(), bytes.version(), parsed.graph(), parsed.featureFields());
        return new LoadedModel(bytes, Classifier.compile(named, maxBatch));
    }

    public ModelBytes bytes() {
        return bytes;
    }

    /** The compiled model; owns buffers, so one thread at a time. */
    public Classifier classifier() {
        return classifier;
    }

    /** {@code name@version}. */
    public String id() {
        return bytes.id();
    }

    public int inputWidth() {
        return classifier.inputWidth();
    }

    public int classes() {
        return classifier.classes();
    }

    /** The event fields the model names for its features, in order; empty when it names none. */
    public java.util.List<String> featureFields() {
        return classifier.model().featureFields();
    }

    /** Why this model cannot serve records of {@code inputWidth} features and {@code classes} classes, if it cannot. */
    public Optional<String> incompatibility(int inputWidth, int classes) {
        if (inputWidth() != inputWidth) {
            return Optional.of(String.format("input width: the model takes %d inputs, the job scores records of %d",
                    inputWidth(), inputWidth));
        }
        if (classes() != classes) {
            return Optional.of(String.format("classes: the model has %d classes, the job validates labels for %d",
                    classes(), classes));
        }
        return Optional.empty();
    }

    /**
     * Why this model cannot serve at all, if it cannot: a parameter (weight, bias, constant,
     * attribute) that is NaN or infinite, or a forward pass on a row of zeros whose probabilities
     * or loss are not finite. The same checks for a model file and for a model update.
     */
    public Optional<String> defect() {
        for (Node n : classifier.plan().order()) {
            Optional<String> bad = nonFinite(n);
            if (bad.isPresent()) {
                return bad;
            }
        }
        DMatrixRMaj in = classifier.input(1);
        Arrays.fill(in.data, 0, classifier.inputWidth(), 0.0);
        Scores out = classifier.newScores();
        classifier.classify(new Label[] {Label.ofIndex(0)}, out);
        double[] p = new double[classes()];
        boolean finite = Double.isFinite(out.loss(0));
        for (int j = 0; j < p.length; j++) {
            p[j] = out.probability(0, j);
            finite &= Double.isFinite(p[j]);
        }
        return finite ? Optional.empty() : Optional.of(String.format(
                "a forward pass on a row of zeros is not finite: probabilities %s, loss %s",
                Excerpt.list(Arrays.stream(p).boxed().toList()), out.loss(0)));
    }

    /** The first parameter of {@code n} that is NaN or infinite. */
    private static Optional<String> nonFinite(Node n) {
        if (n instanceof Node.Linear l) {
            DMatrixRMaj w = l.weight();
            for (int i = 0; i < w.getNumElements(); i++) {
                if (!Double.isFinite(w.data[i])) {
                    return Optional.of(String.format("parameters: node %s: weight (%d, %d) is %s",
                            n, i / w.numCols, i % w.numCols, w.data[i]));
                }
            }
            return firstNonFinite(n, "bias", l.bias());
        }
        if (n instanceof Node.WithConstant c) {
            return firstNonFinite(n, "constant", c.constant());
        }
        if (n instanceof Node.Unary u && !Double.isFinite(u.attribute())) {
            return Optional.of(String.format("parameters: node %s: %s is %s", n, u.op().attribute(), u.attribute()));
        }
        return Optional.empty();
    }

    private static Optional<String> firstNonFinite(Node n, String field, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return Optional.of(String.format("parameters: node %s: %s[%d] is %s", n, field, i, values[i]));
            }
        }
        return Optional.empty();
    }

    /** Equal when the bytes, name and version are: the compiled form follows from them. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LoadedModel m && m.bytes.equals(bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    @Override
    public String toString() {
        return String.format("LoadedModel[%s]", id());
    }
}
