package dev.streamscore.job.pipeline;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.serving.ModelServing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Valid records waiting to be scored together, and their results once scored: full at
 * {@code capacity} rows, due {@code timeoutMs} after its first row arrived. Plain Java; the
 * operator decides when to look (on each row, on a timer, before a checkpoint barrier, at end of
 * input) and where the results go.
 */
final class RecordBatch implements ModelServing.Output {
    /** Where a scored row goes: its output record, or its dead letter. */
    interface Emitter {
        void scored(RawKafkaRecord raw, byte[] value);

        void deadLetter(RawKafkaRecord raw, DeadLetter deadLetter);
    }

    /** A row: the raw record its output or dead letter needs, and the parsed record that is scored. */
    private record Row(RawKafkaRecord raw, InputRecord input) {}

    private final int capacity;
    private final long timeoutMs;
    private final List<Row> rows;
    private final byte[][] values;
    private final String[] failures;
    private long deadline;

    RecordBatch(int capacity, long timeoutMs) {
        if (capacity < 1) {
            throw new IllegalArgumentException(String.format("capacity must be >= 1, got %d", capacity));
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException(String.format("timeoutMs must be >= 0, got %d", timeoutMs));
        }
        this.capacity = capacity;
        this.timeoutMs = timeoutMs;
        this.rows = new ArrayList<>(capacity);
        this.values = new byte[capacity][];
        this.failures = new String[capacity];
    }

    /**
     * Adds a record that arrived at processing time {@code now}; the first row of a batch sets its deadline.
     *
     * @return true when the batch must be scored now: it is full, or the timeout is 0
     */
    boolean add(RawKafkaRecord raw, InputRecord input, long now) {
        if (rows.isEmpty()) {
            deadline = now + timeoutMs;
        }
        rows.add(new Row(raw, input));
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

    /** Scores the rows with {@code serving}; the results wait for {@link #drain}. */
    void score(ModelServing serving) throws IOException {
        serving.score(rows, Row::input, this);
    }

    /**
     * Hands every row, in arrival order, to {@code emitter}: its output record, or its dead letter
     * (with the raw record) when it had no usable score. Then empties the batch.
     *
     * @return the rows that were scored (not dead-lettered)
     */
    int drain(Emitter emitter) {
        int scored = 0;
        for (int i = 0; i < rows.size(); i++) {
            RawKafkaRecord raw = rows.get(i).raw();
            if (failures[i] != null) {
                emitter.deadLetter(raw, new DeadLetter(failures[i], raw.source(), raw.value(), raw.size()));
            } else {
                emitter.scored(raw, values[i]);
                scored++;
            }
        }
        Arrays.fill(values, 0, rows.size(), null);
        Arrays.fill(failures, 0, rows.size(), null);
        rows.clear();
        return scored;
    }

    @Override
    public void scored(int row, byte[] value) {
        values[row] = value;
    }

    @Override
    public void failed(int row, String error) {
        failures[row] = error;
    }
}
