package dev.streamscore.job.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles over the whole run (1 ms buckets) and over the latest window. */
class LatencyStatsTest {

    @Test
    void nearestRankPercentilesOfAllLatencies() {
        LatencyStats s = new LatencyStats(10);
        for (int ms = 100; ms >= 1; ms--) { // order does not matter
            s.add(ms);
        }
        assertEquals(100, s.count());
        assertEquals(50, s.percentile(50));
        assertEquals(99, s.percentile(99));
        assertEquals(100, s.percentile(100));
        assertEquals(1, s.percentile(0.5));
    }

    @Test
    void smallSamplesRoundTheRankUp() {
        LatencyStats s = new LatencyStats(10);
        s.add(7);
        s.add(3);
        s.add(5);
        assertEquals(5, s.percentile(50)); // rank ceil(1.5) = 2
        assertEquals(7, s.percentile(99)); // rank ceil(2.97) = 3
        assertEquals(5, s.recentPercentile(50));
    }

    @Test
    void recentPercentileCoversTheLatestWindowOnly() {
        LatencyStats s = new LatencyStats(4);
        for (long ms : new long[] {900, 800, 10, 20, 30, 40}) {
            s.add(ms);
        }
        assertEquals(40, s.recentPercentile(99));
        assertEquals(20, s.recentPercentile(50));
        assertEquals(900, s.percentile(100));
    }

    @Test
    void latenciesBeyondTheHistogramAreReportedAsTheLargestSeen() {
        LatencyStats s = new LatencyStats(4);
        s.add(1);
        s.add(LatencyStats.MAX_MS + 5_000L);
        s.add(LatencyStats.MAX_MS + 9_000L);
        assertEquals(LatencyStats.MAX_MS + 9_000L, s.percentile(99));
        assertEquals(1, s.percentile(33));
    }

    @Test
    void negativeLatenciesCountAsZeroAndEmptyIsMinusOne() {
        LatencyStats s = new LatencyStats(4);
        assertEquals(-1, s.percentile(50));
        assertEquals(-1, s.recentPercentile(50));
        s.add(-2);
        assertEquals(0, s.percentile(50));
        assertThrows(IllegalArgumentException.class, () -> s.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> s.percentile(101));
        assertThrows(IllegalArgumentException.class, () -> new LatencyStats(0));
    }
}
