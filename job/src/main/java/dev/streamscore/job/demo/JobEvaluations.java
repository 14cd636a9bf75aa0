package dev.streamscore.job.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's own evaluation as its evaluation records report it ({@code --eval-topic}): the latest
 * record of each (model version, role, subtask), and per (model version, role) the subtasks
 * combined. Each subtask evaluates its own partitions' latest {@code window} labelled records, so
 * the subtasks are weighed by their {@code count}: accuracy = Σ countᵢ·accuracyᵢ / Σ countᵢ, mean
 * loss = Σ countᵢ·lossᵢ / Σ countᵢ (a record without figures, NaN, weighs nothing). Plain Java, not thread-safe.
 */
final class JobEvaluations {
    /** One evaluation record; {@code meanLoss} and {@code accuracy} are NaN when it had none. */
    record Evaluation(String model, String role, int subtask, int window, int count,
                      double meanLoss, double accuracy, long timestamp) {
        /** Reads an evaluation record (written by {@code RecordWriter.evaluation}). */
        static Evaluation read(OutputReader.Fields f) throws IOException {
            int window = (int) f.integer("window", 1, Integer.MAX_VALUE);
            return new Evaluation(f.text("model"), f.text("role"), (int) f.integer("subtask", 0, Integer.MAX_VALUE),
                    window, (int) f.integer("count", 0, window), f.number("mean_loss"), f.number("accuracy"),
                    f.integer("timestamp", 0, Long.MAX_VALUE));
        }
    }

    /** The figures of one model version in one role, its subtasks combined. */
    record Combined(String model, String role, int subtasks, long count, double accuracy, double meanLoss) {}

    /** The latest record by model and role (sorted), then by subtask. */
    private final Map<List<String>, Map<Integer, Evaluation>> latest = new TreeMap<>(
            (a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));

    /** Keeps {@code e} unless a later record (by timestamp) of the same model, role and subtask is kept. */
    void add(Evaluation e) {
        latest.computeIfAbsent(List.of(e.model(), e.role()), k -> new TreeMap<>())
                .merge(e.subtask(), e, (kept, added) -> kept.timestamp() <= added.timestamp() ? added : kept);
    }

    /** Per (model version, role), sorted by model then role: the latest record of each subtask combined. */
    List<Combined> combined() {
        List<Combined> out = new ArrayList<>(latest.size());
        latest.forEach((key, bySubtask) -> {
            long count = 0;
            long weighed = 0;
            double right = 0;
            double loss = 0;
            for (Evaluation e : bySubtask.values()) {
                count += e.count();
                if (!Double.isNaN(e.accuracy()) && !Double.isNaN(e.meanLoss())) {
                    weighed += e.count();
                    right += e.count() * e.accuracy();
                    loss += e.count() * e.meanLoss();
                }
            }
            out.add(new Combined(key.get(0), key.get(1), bySubtask.size(), count,
                    weighed == 0 ? Double.NaN : right / weighed, weighed == 0 ? Double.NaN : loss / weighed));
        });
        return out;
    }

    /** The combined figures of {@code model} in {@code role}, or null before any record of it. */
    Combined combined(String model, String role) {
        return combined().stream().filter(c -> c.model().equals(model) && c.role().equals(role)).findFirst().orElse(null);
    }
}
