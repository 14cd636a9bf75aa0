package dev.streamscore.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Optional CPU profile of the measured scoring runs ({@code -Dstreamscore.bench.profile=true}):
 * a Java Flight Recorder recording (the JDK's {@code profile} settings, execution samples every
 * 10 ms) around each run, written to {@code DIR/scoring-N.jfr}, and at the end the samples of the
 * job's threads (Flink tasks, their Kafka fetchers and producers; not the broker's) summed over the
 * recordings: by thread, by what the code was doing ({@link ProfileCategories}), and the top frames.
 */
final class JobProfile {
    static final String PROPERTY = "streamscore.bench.profile";
    private static final String SAMPLE = "jdk.ExecutionSample";

    private final Path dir;
    private final List<Path> recordings = new ArrayList<>();
    private Recording recording;

    private JobProfile(Path dir) {
        this.dir = dir;
    }

    /** A profile writing to {@code dir} when {@value #PROPERTY} is {@code true}, else null. */
    static JobProfile ifEnabled(Path dir) {
        return Boolean.getBoolean(PROPERTY) ? new JobProfile(dir) : null;
    }

    void start() throws IOException, ParseException {
        Files.createDirectories(dir);
        recording = new Recording(Configuration.getConfiguration("profile"));
        recording.enable(SAMPLE).withPeriod(Duration.ofMillis(10));
        Path file = dir.resolve(String.format("scoring-%d.jfr", recordings.size() + 1));
        recording.setDestination(file);
        recordings.add(file);
        recording.start();
    }

    void stop() {
        recording.stop();
        recording.close();
    }

    /** The summary: samples by thread group and category, and the {@code top} frames by own samples. */
    List<String> summary(int top) throws IOException {
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> categories = new HashMap<>();
        Map<String, Integer> frames = new HashMap<>();
        int total = 0;
        for (Path file : recordings) {
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals(SAMPLE) || e.getStackTrace() == null) {
                    continue;
                }
                String thread = ProfileCategories.threadGroup(e.getThread("sampledThread").getJavaName());
                List<RecordedFrame> stack = e.getStackTrace().getFrames();
                if (thread == null || stack.isEmpty()) {
                    continue;
                }
                threads.merge(thread, 1, Integer::sum);
                if (thread.startsWith(ProfileCategories.NOT_THE_JOBS)) {
                    continue;
                }
                total++;
                categories.merge(ProfileCategories.of(stack), 1, Integer::sum);
                RecordedFrame leaf = stack.get(0);
                frames.merge(String.format("%s.%s", leaf.getMethod().getType().getName(), leaf.getMethod().getName()), 1,
                        Integer::sum);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%nprofile: JFR execution samples of the job's threads in %d scoring runs (%s): %,d samples",
                recordings.size(), dir, total));
        lines.add("by thread:");
        lines.addAll(shares(threads, total, Integer.MAX_VALUE));
        lines.add("by activity (the innermost frame that says what the code is doing):");
        lines.addAll(shares(categories, total, Integer.MAX_VALUE));
        lines.add(String.format("top %d frames (own samples):", top));
        lines.addAll(shares(frames, total, top));
        return lines;
    }

    private static List<String> shares(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> String.format(Locale.ROOT, "  %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey()))
                .toList();
    }
}
