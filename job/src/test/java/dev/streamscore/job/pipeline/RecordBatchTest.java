package dev.streamscore.job.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.serving.ModelServing;
import dev.streamscore.job.serving.Role;
import dev.streamscore.job.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    private static RawKafkaRecord raw(long offset) {
        byte[] value = String.format("{\"n\": %d}", offset).getBytes(UTF_8);
        return new RawKafkaRecord(null, value, value.length, "t", 0, offset, offset);
    }

    private static InputRecord input(long offset, double x) {
        return new InputRecord(RecordId.ofNumber(offset), new double[] {x, 1, 2}, null);
    }

    @Test
    void fullAtCapacity() {
        RecordBatch b = new RecordBatch(3, 20);
        assertFalse(b.add(raw(0), input(0, 0), 100));
        assertFalse(b.add(raw(1), input(1, 0), 101));
        assertTrue(b.add(raw(2), input(2, 0), 102));
        assertEquals(3, b.size());
    }

    @Test
    void deadlineIsSetByTheFirstRowOfEachBatch() throws Exception {
        RecordBatch b = new RecordBatch(10, 20);
        b.add(raw(0), input(0, 0), 100);
        b.add(raw(1), input(1, 0), 115);
        assertEquals(120, b.deadline());
        assertFalse(b.isDue(119));
        assertTrue(b.isDue(120));
        b.drain(new Recorder());
        assertTrue(b.isEmpty());
        assertFalse(b.isDue(1000), "an empty batch is never due");
        b.add(raw(2), input(2, 0), 500);
        assertEquals(520, b.deadline());
    }

    @Test
    void zeroTimeoutFlushesEveryRow() {
        RecordBatch b = new RecordBatch(10, 0);
        assertTrue(b.add(raw(0), input(0, 0), 1));
    }

    /** Scored rows come out in arrival order; a row without a usable score comes out as a dead letter with its raw record. */
    @Test
    void drainHandsOutEveryRowInOrder() throws Exception {
        ModelBytes bytes = new ModelBytes("overflow", "1", TestModels.overflowing(3, 2));
        ModelServing overflowing = new ModelServing(3, 2, 10);
        overflowing.install(Role.PRIMARY, LoadedModel.load(bytes, 4));
        ModelServing fine = new ModelServing(3, 2, 10);
        fine.install(Role.PRIMARY, LoadedModel.load(TestModels.mlp("tiny", "a", 3, 2, 1), 4));
        RecordBatch b = new RecordBatch(4, 1_000);
        b.add(raw(0), input(0, 0.5), 0);
        b.add(raw(1), input(1, -0.5), 0);
        b.score(fine);
        Recorder r = new Recorder();
        assertEquals(2, b.drain(r));
        assertEquals(List.of("scored t@0:0", "scored t@0:1"), r.events);
        b.add(raw(2), input(2, 1), 0);
        b.score(overflowing);
        Recorder dead = new Recorder();
        assertEquals(0, b.drain(dead));
        assertEquals(1, dead.events.size());
        assertTrue(dead.events.get(0).startsWith("dead t@0:2 non-finite output at node "), dead.events.get(0));
        assertEquals("{\"n\": 2}", new String(dead.letters.get(0).raw(), UTF_8));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("capacity must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RecordBatch(0, 1)).getMessage());
        assertEquals("timeoutMs must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new RecordBatch(1, -1)).getMessage());
    }

    private static final class Recorder implements RecordBatch.Emitter {
        final List<String> events = new ArrayList<>();
        final List<DeadLetter> letters = new ArrayList<>();

        @Override
        public void scored(RawKafkaRecord raw, byte[] value) {
            events.add(String.format("scored %s", raw.source()));
        }

        @Override
        public void deadLetter(RawKafkaRecord raw, DeadLetter deadLetter) {
            events.add(String.format("dead %s %s", raw.source(), deadLetter.error()));
            letters.add(deadLetter);
        }
    }
}
