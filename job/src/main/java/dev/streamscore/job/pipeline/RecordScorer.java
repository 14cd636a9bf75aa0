package dev.streamscore.job.pipeline;

import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.model.Model;
import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import dev.streamscore.score.Scorer;
import java.util.ArrayList;
import java.util.List;

/**
 * One compiled model scoring batches of parsed records into output records. Plain Java, one
 * instance per thread (it owns the compiled plan's buffers).
 */
final class RecordScorer {
    private final Scorer scorer;
    private final String modelId;
    private final List<double[]> features;
    private final List<Label> labels;

    /**
     * @throws IllegalArgumentException when the model's graph does not compile
     */
    RecordScorer(Model model, int maxBatch) {
        this.scorer = Scorer.compile(model, maxBatch);
        this.modelId = model.id();
        this.features = new ArrayList<>(maxBatch);
        this.labels = new ArrayList<>(maxBatch);
    }

    String modelId() {
        return modelId;
    }

    int inputWidth() {
        return scorer.inputWidth();
    }

    int classes() {
        return scorer.classes();
    }

    /**
     * Scores {@code rows} (validated by the record parser for this model's width and classes) and
     * renders the output records.
     *
     * @return one output record per row, in order: the row's key and timestamp, the rendered score
     */
    List<KeyedValue> score(List<ParsedRecord> rows) {
        return render(rows, scores(rows));
    }

    /** The scores of {@code rows}, in order, without rendering (a shadow model's scores are only evaluated). */
    Score[] scores(List<ParsedRecord> rows) {
        features.clear();
        labels.clear();
        for (ParsedRecord r : rows) {
            features.add(r.input().features());
            labels.add(r.input().label());
        }
        return scorer.score(features, labels);
    }

    /** The output records of {@code rows} scored {@code scores} by this model (named {@code name@version}). */
    List<KeyedValue> render(List<ParsedRecord> rows, Score[] scores) {
        List<KeyedValue> out = new ArrayList<>(rows.size());
        for (int i = 0; i < scores.length; i++) {
            ParsedRecord r = rows.get(i);
            out.add(new KeyedValue(r.key(), RecordWriter.score(r.input().id(), modelId, scores[i]), r.timestamp()));
        }
        return out;
    }
}
