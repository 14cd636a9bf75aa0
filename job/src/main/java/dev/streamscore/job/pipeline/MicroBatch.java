package dev.streamscore.job.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows waiting to be scored together: full at {@code capacity} rows, due {@code timeoutMs} after its
 * first row arrived. Plain Java; the operator decides when to look (on each row, on a timer, before
 * a checkpoint barrier, at end of input).
 *
 * @param <T> the row type
 */
final class MicroBatch<T> {
    private final int capacity;
    private final long timeoutMs;
    private final List<T> rows;
    private long deadline;

    MicroBatch(int capacity, long timeoutMs) {
        if (capacity < 1) {
            throw new IllegalArgumentException(String.format("capacity must be >= 1, got %d", capacity));
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException(String.format("timeoutMs must be >= 0, got %d", timeoutMs));
        }
        this.capacity = capacity;
        this.timeoutMs = timeoutMs;
        this.rows = new ArrayList<>(capacity);
    }

    /**
     * Adds a row that arrived at processing time {@code now}; the first row of a batch sets its deadline.
     *
     * @return true when the batch must be flushed now: it is full, or the timeout is 0
     */
    boolean add(T row, long now) {
        if (rows.isEmpty()) {
            deadline = now + timeoutMs;
        }
        rows.add(row);
        return rows.size() >= capacity || timeoutMs == 0;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    int size() {
        return rows.size();
    }

    /** Processing time at which the current batch is due; meaningless when empty. */
    long deadline() {
        return deadline;
    }

    /** True when the batch has rows and {@code now} is at or past its deadline. */
    boolean isDue(long now) {
        return !rows.isEmpty() && now >= deadline;
    }

    /** The rows, in arrival order (a view, valid until {@link #clear()}). */
    List<T> rows() {
        return Collections.unmodifiableList(rows);
    }

    void clear() {
        rows.clear();
    }
}
