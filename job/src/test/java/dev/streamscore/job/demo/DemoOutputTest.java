package dev.streamscore.job.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Reading the job's output records, the progress line on a terminal and in a log, and the summary's reasons. */
class DemoOutputTest {

    @Test
    void scoreAndDeadLetterFieldsAreRead() throws IOException {
        OutputParser.ScoreFields s = OutputParser.score(("{\"id\": \"demo-3\", \"model\": \"digits@abc\", "
                + "\"probabilities\": [0.1, 0.9], \"predicted\": 1, \"loss\": 0.10536051565782628}").getBytes(UTF_8));
        assertEquals(new OutputParser.ScoreFields("digits@abc", 1, 0.10536051565782628), s);
        assertTrue(Double.isNaN(OutputParser.score(
                "{\"id\": 1, \"model\": \"m@v\", \"probabilities\": [1.0], \"predicted\": 0}".getBytes(UTF_8)).loss()));
        assertEquals("features: expected 64 numbers, got 63", OutputParser.deadLetterError(
                "{\"error\": \"features: expected 64 numbers, got 63\", \"source\": \"events@0:5\", \"raw\": \"{}\", \"raw_encoding\": \"utf8\"}"
                        .getBytes(UTF_8)));
        assertThrows(IOException.class, () -> OutputParser.score("{\"error\": \"x\"}".getBytes(UTF_8)));
        assertThrows(IOException.class, () -> OutputParser.deadLetterError("[1]".getBytes(UTF_8)));
        assertThrows(IOException.class, () -> OutputParser.score(null));
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, UTF_8), true, 100, 0);
        p.update(new DemoReport.Progress(1, 0, 0, 0, Double.NaN, Double.NaN, -1), 1.0, 1_000_000_000L);
        p.update(new DemoReport.Progress(10, 5, 1, 0, 0.8, 0.25, 120), 2.0, 2_000_000_000L);
        p.update(new DemoReport.Progress(100, 99, 1, 0, Double.NaN, Double.NaN, -1), 3.0, 3_000_000_000L);
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
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, UTF_8), false, 5_000, 0);
        for (int i = 1; i <= 100; i++) { // 10 back every 20 ms: 500/s for 2 s
            p.sample(i * 20_000_000L, 10 * i);
        }
        p.update(new DemoReport.Progress(1_000, 1_000, 0, 0, 1.0, 0.1, 50), 2.0, 2_000_000_000L);
        // the final moments: 600 more within 0.1 s, then the last update
        p.update(new DemoReport.Progress(1_600, 1_600, 0, 0, 1.0, 0.1, 50), 2.1, 2_100_000_000L);
        String[] lines = bytes.toString(UTF_8).split(System.lineSeparator());
        assertTrue(lines[0].contains(" | 500/s "), lines[0]);
        // over the latest second: from the sample at 1.1 s (550 back) to 1600 at 2.1 s
        assertTrue(lines[1].contains(" | 1050/s "), lines[1]);
    }

    @Test
    void otherwiseEachUpdateIsALine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, UTF_8), false, 100, 0);
        p.update(new DemoReport.Progress(10, 5, 1, 2, 0.8, 0.25, 120), 0.5, 500_000_000L);
        p.finish();
        assertEquals("  0.5s sent 10/100 scored 5 dlq 1 | 12/s acc 80.0% loss 0.250 p99 120ms +2 unexpected"
                + System.lineSeparator(), bytes.toString(UTF_8));
    }

    @Test
    void longReasonsLoseTheirMiddle() {
        String reason = "label: expected a class index in [0, 10) or an array of 10 non-negative numbers summing to 1, got -1";
        String shown = DemoSummary.shorten(reason);
        assertEquals("label: expected a class ... to 1, got -1", shown);
        assertEquals(49, DemoSummary.shorten("x".repeat(200)).length(), "no spaces: cut anywhere");
        assertTrue(DemoSummary.shorten(reason).length() <= 49);
        assertEquals("short", DemoSummary.shorten("short"));
    }
}
