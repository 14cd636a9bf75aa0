package dev.streamscore.job.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tracker's join, counts and figures (accuracy, loss, nearest-rank latency percentiles) on hand-made outputs (no Kafka). */
class ScoreTrackerTest {
    private static final String MODEL = "digits@0123456789ab";

    private static String key(int seq) {
        return DemoRecords.key(seq);
    }

    @Test
    void rollingAccuracyAndLossCoverTheLatestWindowOverallCoversAll() {
        ScoreTracker t = new ScoreTracker(6, 4);
        for (int seq = 0; seq < 6; seq++) {
            t.sent(seq, seq % 3, null, 1_000);
        }
        // predictions: right, wrong, right, right, wrong, right; losses 0.1 .. 0.6
        int[] predicted = {0, 2, 2, 0, 0, 2};
        for (int seq = 0; seq < 6; seq++) {
            t.scored(key(seq), predicted[seq], 0.1 * (seq + 1), MODEL, 1_100);
        }
        DemoReport.Progress p = t.progress();
        assertEquals(6, p.scored());
        assertEquals(0, p.deadLetters());
        // latest 4: seq 2..5 -> right, right, wrong, right; losses 0.3, 0.4, 0.5, 0.6
        assertEquals(0.75, p.accuracy(), 1e-15);
        assertEquals((0.3 + 0.4 + 0.5 + 0.6) / 4, p.meanLoss(), 1e-15);
        DemoReport r = t.report();
        assertEquals(4.0 / 6, r.accuracy(), 1e-15);
        assertEquals(2.1 / 6, r.meanLoss(), 1e-12);
        assertEquals(6, r.labelled());
        assertEquals(Set.of(MODEL), r.models());
        assertTrue(r.exactlyOnce(), r.problems().toString());
    }

    @Test
    void latencyPercentilesLeaveOutRecordsSentBeforeTheFirstOutput() {
        ScoreTracker t = new ScoreTracker(102, 500);
        t.sent(0, 1, null, 0);
        t.sent(1, 1, null, 10);
        t.scored(key(0), 1, 0.5, MODEL, 5_000); // start-up: 5 s
        t.scored(key(1), 1, 0.5, MODEL, 5_000); // sent before the first output: not timed
        for (int seq = 2; seq < 102; seq++) { // latencies 1 .. 100 ms, sent after the first output
            t.sent(seq, 1, null, 6_000);
            t.scored(key(seq), 1, 0.5, MODEL, 6_000 + (seq - 1));
        }
        DemoReport r = t.report();
        assertEquals(5_000, r.startUpMs());
        assertEquals(100, r.timed());
        assertEquals(50, r.p50Ms());
        assertEquals(99, r.p99Ms());
        assertEquals(99, t.progress().p99Ms());
    }

    @Test
    void deadLettersAreGroupedByHowTheRecordWasSpoiled() {
        ScoreTracker t = new ScoreTracker(5, 10);
        t.sent(0, 3, null, 0);
        t.sent(1, -1, Malformation.TRUNCATED_JSON, 0);
        t.sent(2, -1, Malformation.TRUNCATED_JSON, 0);
        t.sent(3, -1, Malformation.BAD_LABEL, 0);
        t.sent(4, -1, Malformation.NON_UTF8, 0);
        t.scored(key(0), 3, 0.01, MODEL, 10);
        t.deadLettered(key(2), "invalid JSON at column 9", 20);
        t.deadLettered(key(1), "invalid JSON at column 7", 20);
        t.deadLettered(key(3), "label: got -1", 20);
        t.deadLettered(key(4), "value: not valid UTF-8", 20);
        DemoReport r = t.report();
        assertEquals(1, r.scored());
        assertEquals(4, r.deadLetters());
        assertEquals(4, r.malformedSent());
        assertEquals(List.of(
                new DemoReport.Group("truncated JSON", 2, "invalid JSON at column 9"),
                new DemoReport.Group("bad label", 1, "label: got -1"),
                new DemoReport.Group("non-UTF-8 bytes", 1, "value: not valid UTF-8")), r.groups());
        assertTrue(r.exactlyOnce(), r.problems().toString());
        assertEquals(1, r.labelled(), "dead letters do not count in the accuracy");
    }

    @Test
    void missingDuplicateUnexpectedAndMisclassifiedOutputsAreProblems() {
        ScoreTracker t = new ScoreTracker(5, 10);
        for (int seq = 0; seq < 4; seq++) {
            t.sent(seq, seq == 1 ? -1 : 0, seq == 1 ? Malformation.NAN_FEATURE : null, 0);
        }
        t.scored(key(0), 0, 0.2, MODEL, 10);
        t.scored(key(0), 0, 0.2, MODEL, 20); // duplicate
        t.scored(key(1), 0, Double.NaN, MODEL, 20); // malformed but scored
        t.deadLettered(key(2), "features: expected 64 numbers, got 63", 20); // valid but dead-lettered
        t.scored("demo-4", 0, 0.2, MODEL, 20); // within capacity, never sent
        t.deadLettered("other-1", "x", 20); // not a demo key
        t.unexpected("scores@0:7: not a JSON object");
        // seq 3: missing
        assertFalse(t.allReturned());
        assertEquals(3, t.returned());
        DemoReport r = t.report();
        assertEquals(List.of(
                "1 of 4 records sent did not come back (demo-3)",
                "1 outputs were duplicates",
                "3 outputs were not for a record sent or could not be read (demo-4, other-1, scores@0:7: not a JSON object)",
                "1 malformed records were scored instead of dead-lettered",
                "1 valid records were dead-lettered"), r.problems());
        assertFalse(r.exactlyOnce());
        assertEquals(List.of(new DemoReport.Group("valid record", 1, "features: expected 64 numbers, got 63")), r.groups());
        assertEquals(1, r.labelled(), "only the first score of a valid record counts");
        assertEquals(4, t.progress().extra(), "duplicates and unexpected outputs, shown on the progress line");
    }

    @Test
    void allReturnedOnceEveryRecordSentCameBack() {
        ScoreTracker t = new ScoreTracker(3, 10);
        assertFalse(t.allReturned(), "nothing sent yet");
        t.sent(0, 1, null, 0);
        t.sent(1, 1, null, 0);
        t.scored(key(0), 1, 0.1, MODEL, 5);
        assertFalse(t.allReturned());
        t.scored(key(1), 0, 2.3, MODEL, 5);
        assertTrue(t.allReturned());
        assertEquals(0.5, t.report().accuracy());
    }

    @Test
    void figuresAreNaNOrMinusOneBeforeAnyOutput() {
        ScoreTracker t = new ScoreTracker(3, 10);
        t.sent(0, 1, null, 0);
        DemoReport.Progress p = t.progress();
        assertTrue(Double.isNaN(p.accuracy()));
        assertTrue(Double.isNaN(p.meanLoss()));
        assertEquals(-1, p.p99Ms());
        DemoReport r = t.report();
        assertEquals(-1, r.p50Ms());
        assertEquals(-1, r.startUpMs());
        assertEquals(List.of("1 of 1 records sent did not come back (demo-0)"), r.problems());
    }

    @Test
    void onlyTheFirstTenMissingKeysAreNamed() {
        ScoreTracker t = new ScoreTracker(12, 10);
        for (int seq = 0; seq < 12; seq++) {
            t.sent(seq, 1, null, 0);
        }
        assertEquals(List.of("12 of 12 records sent did not come back (demo-0, demo-1, demo-2, demo-3, demo-4, demo-5, "
                + "demo-6, demo-7, demo-8, demo-9, ...)"), t.report().problems());
    }

    @Test
    void nearestRankPercentilesOfAllLatencies() {
        long[] latencies = new long[100];
        for (int i = 0; i < 100; i++) { // 100 .. 1: order does not matter
            latencies[i] = 100 - i;
        }
        assertEquals(50, ScoreTracker.percentile(latencies, 0, 100, 50));
        assertEquals(99, ScoreTracker.percentile(latencies, 0, 100, 99));
        assertEquals(100, ScoreTracker.percentile(latencies, 0, 100, 100));
        assertEquals(1, ScoreTracker.percentile(latencies, 0, 100, 0.5));
        long[] small = {7, 3, 5};
        assertEquals(5, ScoreTracker.percentile(small, 0, 3, 50)); // rank ceil(1.5) = 2
        assertEquals(7, ScoreTracker.percentile(small, 0, 3, 99)); // rank ceil(2.97) = 3
        assertEquals(-1, ScoreTracker.percentile(small, 1, 1, 50), "none");
        long[] arrived = {900, 800, 10, 20, 30, 40};
        assertEquals(20, ScoreTracker.percentile(arrived, 2, 6, 50), "the latest four only");
        assertThrows(IllegalArgumentException.class, () -> ScoreTracker.percentile(small, 0, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> ScoreTracker.percentile(small, 0, 3, 101));
    }

    @Test
    void theProgressP99CoversTheLatestWindowTheSummaryTheWholeRun() {
        ScoreTracker t = new ScoreTracker(7, 4);
        t.sent(0, 1, null, 0);
        t.scored(key(0), 1, 0.1, MODEL, 1_000); // start-up, not timed
        long[] latencies = {900, 800, 10, 20, 30, 40};
        for (int i = 0; i < latencies.length; i++) {
            t.sent(i + 1, 1, null, 2_000);
            t.scored(key(i + 1), 1, 0.1, MODEL, 2_000 + latencies[i]);
        }
        assertEquals(40, t.progress().p99Ms(), "the latest 4: 10, 20, 30, 40");
        DemoReport r = t.report();
        assertEquals(6, r.timed());
        assertEquals(900, r.p99Ms());
        assertEquals(30, r.p50Ms());
    }

    @Test
    void largeLatenciesAreExactAndNegativeOnesCountAsZero() {
        ScoreTracker t = new ScoreTracker(4, 4);
        t.sent(0, 1, null, 10_000);
        t.scored(key(0), 1, 0.1, MODEL, 10_000);
        t.sent(1, 1, null, 10_002);
        t.scored(key(1), 1, 0.1, MODEL, 10_001); // clocks a millisecond apart
        t.sent(2, 1, null, 10_000);
        t.scored(key(2), 1, 0.1, MODEL, 10_000 + 300_000); // five minutes
        DemoReport r = t.report();
        assertEquals(0, r.p50Ms());
        assertEquals(300_000, r.p99Ms());
    }

    @Test
    void sendingASequenceNumberTwiceOrOutOfRangeIsRefused() {
        ScoreTracker t = new ScoreTracker(2, 10);
        t.sent(0, 1, null, 0);
        assertThrows(IllegalArgumentException.class, () -> t.sent(0, 1, null, 0));
        assertThrows(IllegalArgumentException.class, () -> t.sent(2, 1, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScoreTracker(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ScoreTracker(10, 0));
    }
}
