package dev.streamscore.job.pipeline;

import dev.streamscore.job.lifecycle.Role;
import dev.streamscore.job.lifecycle.RollingEvaluation;
import dev.streamscore.score.Score;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models a scoring subtask serves and their evaluations: a primary model whose scores are the
 * job's output, and optionally a shadow model that scores the same batches for evaluation only.
 * Plain Java, one instance per thread (it owns the compiled models' buffers).
 *
 * <p>Each model version (per role) has a {@link RollingEvaluation} of its labelled records, created
 * when the version is first installed and kept when it is replaced, so its figures stay readable.
 */
final class ModelServing {
    private final int inputWidth;
    private final int classes;
    private final int maxBatch;
    private final int window;
    private final Map<Role, Served> served = new EnumMap<>(Role.class);
    private final Map<String, RollingEvaluation> evaluations = new LinkedHashMap<>();

    private record Served(ModelSpec spec, RecordScorer scorer, RollingEvaluation evaluation) {}

    /**
     * @param inputWidth the input width every model must have (what the parser validates)
     * @param classes    the class count every model must have
     * @param maxBatch   the largest batch {@link #score} is given
     * @param window     the evaluation window, in labelled records
     */
    ModelServing(int inputWidth, int classes, int maxBatch, int window) {
        this.inputWidth = inputWidth;
        this.classes = classes;
        this.maxBatch = maxBatch;
        this.window = window;
    }

    /**
     * Compiles {@code spec} and makes it the model of {@code role}; a null {@code spec} removes the shadow.
     *
     * @throws IllegalStateException when the model does not fit the job's input width and class count
     * @throws IllegalArgumentException when it does not compile
     */
    void install(Role role, ModelSpec spec) {
        if (spec == null) {
            if (role == Role.PRIMARY) {
                throw new IllegalArgumentException("the primary model cannot be removed");
            }
            served.remove(role);
            return;
        }
        RecordScorer scorer = new RecordScorer(spec.load(), maxBatch);
        if (scorer.inputWidth() != inputWidth || scorer.classes() != classes) {
            throw new IllegalStateException(String.format(
                    "model %s takes %d inputs and has %d classes, but the job validates records for %d inputs"
                            + " and %d classes; start the job with a compatible model or without this state",
                    spec.id(), scorer.inputWidth(), scorer.classes(), inputWidth, classes));
        }
        RollingEvaluation evaluation = evaluations.computeIfAbsent(key(role, spec.id()), k -> new RollingEvaluation(window));
        served.put(role, new Served(spec, scorer, evaluation));
    }

    /** The model of {@code role}, or null (a shadow not set). */
    ModelSpec model(Role role) {
        Served s = served.get(role);
        return s == null ? null : s.spec();
    }

    /** The evaluation of the model in force for {@code role}, or null when none is. */
    RollingEvaluation evaluation(Role role) {
        Served s = served.get(role);
        return s == null ? null : s.evaluation();
    }

    /**
     * Scores {@code rows} with the primary model (its scores are returned, rendered) and the shadow
     * model if any (its scores are only evaluated); labelled rows update both evaluations.
     */
    List<KeyedValue> score(List<ParsedRecord> rows) {
        Served primary = served.get(Role.PRIMARY);
        Score[] scores = primary.scorer().scores(rows);
        evaluate(primary.evaluation(), rows, scores);
        Served shadow = served.get(Role.SHADOW);
        if (shadow != null) {
            evaluate(shadow.evaluation(), rows, shadow.scorer().scores(rows));
        }
        return primary.scorer().render(rows, scores);
    }

    private static void evaluate(RollingEvaluation evaluation, List<ParsedRecord> rows, Score[] scores) {
        for (int i = 0; i < scores.length; i++) {
            evaluation.add(rows.get(i).input().label(), scores[i]);
        }
    }

    private static String key(Role role, String modelId) {
        return String.format("%s %s", role.label(), modelId);
    }
}
