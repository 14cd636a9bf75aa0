package dev.streamscore.job.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MicroBatchTest {

    @Test
    void fullAtCapacity() {
        MicroBatch<String> b = new MicroBatch<>(3, 20);
        assertFalse(b.add("a", 100));
        assertFalse(b.add("b", 101));
        assertTrue(b.add("c", 102));
        assertEquals(List.of("a", "b", "c"), b.rows());
        b.clear();
        assertTrue(b.isEmpty());
    }

    @Test
    void deadlineIsSetByTheFirstRowOfEachBatch() {
        MicroBatch<String> b = new MicroBatch<>(10, 20);
        b.add("a", 100);
        b.add("b", 115);
        assertEquals(120, b.deadline());
        assertFalse(b.isDue(119));
        assertTrue(b.isDue(120));
        b.clear();
        assertFalse(b.isDue(1000), "an empty batch is never due");
        b.add("c", 500);
        assertEquals(520, b.deadline());
    }

    @Test
    void zeroTimeoutFlushesEveryRow() {
        MicroBatch<String> b = new MicroBatch<>(10, 0);
        assertTrue(b.add("a", 1));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("capacity must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new MicroBatch<>(0, 1)).getMessage());
        assertEquals("timeoutMs must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new MicroBatch<>(1, -1)).getMessage());
    }
}
