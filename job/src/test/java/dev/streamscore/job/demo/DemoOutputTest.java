package dev.streamscore.job.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.RecordWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Reading the job's output records, the progress line on a terminal and in a log, and the summary's reasons. */
class DemoOutputTest {
    private static final String MODEL = "digits@abc";

    private static ConsumerRecord<byte[], byte[]> output(String topic, String key, String value) {
        return new ConsumerRecord<>(topic, 1, 7, key.getBytes(UTF_8), value == null ? null : value.getBytes(UTF_8));
    }

    @Test
    void scoreAndDeadLetterFieldsAreRead() throws IOException {
        OutputReader.Fields s = OutputReader.Fields.of(("{\"id\": \"demo-3\", \"model\": \"digits@abc\", "
                + "\"probabilities\": [0.1, 0.9], \"nested\": {\"model\": 1}, \"predicted\": 1, \"loss\": 0.10536051565782628}")
                .getBytes(UTF_8));
        assertEquals("digits@abc", s.text("model"));
        assertEquals(1, s.integer("predicted", 0, Integer.MAX_VALUE));
        assertEquals(0.10536051565782628, s.number("loss"));
        assertTrue(Double.isNaN(s.number("absent")), "no loss: NaN");
        IOException notAString = assertThrows(IOException.class, () -> s.text("probabilities"));
        assertEquals("probabilities: expected a string, got null", notAString.getMessage(), "arrays are skipped");
        IOException notAnInteger = assertThrows(IOException.class, () -> s.integer("loss", 0, 10));
        assertEquals("loss: expected an integer from 0 to 10, got 0.10536051565782628", notAnInteger.getMessage());
        assertThrows(IOException.class, () -> s.number("model"));
        assertEquals("features: expected 64 numbers, got 63", OutputReader.Fields.of(
                "{\"error\": \"features: expected 64 numbers, got 63\", \"source\": \"events@0:5\", \"raw\": \"{}\", \"raw_encoding\": \"utf8\"}"
                        .getBytes(UTF_8)).text("error"));
        assertThrows(IOException.class, () -> OutputReader.Fields.of("[1]".getBytes(UTF_8)));
        assertThrows(IOException.class, () -> OutputReader.Fields.of("{\"a\": ".getBytes(UTF_8)));
        assertThrows(IOException.class, () -> OutputReader.Fields.of(null));
    }

    @Test
    void eachOutputGoesToTheTrackerOrTheEvaluationsAndWhatCannotBeReadIsUnexpected() {
        ScoreTracker t = new ScoreTracker(3, 10);
        JobEvaluations e = new JobEvaluations();
        t.sent(0, 1, null, 1_000);
        t.sent(1, -1, Malformation.NAN_FEATURE, 1_000);
        t.sent(2, 2, null, 1_000);
        OutputReader.read(output(DemoCluster.SCORES, "demo-0",
                "{\"id\": \"demo-0\", \"model\": \"digits@abc\", \"probabilities\": [0.2, 0.8], \"predicted\": 1, \"loss\": 0.25}"),
                1_100, t, e);
        OutputReader.read(output(DemoCluster.DEAD_LETTERS, "demo-1", new String(RecordWriter.deadLetter(
                new DeadLetter("features[32]: expected a finite number, got NaN", "events@1:7", new byte[] {1}), 64), UTF_8)),
                1_100, t, e);
        OutputReader.read(output(DemoCluster.EVALUATIONS, "primary digits@abc", new String(RecordWriter.evaluation(
                MODEL, "primary", 0, 500, 1, 0.25, 1.0, 5), UTF_8)), 1_100, t, e);
        OutputReader.read(output(DemoCluster.SCORES, "demo-2", "{\"id\": \"demo-2\", \"model\": \"digits@abc\"}"), 1_100, t, e);
        DemoReport r = t.report();
        assertEquals(1, r.scored());
        assertEquals(1.0, r.accuracy());
        assertEquals(0.25, r.meanLoss());
        assertEquals(Set.of(MODEL), r.models());
        assertEquals(List.of(new DemoReport.Group("NaN feature", 1, "features[32]: expected a finite number, got NaN")), r.groups());
        assertEquals(List.of(new JobEvaluations.Combined(MODEL, "primary", 1, 1, 1.0, 0.25)), e.combined());
        assertEquals(List.of("1 of 3 records sent did not come back (demo-2)", "1 outputs were not for a record sent or could "
                + "not be read (scores@1:7 (key demo-2): predicted: expected an integer from 0 to 2147483647, got null)"), r.problems());
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoConsole p = new DemoConsole(new PrintStream(bytes, true, UTF_8), true, 100, 0);
        p.progress(new DemoReport.Progress(1, 0, 0, 0, Double.NaN, Double.NaN, -1), 1_000_000_000L);
        p.progress(new DemoReport.Progress(10, 5, 1, 0, 0.8, 0.25, 120), 2_000_000_000L);
        p.progress(new DemoReport.Progress(100, 99, 1, 0, Double.NaN, Double.NaN, -1), 3_000_000_000L);
        p.finish();
        String first = "  1.0s sent 1/100 | waiting for the job's first output";
        String second = "  2.0s sent 10/100 scored 5 dlq 1 | 6/s acc 80.0% loss 0.250 p99 120ms";
        String third = "  3.0s sent 100/100 scored 99 dlq 1 | 94/s acc - loss - p99 -";
        assertEquals("\u001b[?7l\r" + first + "\r" + second + "\r" + third + " ".repeat(second.length() - third.length())
                + "\u001b[?7h" + System.lineSeparator(), bytes.toString(UTF_8),
                "wrapping off while rewriting; a shorter line is padded over the longer one");
    }

    @Test
    void theRateCoversTheLatestSecondOfSamples() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoConsole p = new DemoConsole(new PrintStream(bytes, true, UTF_8), false, 5_000, 0);
        for (int i = 1; i <= 100; i++) { // 10 back every 20 ms: 500/s for 2 s
            p.sample(i * 20_000_000L, 10 * i);
        }
        p.progress(new DemoReport.Progress(1_000, 1_000, 0, 0, 1.0, 0.1, 50), 2_000_000_000L);
        // the final moments: 600 more within 0.1 s, then the last update
        p.progress(new DemoReport.Progress(1_600, 1_600, 0, 0, 1.0, 0.1, 50), 2_100_000_000L);
        String[] lines = bytes.toString(UTF_8).split(System.lineSeparator());
        assertTrue(lines[0].contains(" | 500/s "), lines[0]);
        // over the latest second: from the sample at 1.1 s (550 back) to 1600 at 2.1 s
        assertTrue(lines[1].contains(" | 1050/s "), lines[1]);
    }

    @Test
    void otherwiseEachUpdateIsALine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoConsole p = new DemoConsole(new PrintStream(bytes, true, UTF_8), false, 100, 0);
        p.progress(new DemoReport.Progress(10, 5, 1, 2, 0.8, 0.25, 120), 500_000_000L);
        p.finish();
        assertEquals("  0.5s sent 10/100 scored 5 dlq 1 | 12/s acc 80.0% loss 0.250 p99 120ms +2 unexpected"
                + System.lineSeparator(), bytes.toString(UTF_8));
    }

    @Test
    void theSummaryAddsUpAndSaysWhatWasNotExactlyOnce() {
        DemoReport good = new DemoReport(600, 2, 598, 2, List.of(new DemoReport.Group("truncated JSON", 1,
                "invalid JSON at column 127: Unexpected end-of-input: expected close marker for Array")),
                598, 0.99, 0.0191, 599, 410, 612, 3_200, Set.of(MODEL), List.of());
        String nl = System.lineSeparator();
        assertEquals("streamscore demo: done in 12.4 s" + nl
                + "  sent           600 records in 0.2 s (2995/s): 598 valid, 2 malformed" + nl
                + "  scored         598   accuracy 99.00%   mean loss 0.0191   (598 labelled)" + nl
                + "  job evaluation none read from events.eval" + nl
                + "  dead letters   2" + nl
                + "      1  truncated JSON       invalid JSON at column 127: ... marker for Array" + nl
                + "  latency        p50 410 ms   p99 612 ms   (599 records, send to read-back)" + nl
                + "  start-up       3.2 s from the first record to its output (the job starting)" + nl
                + "  model          digits@abc" + nl
                + "  exactly once   yes: 598 scores + 2 dead letters = 600 sent" + nl, summary(good));
        DemoReport bad = new DemoReport(3, 0, 2, 0, List.of(), 0, Double.NaN, Double.NaN, 0, -1, -1, -1,
                Set.of("other@1"), List.of("1 of 3 records sent did not come back (demo-2)", "1 outputs were duplicates"));
        String text = summary(bad);
        assertTrue(text.contains("  scored         2   accuracy -   mean loss -   (0 labelled)" + nl), text);
        assertTrue(text.contains("  latency        p50 -   p99 -   (0 records, send to read-back)" + nl), text);
        assertTrue(!text.contains("start-up"), text);
        assertTrue(text.contains("  model          digits@abc (the scores said [other@1])" + nl), text);
        assertTrue(text.endsWith("  exactly once   NO: 1 of 3 records sent did not come back (demo-2); 1 outputs were duplicates"
                + nl), text);
    }

    private static String summary(DemoReport r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DemoConsole(new PrintStream(bytes, true, UTF_8), false, r.sent(), 0).summary(r, MODEL, 12.4, 0.2, List.of());
        return bytes.toString(UTF_8);
    }

    @Test
    void longReasonsLoseTheirMiddle() {
        String reason = "label: expected a class index in [0, 10) or an array of 10 non-negative numbers summing to 1, got -1";
        String shown = DemoConsole.shorten(reason);
        assertEquals("label: expected a class ... to 1, got -1", shown);
        assertEquals(49, DemoConsole.shorten("x".repeat(200)).length(), "no spaces: cut anywhere");
        assertTrue(DemoConsole.shorten(reason).length() <= 49);
        assertEquals("short", DemoConsole.shorten("short"));
    }
}
