package dev.streamscore.job.demo;

import dev.streamscore.job.serving.RollingEvaluation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins the outputs read back (scores and dead letters, by Kafka key) to the records sent and keeps
 * the figures: accuracy and mean loss by the job's own {@link RollingEvaluation} (over the latest
 * {@code window} labelled scores, and over a window as large as the run), latency percentiles, dead
 * letters grouped by how their record was spoiled. Each record sent must come back exactly once: a
 * second output for a key is a duplicate, an output for a key never sent is unexpected; neither
 * enters the figures.
 *
 * <p>Latency of a record = when its output was read - when it was sent. Records sent before the
 * first output was read waited for the job to start: they are left out of the percentiles, and the
 * first one's latency is the start-up time. Plain Java, not thread-safe.
 */
public final class ScoreTracker {
    public static final int DEFAULT_WINDOW = 500;
    private static final int SAMPLE_KEYS = 10;

    private final long[] sentAt;
    private final int[] labels;
    private final Malformation[] kinds;
    private final byte[] seen;
    private final RollingEvaluation recent;
    private final RollingEvaluation overall;
    /** The timed records' latencies (ms), in the order they were read. */
    private final long[] latencies;
    private final Map<Malformation, DemoReport.Group> groups = new EnumMap<>(Malformation.class);
    private final Set<String> models = new TreeSet<>();
    private final List<String> unexpectedKeys = new ArrayList<>();
    private DemoReport.Group validDead;
    private int sent;
    private int malformedSent;
    private int scored;
    private int deadLetters;
    private int timed;
    private int duplicates;
    private int unexpected;
    private int malformedScored;
    private long firstOutputAt = -1;
    private long startUpMs = -1;

    /** @param capacity records that will be sent (sequence numbers 0 to capacity - 1); {@code window}: see above */
    public ScoreTracker(int capacity, int window) {
        if (capacity < 1 || window < 1) {
            throw new IllegalArgumentException(String.format(
                    "capacity and window must be >= 1, got %d and %d", capacity, window));
        }
        sentAt = new long[capacity];
        Arrays.fill(sentAt, -1);
        labels = new int[capacity];
        kinds = new Malformation[capacity];
        seen = new byte[capacity];
        latencies = new long[capacity];
        recent = new RollingEvaluation(window);
        overall = new RollingEvaluation(capacity);
    }

    /** Record {@code seq} was sent at {@code atMillis}: label -1 when unlabelled, {@code kind} null when valid. */
    public void sent(int seq, int label, Malformation kind, long atMillis) {
        if (seq < 0 || seq >= sentAt.length || sentAt[seq] >= 0) {
            throw new IllegalArgumentException(String.format(
                    "seq must be in [0, %d) and sent once, got %d", sentAt.length, seq));
        }
        sentAt[seq] = atMillis;
        labels[seq] = label;
        kinds[seq] = kind;
        sent++;
        malformedSent += kind != null ? 1 : 0;
    }

    /** A score for {@code key} was read at {@code atMillis}; {@code loss} is NaN when the output had none. */
    public void scored(String key, int predicted, double loss, String model, long atMillis) {
        int seq = join(key, atMillis);
        if (seq >= 0) {
            scored++;
            models.add(model);
            if (kinds[seq] != null) {
                malformedScored++;
            } else if (labels[seq] >= 0) {
                recent.add(loss, predicted == labels[seq]);
                overall.add(loss, predicted == labels[seq]);
            }
        }
    }

    /** A dead letter for {@code key} was read at {@code atMillis}, with the job's {@code reason}. */
    public void deadLettered(String key, String reason, long atMillis) {
        int seq = join(key, atMillis);
        if (seq >= 0) {
            deadLetters++;
            if (kinds[seq] == null) {
                validDead = add(validDead, "valid record", reason);
            } else {
                groups.put(kinds[seq], add(groups.get(kinds[seq]), kinds[seq].description(), reason));
            }
        }
    }

    /** An output for no record sent, or one that could not be read ({@code what} says which and why). */
    public void unexpected(String what) {
        unexpected++;
        if (unexpectedKeys.size() < SAMPLE_KEYS) {
            unexpectedKeys.add(what);
        }
    }

    /** Records that have come back (once or more) so far. */
    public int returned() {
        return scored + deadLetters;
    }

    /** True when at least one record was sent and every record sent has come back. */
    public boolean allReturned() {
        return sent > 0 && returned() == sent;
    }

    /** The progress line's figures now. */
    public DemoReport.Progress progress() {
        return new DemoReport.Progress(sent, scored, deadLetters, duplicates + unexpected, recent.accuracy(),
                recent.meanLoss(), percentile(latencies, Math.max(0, timed - recent.window()), timed, 99));
    }

    /** The figures of the whole run, and what did not come back exactly once. */
    public DemoReport report() {
        List<String> missingKeys = new ArrayList<>();
        int missing = 0;
        for (int seq = 0; seq < sentAt.length; seq++) {
            if (sentAt[seq] >= 0 && seen[seq] == 0 && missing++ < SAMPLE_KEYS) {
                missingKeys.add(DemoRecords.key(seq));
            }
        }
        int validDeadCount = validDead == null ? 0 : validDead.count();
        List<String> problems = new ArrayList<>();
        problem(problems, sent == 0 ? 1 : 0, "no record was sent");
        problem(problems, missing, "%d of %d records sent did not come back (%s%s)", missing, sent,
                String.join(", ", missingKeys), missing > SAMPLE_KEYS ? ", ..." : "");
        problem(problems, duplicates, "%d outputs were duplicates", duplicates);
        problem(problems, unexpected, "%d outputs were not for a record sent or could not be read (%s)", unexpected,
                String.join(", ", unexpectedKeys));
        problem(problems, malformedScored, "%d malformed records were scored instead of dead-lettered", malformedScored);
        problem(problems, validDeadCount, "%d valid records were dead-lettered", validDeadCount);
        List<DemoReport.Group> dead = new ArrayList<>(groups.values());
        if (validDead != null) {
            dead.add(validDead);
        }
        return new DemoReport(sent, malformedSent, scored, deadLetters, dead, overall.count(), overall.accuracy(),
                overall.meanLoss(), timed, percentile(latencies, 0, timed, 50), percentile(latencies, 0, timed, 99),
                startUpMs, Set.copyOf(models), problems);
    }

    /**
     * The nearest-rank p-th percentile (0 &lt; p ≤ 100) of {@code values[from, to)}: the ⌈p·n/100⌉-th
     * smallest of those n values; -1 when there are none.
     */
    static long percentile(long[] values, int from, int to, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException(String.format("percentile must be in (0, 100], got %s", p));
        }
        if (to <= from) {
            return -1;
        }
        long[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        return sorted[(int) Math.max(1, Math.ceil(p / 100 * sorted.length)) - 1];
    }

    /** The sequence number of a first output for {@code key}, or -1 (counted) when it is a duplicate or unknown. */
    private int join(String key, long atMillis) {
        int seq = DemoRecords.seq(key);
        if (seq < 0 || seq >= sentAt.length || sentAt[seq] < 0) {
            unexpected(String.valueOf(key));
            return -1;
        }
        seen[seq] = (byte) Math.min(seen[seq] + 1, Byte.MAX_VALUE);
        if (seen[seq] > 1) {
            duplicates++;
            return -1;
        }
        if (firstOutputAt < 0) {
            firstOutputAt = atMillis;
            startUpMs = atMillis - sentAt[seq];
        }
        if (sentAt[seq] >= firstOutputAt) {
            latencies[timed++] = Math.max(0, atMillis - sentAt[seq]); // clocks a millisecond apart: 0
        }
        return seq;
    }

    /** Adds {@code String.format(format, args)} to {@code problems} when {@code count > 0}. */
    private static void problem(List<String> problems, int count, String format, Object... args) {
        if (count > 0) {
            problems.add(String.format(format, args));
        }
    }

    private static DemoReport.Group add(DemoReport.Group group, String description, String reason) {
        return group == null ? new DemoReport.Group(description, 1, reason)
                : new DemoReport.Group(description, group.count() + 1, group.example());
    }
}
