package dev.streamscore.job.serving;

import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which evaluation records a subtask writes: one per model in force (primary, shadow) with
 * labelled records in its window whose figures changed since its last record, so an idle job
 * repeats nothing. Plain Java, one instance per subtask.
 */
public final class EvaluationReporter {
    private final int subtask;
    private final Map<String, Long> reportedTotals = new HashMap<>();

    public EvaluationReporter(int subtask) {
        this.subtask = subtask;
    }

    /** The evaluation records due at {@code now} (key {@code name@version}, timestamp {@code now}). */
    public List<KeyedValue> due(ModelServing serving, long now) {
        List<KeyedValue> out = new ArrayList<>(2);
        for (Role role : Role.values()) {
            LoadedModel model = serving.model(role);
            RollingEvaluation e = serving.evaluation(role);
            if (model == null || e.count() == 0) {
                continue;
            }
            Long last = reportedTotals.put(role.key(model.id()), e.total());
            if (last == null || last != e.total()) {
                out.add(new KeyedValue(model.id().getBytes(StandardCharsets.UTF_8), RecordWriter.evaluation(
                        model.id(), role.label(), subtask, e.window(), e.count(), e.meanLoss(), e.accuracy(), now), now));
            }
        }
        return out;
    }
}
