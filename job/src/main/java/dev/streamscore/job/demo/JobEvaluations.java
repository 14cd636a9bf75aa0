package dev.streamscore.job.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job's own evaluation figures as its evaluation records report them ({@code --eval-topic}):
 * the latest record of each (model version, role, subtask), and per (model version, role) the
 * subtasks combined into one figure. Each subtask evaluates the records of its own partitions over
 * its latest {@code window} labelled records, so the combined figures weigh each subtask by its
 * {@code count}: accuracy = Σ countᵢ·accuracyᵢ / Σ countᵢ, mean loss = Σ countᵢ·lossᵢ / Σ countᵢ
 * (a record without figures, NaN, adds nothing).
 *
 * <p>Plain Java, no Kafka: the {@link OutputConsumer} calls {@link #add}, the run and the summary
 * read {@link #combined()}. Thread-safe (every method is synchronized).
 */
final class JobEvaluations {
    /** One evaluation record; {@code meanLoss} and {@code accuracy} are NaN when the record had none. */
    record Evaluation(String model, String role, int subtask, int window, int count,
                      double meanLoss, double accuracy, long timestamp) {}

    /** The figures of one model version in one role, its subtasks combined. */
    record Combined(String model, String role, int subtasks, long count, double accuracy, double meanLoss) {}

    /** Latest record by "model role" (sorted), then by subtask. */
    private final Map<String, Map<Integer, Evaluation>> latest = new TreeMap<>();

    /** Keeps {@code e} unless a later record (by timestamp) of the same model, role and subtask was kept. */
    synchronized void add(Evaluation e) {
        Map<Integer, Evaluation> bySubtask = latest.computeIfAbsent(
                String.format("%s %s", e.model(), e.role()), k -> new TreeMap<>());
        Evaluation kept = bySubtask.get(e.subtask());
        if (kept == null || kept.timestamp() <= e.timestamp()) {
            bySubtask.put(e.subtask(), e);
        }
    }

    /** Per (model version, role), sorted by model then role: the latest record of each subtask combined. */
    synchronized List<Combined> combined() {
        List<Combined> out = new ArrayList<>(latest.size());
        for (Map<Integer, Evaluation> bySubtask : latest.values()) {
            Evaluation any = bySubtask.values().iterator().next();
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
            out.add(new Combined(any.model(), any.role(), bySubtask.size(), count,
                    weighed == 0 ? Double.NaN : right / weighed, weighed == 0 ? Double.NaN : loss / weighed));
        }
        return out;
    }

    /** The combined figures of {@code model} in {@code role}, or null before any record of it. */
    synchronized Combined combined(String model, String role) {
        for (Combined c : combined()) {
            if (c.model().equals(model) && c.role().equals(role)) {
                return c;
            }
        }
        return null;
    }
}
