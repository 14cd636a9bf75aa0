package dev.streamscore.job.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.CliRun;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./streamscore demo --records 600 --rate 0}, in-process, for real: broker, local Flink job,
 * replay, read-back. The summary must add up: 600 sent, the 2 malformed ones (records 125 and 375,
 * by the schedule: every 250th from the 125th) dead-lettered, the other 598 scored, accurately;
 * and the job's own evaluation records (read from its eval topic) report the served model as accurate.
 */
class DemoCommandITCase {

    @Test
    void demoRunsEndToEndAndEveryRecordComesBackOnce() {
        CliRun run = CliRun.of("demo", "--records", "600", "--rate", "0");
        String text = run.out();
        System.out.print(text); // kept in the failsafe report
        assertEquals(0, run.status(), String.format("stdout:%n%s%nstderr:%n%s", text, run.err()));

        assertEquals("600", find(text, "sent +(\\d+) records in"));
        assertEquals("598", find(text, "  sent .*: (\\d+) valid, 2 malformed"));
        assertEquals("598", find(text, "scored +(\\d+) +accuracy"));
        assertEquals("2", find(text, "dead letters +(\\d+)\\R"));
        assertTrue(text.contains("      1  truncated JSON       invalid JSON at column"), text);
        assertTrue(text.contains("      1  wrong feature count  features: expected 64 numbers, got 63"), text);
        double accuracy = Double.parseDouble(find(text, "accuracy ([0-9.]+)%"));
        assertTrue(accuracy >= 95, String.format("accuracy %s%%", accuracy));
        double loss = Double.parseDouble(find(text, "mean loss ([0-9.]+)"));
        assertTrue(loss > 0 && loss < 0.2, String.format("mean loss %s", loss));
        long p50 = Long.parseLong(find(text, "latency +p50 (\\d+) ms"));
        long p99 = Long.parseLong(find(text, "latency .* p99 (\\d+) ms"));
        assertTrue(p50 <= p99, text);
        String model = find(text, "model +(digits@[0-9a-f]{12})\\R");
        Matcher job = Pattern.compile("  job evaluation (\\S+) primary: accuracy ([0-9.]+)%\\R"
                + " +mean loss ([0-9.]+) +\\((\\d+) records in the windows of (\\d) subtasks?\\)").matcher(text);
        assertTrue(job.find(), String.format("no job evaluation in:%n%s", text));
        assertEquals(model, job.group(1), "the job evaluates the model it serves");
        double jobAccuracy = Double.parseDouble(job.group(2));
        assertTrue(jobAccuracy >= 95, String.format("the job's accuracy %s%%", jobAccuracy));
        double jobLoss = Double.parseDouble(job.group(3));
        assertTrue(jobLoss > 0 && jobLoss < 0.2, String.format("the job's mean loss %s", jobLoss));
        // 598 labelled records over 2 subtasks: no window of 500 is full unless one subtask got them all
        int jobCount = Integer.parseInt(job.group(4));
        int subtasks = Integer.parseInt(job.group(5));
        assertTrue(jobCount == 598 || (subtasks == 1 && jobCount == 500),
                String.format("the job evaluated %d records on %d subtasks", jobCount, subtasks));
        assertTrue(text.contains("exactly once   yes: 598 scores + 2 dead letters = 600 sent"), text);
        assertTrue(text.matches("(?s).*\\R +[0-9.]+s sent \\d+/600 .*"), String.format("at least one progress line:%n%s", text));
        for (String line : text.split("\\R")) {
            assertTrue(line.length() <= 80, String.format("%d characters: %s", line.length(), line));
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), String.format("no match for /%s/ in:%n%s", regex, text));
        return m.group(1);
    }
}
