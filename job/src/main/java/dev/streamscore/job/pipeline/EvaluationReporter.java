package dev.streamscore.job.pipeline;

import dev.streamscore.job.lifecycle.LifecycleRecords;
import dev.streamscore.job.lifecycle.Role;
import dev.streamscore.job.lifecycle.RollingEvaluation;
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
final class EvaluationReporter {
    private final int subtask;
    private final Map<String, Long> reportedTotals = new HashMap<>();

    EvaluationReporter(int subtask) {
        this.subtask = subtask;
    }

    /** The evaluation records due at {@code now} (key {@code name@version}, timestamp {@code now}). */
    List<KeyedValue> due(ModelServing serving, long now) {
        List<KeyedValue> out = new ArrayList<>(2);
        for (Role role : Role.values()) {
            ModelSpec spec = serving.model(role);
            RollingEvaluation e = serving.evaluation(role);
            if (spec == null || e.count() == 0) {
                continue;
            }
            Long last = reportedTotals.put(String.format("%s %s", role.label(), spec.id()), e.total());
            if (last == null || last != e.total()) {
                out.add(new KeyedValue(spec.id().getBytes(StandardCharsets.UTF_8),
                        LifecycleRecords.evaluation(spec.id(), role, subtask, e, now), now));
            }
        }
        return out;
    }
}
