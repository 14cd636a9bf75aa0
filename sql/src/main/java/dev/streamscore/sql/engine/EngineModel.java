package dev.streamscore.sql.engine;

import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import dev.streamscore.ops.Softmax;
import dev.streamscore.score.Classifier;
import dev.streamscore.score.Label;
import dev.streamscore.score.Scores;
import org.ejml.data.DMatrixRMaj;

/**
 * The only class of this module that calls the streamscore engine: loading, compiling and scoring
 * one row at a time. Everything else sees the engine through this class and {@link Prediction}, so
 * a change of the engine's API is a change of this file alone.
 *
 * <p>One instance per thread: the compiled plan owns its buffers.
 */
public final class EngineModel {
    private final Classifier classifier;
    private final Scores scores;
    private final Label[] label = new Label[1];

    private EngineModel(Classifier classifier) {
        this.classifier = classifier;
        this.scores = classifier.newScores();
    }

    /**
     * Reads (ONNX or streamscore JSON, told apart by content) and compiles a model for one row per call.
     *
     * @param defaultName the name unless the model sets one (the file name without its extension)
     * @param version     an explicit version, or null for the model's own (else the content digest)
     * @throws IllegalArgumentException (a {@code ModelFormatException} among them) with the reason
     *                                  when the bytes are not a model the engine can score
     */
    public static EngineModel load(byte[] bytes, String defaultName, String version) {
        Model model = ModelLoader.fromBytes(bytes, defaultName, version);
        return new EngineModel(Classifier.compile(model, 1));
    }

    /** The first 12 hex digits of the SHA-256 of {@code bytes}: the version of a model that sets none. */
    public static String contentVersion(byte[] bytes) {
        return ModelLoader.contentVersion(bytes);
    }

    public String name() {
        return classifier.model().name();
    }

    public String version() {
        return classifier.model().version();
    }

    /** {@code name@version}. */
    public String id() {
        return classifier.model().id();
    }

    /** Features per row. */
    public int inputWidth() {
        return classifier.inputWidth();
    }

    public int classes() {
        return classifier.classes();
    }

    /**
     * Scores one row: the same path, and so the same bits, as the job's batches.
     *
     * @param features          exactly {@link #inputWidth()} finite numbers (read only)
     * @param labelIndex        a class index in {@code [0, classes)}, or -1
     * @param labelDistribution when {@code labelIndex} is -1: {@link #classes()} non-negative numbers
     *                          summing to 1, or null for an unlabelled row (read only)
     */
    public Prediction score(double[] features, int labelIndex, double[] labelDistribution) {
        label[0] = labelIndex >= 0 ? Label.ofIndex(labelIndex)
                : labelDistribution != null ? Label.ofDistribution(labelDistribution) : null;
        DMatrixRMaj in = classifier.input(1);
        System.arraycopy(features, 0, in.data, 0, classifier.inputWidth());
        classifier.classify(label, scores);
        int classes = classifier.classes();
        double[] probabilities = new double[classes];
        for (int j = 0; j < classes; j++) {
            probabilities[j] = scores.probability(0, j);
        }
        double[] logits = java.util.Arrays.copyOf(classifier.logits().data, classes);
        return new Prediction(probabilities, scores.predicted(0), scores.loss(0), logits, scores.problem(0));
    }

    /**
     * Log-softmax of a row of logits by log-sum-exp with the engine's own max and sum:
     * {@code log pⱼ = (zⱼ - m) - log Σₖ e^(zₖ - m)}, m the row maximum. These are the numbers the
     * loss is made of, so for a class-index label y, {@code log p_y = -loss} bit for bit.
     *
     * @return a fresh array; {@code logits} is not modified
     */
    public static double[] logProbabilities(double[] logits) {
        double[] out = new double[logits.length];
        Softmax.logSoftmaxRow(logits, 0, logits.length, out, 0);
        return out;
    }
}
