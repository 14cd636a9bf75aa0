package dev.streamscore.sql.engine;

import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import dev.streamscore.ops.Softmax;
import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import dev.streamscore.score.Scorer;
import java.util.List;

/**
 * The only class of this module that calls the streamscore engine: loading, compiling and scoring
 * one row at a time. Everything else sees the engine through this class and {@link Prediction}, so
 * a change of the engine's API is a change of this file alone.
 *
 * <p>One instance per thread: the compiled plan owns its buffers.
 */
public final class EngineModel {
    private final Scorer scorer;
    private final double[] logits;

    private EngineModel(Scorer scorer) {
        this.scorer = scorer;
        this.logits = new double[scorer.classes()];
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
        return new EngineModel(Scorer.compile(model, 1));
    }

    /** The first 12 hex digits of the SHA-256 of {@code bytes}: the version of a model that sets none. */
    public static String contentVersion(byte[] bytes) {
        return ModelLoader.contentVersion(bytes);
    }

    public String name() {
        return scorer.model().name();
    }

    public String version() {
        return scorer.model().version();
    }

    /** {@code name@version}. */
    public String id() {
        return scorer.model().id();
    }

    /** Features per row. */
    public int inputWidth() {
        return scorer.inputWidth();
    }

    public int classes() {
        return scorer.classes();
    }

    /**
     * Scores one row.
     *
     * @param features          exactly {@link #inputWidth()} finite numbers (read only)
     * @param labelIndex        a class index in {@code [0, classes)}, or -1
     * @param labelDistribution when {@code labelIndex} is -1: {@link #classes()} non-negative numbers
     *                          summing to 1, or null for an unlabelled row (read only)
     */
    public Prediction score(double[] features, int labelIndex, double[] labelDistribution) {
        Label label = labelIndex >= 0 ? Label.ofIndex(labelIndex)
                : labelDistribution != null ? Label.ofDistribution(labelDistribution) : null;
        List<Label> labels = label == null ? null : List.of(label);
        Score score = scorer.score(List.of(features), labels, logits)[0];
        return new Prediction(score.probabilities(), score.predicted(), score.loss(), logits.clone());
    }

    /**
     * Log-softmax of a row of logits by log-sum-exp with the engine's own max and sum:
     * {@code log pⱼ = (zⱼ - m) - log Σₖ e^(zₖ - m)}, m the row maximum. These are the numbers the
     * loss is made of, so for a class-index label y, {@code log p_y = -loss} bit for bit.
     *
     * @return a fresh array; {@code logits} is not modified
     */
    public static double[] logProbabilities(double[] logits) {
        final int n = logits.length;
        final double m = Softmax.max(logits, 0, n);
        final double logSum = Math.log(Softmax.sumExp(logits, 0, n, m));
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = logits[j] - m - logSum;
        }
        return out;
    }
}
