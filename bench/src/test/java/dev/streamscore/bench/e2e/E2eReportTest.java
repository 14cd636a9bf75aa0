package dev.streamscore.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streamscore.job.serving.LoadedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result line, the statistics and the round order of {@code bench e2e}, without running it. */
class E2eReportTest {

    @Test
    void jsonLineHasTheIssuesFieldsInOrder() {
        E2eResult r = new E2eResult(24_000, 30_000, 60_000.4, new E2eResult.Latency(512, 1_100.25),
                new E2eResult.Latency(31, 48.5), 1_843.6, 1_000, 20);
        assertEquals("{\"bench\":\"e2e\",\"scoring_rps\":24000,\"passthrough_rps\":30000,\"raw_copy_rps\":60000,"
                + "\"ratio\":0.800,\"eo_p50_ms\":512.0,\"eo_p99_ms\":1100.3,\"alo_p50_ms\":31.0,\"alo_p99_ms\":48.5,"
                + "\"rss_mb\":1844,\"checkpoint_interval_ms\":1000,\"batch_timeout_ms\":20}", r.json());
    }

    @Test
    void percentilesAreNearestRankOfTheFirstNValues() {
        long[] values = {9, 1, 8, 2, 7, 3, 6, 4, 5, 10, 1000};
        assertEquals(5, Percentiles.of(50, values, 10));
        assertEquals(10, Percentiles.of(99, values, 10));
        assertEquals(1, Percentiles.of(10, values, 10));
        assertEquals(2, Percentiles.of(10.1, values, 10));
        assertEquals(1000, values[10], "values past n are left alone");
        assertEquals(7, Percentiles.of(100, new long[] {7}, 1));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(50, values, 0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(0, values, 3));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        double[] odd = {3, 1, 2};
        assertEquals(2, Percentiles.median(odd));
        assertArrayEquals(new double[] {3, 1, 2}, odd, "the input is not sorted in place");
        assertEquals(2.5, Percentiles.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void roundsRotateTheJobsAndGiveEachJobsMedian() {
        ThroughputRun.Job a = new ThroughputRun.Job("a", null);
        ThroughputRun.Job b = new ThroughputRun.Job("b", null);
        ThroughputRun.Job c = new ThroughputRun.Job("c", null);
        Rounds rounds = new Rounds(new ThroughputRun.Job[] {a, b, c});
        assertEquals(List.of(a, b, c), rounds.order(0));
        assertEquals(List.of(b, c, a), rounds.order(1));
        assertEquals(List.of(c, a, b), rounds.order(2));
        assertEquals(List.of(a, b, c), rounds.order(3));
        double[][] rates = {{10, 30, 20}, {100, 300, 200}, {1, 3, 2}};
        for (int round = 0; round < 3; round++) {
            for (int job = 0; job < 3; job++) {
                rounds.add(new ThroughputRun.Result(List.of(a, b, c).get(job), null, rates[job][round], 1, 1, 1, 1 + round, "0"));
            }
        }
        assertArrayEquals(new double[] {20, 200, 2}, rounds.medians());
        assertArrayEquals(new double[] {2, 2, 2}, rounds.cpuMedians());
        assertThrows(IllegalArgumentException.class,
                () -> rounds.add(new ThroughputRun.Result(new ThroughputRun.Job("a", null), null, 1, 1, 1, 1, 1, "0")));
    }

    @Test
    void passThroughModelIsOneLinearLayerFrom64InputsTo10Classes() {
        LoadedModel model = PassThroughModel.load();
        assertEquals(64, model.inputWidth());
        assertEquals(10, model.classes());
        assertEquals("passthrough-64-10@linear", model.id());
        assertEquals(List.of("Input", "Linear"), model.classifier().model().graph().nodes().stream()
                .map(n -> n.getClass().getSimpleName()).toList());
    }
}
