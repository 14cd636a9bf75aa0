package dev.streamscore.job.serving;

import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.score.Classifier;
import dev.streamscore.score.Label;
import dev.streamscore.score.Scores;
import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * The models one thread serves and the one path every batch of records takes: a primary model
 * whose scores are the output records, and optionally a shadow model that scores the same batches
 * for evaluation only. Used by the Flink scoring operator, by {@code ./streamscore score} and by
 * the tests. Plain Java, one instance per thread (it owns the compiled models' buffers).
 *
 * <p>Each model version (per role) has a {@link RollingEvaluation} of its labelled records, created
 * when the version is first installed and kept when it is replaced, so its figures stay readable.
 */
public final class ModelServing {
    /** Receives a batch's results, one per row, in row order: an output record or why there is none. */
    public interface Output {
        /** Row {@code row} scored: its output record. */
        void scored(int row, byte[] value) throws IOException;

        /** Row {@code row} has no usable score (e.g. a non-finite output): its dead letter's reason. */
        void failed(int row, String error) throws IOException;
    }

    private final int inputWidth;
    private final int classes;
    private final int window;
    private final Map<Role, Served> served = new EnumMap<>(Role.class);
    private final Map<String, RollingEvaluation> evaluations = new LinkedHashMap<>();
    private Label[] labels = new Label[0];

    private record Served(LoadedModel model, Scores scores, RollingEvaluation evaluation) {}

    /**
     * @param inputWidth the input width every model must have (what the parser validates)
     * @param classes    the class count every model must have
     * @param window     the evaluation window, in labelled records
     */
    public ModelServing(int inputWidth, int classes, int window) {
        this.inputWidth = inputWidth;
        this.classes = classes;
        this.window = window;
    }

    /**
     * Makes {@code model} the model of {@code role}.
     *
     * @throws IllegalStateException when the model does not fit the job's input width and class count
     */
    public void install(Role role, LoadedModel model) {
        model.incompatibility(inputWidth, classes).ifPresent(reason -> {
            throw new IllegalStateException(String.format("model %s cannot serve this job: %s; start the job with a"
                    + " compatible model or without this state", model.id(), reason));
        });
        RollingEvaluation evaluation = evaluations.computeIfAbsent(role.key(model.id()), k -> new RollingEvaluation(window));
        served.put(role, new Served(model, model.classifier().newScores(), evaluation));
    }

    /** Stops shadow scoring (the shadow's evaluation stays readable). */
    public void removeShadow() {
        served.remove(Role.SHADOW);
    }

    /** The model of {@code role}, or null (no shadow set). */
    public LoadedModel model(Role role) {
        Served s = served.get(role);
        return s == null ? null : s.model();
    }

    /** True when {@code role} is served by the version {@code modelId} ({@code name@version}). */
    public boolean serves(Role role, String modelId) {
        LoadedModel m = model(role);
        return m != null && m.id().equals(modelId);
    }

    /**
     * True when applying an accepted {@code decision} would change the models served: an install
     * of a version not in force for its role, or the removal of a shadow that is there. The caller
     * scores its open batch with the old models before it {@link #apply applies} such a decision.
     */
    public boolean changes(UpdateDecision decision) {
        if (decision instanceof UpdateDecision.Install install) {
            return !serves(install.role(), install.model().id());
        }
        return decision instanceof UpdateDecision.RemoveShadow && served.containsKey(Role.SHADOW);
    }

    /**
     * Applies an accepted decision that {@link #changes} the models served.
     *
     * @return what changed, for the log, e.g. {@code primary model digits@v2 replaces digits@v1}
     * @throws IllegalArgumentException for a refusal, which changes nothing
     */
    public String apply(UpdateDecision decision) {
        if (decision instanceof UpdateDecision.Install install) {
            LoadedModel before = model(install.role());
            install(install.role(), install.model());
            return String.format("%s model %s replaces %s", install.role().label(), install.model().id(),
                    before == null ? "none" : before.id());
        }
        if (decision instanceof UpdateDecision.RemoveShadow) {
            LoadedModel before = model(Role.SHADOW);
            removeShadow();
            return String.format("shadow model %s removed", before == null ? "none" : before.id());
        }
        throw new IllegalArgumentException(String.format("a refused update changes nothing: %s", decision));
    }

    /** The evaluation of the model in force for {@code role}, or null when none is. */
    public RollingEvaluation evaluation(Role role) {
        Served s = served.get(role);
        return s == null ? null : s.evaluation();
    }

    /**
     * Scores {@code rows} with the primary model, giving {@code out} one result per row in order (an
     * output record, or the reason a row has none, e.g. a non-finite output), and with the shadow
     * model if any (evaluated only); labelled rows with a usable score update the evaluations. A
     * row's result does not depend on the other rows (the same bits in any batch). Nothing a row
     * holds can make this throw: should a batch fail as a whole (a defect, not a record), its rows
     * are scored one at a time, and a row that still fails gets the exception as its reason.
     *
     * @param record the parsed input record of a row (its features fit the models' input width)
     */
    public <T> void score(List<T> rows, Function<T, InputRecord> record, Output out) throws IOException {
        Served primary = served.get(Role.PRIMARY);
        if (primary == null) {
            throw new IllegalStateException("no primary model is installed");
        }
        int step = primary.model().classifier().maxBatch();
        for (int start = 0; start < rows.size(); start += step) {
            int end = Math.min(rows.size(), start + step);
            try {
                classify(primary, rows, start, end, record);
            } catch (RuntimeException batchFailed) {
                for (int r = start; r < end; r++) {
                    scoreAlone(primary, rows, r, record, out);
                }
                continue;
            }
            emit(primary, rows, start, end, record, out);
            Served shadow = served.get(Role.SHADOW);
            if (shadow != null) {
                try {
                    classify(shadow, rows, start, end, record);
                } catch (RuntimeException e) {
                    // the shadow only evaluates: a failure there costs its figures for this batch, nothing else
                }
            }
        }
    }

    /** Row {@code r} scored on its own, after its batch failed. */
    private <T> void scoreAlone(Served primary, List<T> rows, int r, Function<T, InputRecord> record, Output out)
            throws IOException {
        try {
            classify(primary, rows, r, r + 1, record);
        } catch (RuntimeException e) {
            out.failed(r, String.format("scoring failed: %s", e));
            return;
        }
        emit(primary, rows, r, r + 1, record, out);
    }

    /** Gives {@code out} the results of rows [start, end), just classified by the primary model. */
    private <T> void emit(Served primary, List<T> rows, int start, int end, Function<T, InputRecord> record, Output out)
            throws IOException {
        String modelId = primary.model().id();
        Scores scores = primary.scores();
        for (int r = start; r < end; r++) {
            String problem = scores.problem(r - start);
            if (problem != null) {
                out.failed(r, problem);
                continue;
            }
            byte[] value;
            try {
                value = RecordWriter.score(record.apply(rows.get(r)).id(), modelId, scores, r - start);
            } catch (RuntimeException e) {
                out.failed(r, String.format("rendering failed: %s", e));
                continue;
            }
            out.scored(r, value);
        }
    }

    /** Fills the model's input with rows [start, end), classifies them and adds them to its evaluation. */
    private <T> void classify(Served s, List<T> rows, int start, int end, Function<T, InputRecord> record) {
        Classifier c = s.model().classifier();
        int n = end - start;
        if (labels.length < n) {
            labels = new Label[c.maxBatch()];
        }
        DMatrixRMaj in = c.input(n);
        for (int r = 0; r < n; r++) {
            InputRecord input = record.apply(rows.get(start + r));
            System.arraycopy(input.features(), 0, in.data, r * inputWidth, inputWidth);
            labels[r] = input.label();
        }
        c.classify(labels, s.scores());
        for (int r = 0; r < n; r++) {
            if (s.scores().problem(r) == null) {
                s.evaluation().add(labels[r], s.scores(), r);
            }
        }
    }
}
