package dev.streamscore.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapTest {
    @Test
    void bytesForPeople() {
        assertEquals("186 B", Heap.bytes(186));
        assertEquals("1.0 KiB", Heap.bytes(1024));
        assertEquals("64.0 KiB", Heap.bytes(64 << 10));
        assertEquals("512.0 MiB", Heap.bytes(512L << 20));
        assertEquals("6.3 GiB", Heap.bytes(6_800_000_000L));
        assertEquals("8.0 EiB", Heap.bytes(Long.MAX_VALUE));
    }

    @Test
    void theSpareHeapKeepsAReserve() {
        long spare = Heap.spare(Long.MAX_VALUE);
        assertTrue(spare >= 0 && spare <= Heap.max() - Heap.max() / 8, String.format("%d of %d", spare, Heap.max()));
    }
}
