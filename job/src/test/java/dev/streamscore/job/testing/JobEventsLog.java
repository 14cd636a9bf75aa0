package dev.streamscore.job.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The job's own events, as a launcher JVM ({@link LauncherProcess}) logs them with
 * {@code log4j2-job-events.xml}: its state changes (a restart is a change to RESTARTING) and its
 * completed checkpoints (an exactly-once job commits its output when one completes). Give the JVM
 * {@link #jvmOptions()}; read the file once the events of interest have happened.
 */
public final class JobEventsLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Pattern COMPLETED = Pattern.compile(
            "^(\\S+ \\S+) .*Completed checkpoint (\\d+) for job \\S+ \\((\\d+) bytes, checkpointDuration=(\\d+) ms");

    private final Path file;

    /** A completed checkpoint: when the JobManager logged it (local time), its id and how long it took. */
    public record Checkpoint(LocalDateTime completedAt, long id, long durationMs) {}

    /** @param file where the launcher JVM writes the events (it need not exist yet) */
    public JobEventsLog(Path file) {
        this.file = file;
    }

    /** The JVM options that make a launcher JVM write its job's events to this file. */
    public List<String> jvmOptions() throws URISyntaxException {
        Path config = Path.of(JobEventsLog.class.getResource("/log4j2-job-events.xml").toURI());
        return List.of(String.format("-Dlog4j2.configurationFile=%s", config),
                String.format("-Dstreamscore.job-events=%s", file));
    }

    public Path file() {
        return file;
    }

    /** How often the job's state changed to {@code state} (e.g. RESTARTING: its restarts). */
    public long stateChanges(String state) throws IOException {
        String change = String.format(" to %s.", state);
        return lines().stream().filter(l -> l.contains("switched from state") && l.endsWith(change)).count();
    }

    /** The completed checkpoints, in the order they completed. */
    public List<Checkpoint> completedCheckpoints() throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        for (String line : lines()) {
            Matcher m = COMPLETED.matcher(line);
            if (m.find()) {
                out.add(new Checkpoint(LocalDateTime.parse(m.group(1), TIME), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(4))));
            }
        }
        return out;
    }

    private List<String> lines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.toList();
        }
    }
}
