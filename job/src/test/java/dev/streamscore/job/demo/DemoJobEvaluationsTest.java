package dev.streamscore.job.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.serving.Role;
import dev.streamscore.job.serving.RollingEvaluation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's evaluation records: read, latest per subtask kept, subtasks combined, and summarised. */
class DemoJobEvaluationsTest {
    private static final double EPS = 1e-12;

    private static JobEvaluations.Evaluation eval(String model, String role, int subtask, int count,
                                                  double loss, double accuracy, long timestamp) {
        return new JobEvaluations.Evaluation(model, role, subtask, 500, count, loss, accuracy, timestamp);
    }

    @Test
    void subtasksAreCombinedWeighedByTheirCounts() {
        JobEvaluations e = new JobEvaluations();
        e.add(eval("digits@v1", "primary", 0, 300, 0.10, 0.90, 1_000));
        e.add(eval("digits@v1", "primary", 1, 100, 0.50, 0.50, 1_000));
        JobEvaluations.Combined c = e.combined("digits@v1", "primary");
        assertEquals(2, c.subtasks());
        assertEquals(400, c.count());
        assertEquals((300 * 0.90 + 100 * 0.50) / 400, c.accuracy(), EPS); // 0.8, not the plain mean 0.7
        assertEquals((300 * 0.10 + 100 * 0.50) / 400, c.meanLoss(), EPS); // 0.2, not 0.3
        assertNull(e.combined("digits@v1", "shadow"));
        assertNull(e.combined("digits@v2", "primary"));
    }

    @Test
    void theLatestRecordOfASubtaskWinsWhateverTheOrderTheyArrive() {
        JobEvaluations e = new JobEvaluations();
        e.add(eval("m@1", "primary", 0, 100, 0.40, 0.60, 1_000));
        e.add(eval("m@1", "primary", 0, 200, 0.20, 0.80, 2_000));
        e.add(eval("m@1", "primary", 0, 150, 0.30, 0.70, 1_500)); // older than the one kept: ignored
        JobEvaluations.Combined c = e.combined("m@1", "primary");
        assertEquals(1, c.subtasks());
        assertEquals(200, c.count());
        assertEquals(0.80, c.accuracy(), EPS);
        assertEquals(0.20, c.meanLoss(), EPS);
    }

    @Test
    void versionsAndRolesStayApartSortedByModelThenRole() {
        JobEvaluations e = new JobEvaluations();
        e.add(eval("m@2", "shadow", 1, 10, 0.3, 1.0, 5));
        e.add(eval("m@1", "primary", 0, 20, 0.1, 0.5, 5));
        e.add(eval("m@2", "primary", 0, 30, 0.2, 0.9, 5));
        e.add(eval("m@2", "shadow", 0, 30, Double.NaN, Double.NaN, 5)); // no figures: weighs nothing
        List<JobEvaluations.Combined> all = e.combined();
        assertEquals(List.of("m@1 primary", "m@2 primary", "m@2 shadow"),
                all.stream().map(c -> String.format("%s %s", c.model(), c.role())).toList());
        JobEvaluations.Combined shadow = all.get(2);
        assertEquals(2, shadow.subtasks());
        assertEquals(40, shadow.count());
        assertEquals(1.0, shadow.accuracy(), EPS);
        assertEquals(0.3, shadow.meanLoss(), EPS);
    }

    @Test
    void theJobsEvaluationRecordIsRead() throws IOException {
        RollingEvaluation r = new RollingEvaluation(500);
        r.add(0.5, true);
        r.add(1.5, false);
        byte[] json = RecordWriter.evaluation("digits@abc", Role.SHADOW.label(), 1, r.window(), r.count(), r.meanLoss(),
                r.accuracy(), 1_764_255_000_000L);
        assertEquals(new JobEvaluations.Evaluation("digits@abc", "shadow", 1, 500, 2, 1.0, 0.5, 1_764_255_000_000L), read(json));
        JobEvaluations.Evaluation empty = read(RecordWriter.evaluation("m@1", Role.PRIMARY.label(), 0, 3, 0, Double.NaN, Double.NaN, 7));
        assertTrue(Double.isNaN(empty.accuracy()) && Double.isNaN(empty.meanLoss()), empty.toString());
        IOException e = assertThrows(IOException.class, () -> read(
                "{\"model\": \"m@1\", \"role\": \"primary\", \"subtask\": 0, \"window\": 5, \"count\": 6, \"timestamp\": 1}"
                        .getBytes(UTF_8)));
        assertEquals("count: expected an integer from 0 to 5, got 6", e.getMessage());
        IOException noWindow = assertThrows(IOException.class, () -> read("{\"model\": \"m@1\"}".getBytes(UTF_8)));
        assertEquals("window: expected an integer from 1 to 2147483647, got null", noWindow.getMessage());
        IOException noRole = assertThrows(IOException.class, () -> read(
                "{\"model\": \"m@1\", \"role\": 2, \"subtask\": 0, \"window\": 5, \"count\": 5, \"timestamp\": 1}".getBytes(UTF_8)));
        assertEquals("role: expected a string, got 2", noRole.getMessage());
    }

    private static JobEvaluations.Evaluation read(byte[] json) throws IOException {
        return JobEvaluations.Evaluation.read(OutputReader.Fields.of(json));
    }

    @Test
    void theSummaryShowsEachVersionOnLinesOfAtMost80Characters() {
        JobEvaluations e = new JobEvaluations();
        e.add(eval("digits@70636ad3aead", "primary", 0, 500, 0.02, 0.994, 1));
        e.add(eval("digits@70636ad3aead", "primary", 1, 500, 0.03, 0.990, 1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DemoConsole(new PrintStream(bytes, true, UTF_8), false, 1, 0).evaluations(e.combined());
        String nl = System.lineSeparator();
        assertEquals("  job evaluation digits@70636ad3aead primary: accuracy 99.20%" + nl
                + "                 mean loss 0.0250   (1000 records in the windows of 2 subtasks)" + nl,
                bytes.toString(UTF_8));
        for (String line : bytes.toString(UTF_8).split(nl)) {
            assertTrue(line.length() <= 80, line);
        }
        bytes.reset();
        new DemoConsole(new PrintStream(bytes, true, UTF_8), false, 1, 0).evaluations(List.of());
        assertEquals("  job evaluation none read from events.eval" + nl, bytes.toString(UTF_8));
    }
}
