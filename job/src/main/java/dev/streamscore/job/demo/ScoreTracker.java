package dev.streamscore.job.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins the outputs read back (scores and dead letters, by Kafka key) to the records the demo sent,
 * and keeps the figures: counts, accuracy and mean loss (rolling over the latest {@code window}
 * labelled scores, and overall), latency percentiles, dead letters grouped by how the record was
 * spoiled. Each record sent must come back exactly once: a second output for a key is a duplicate,
 * an output for a key never sent is unexpected; neither enters the figures.
 *
 * <p>Latency of a record = the time its output was read minus the time it was sent. Records sent
 * before the job's first output was read waited for the job to start: their latencies are left out
 * of the percentiles, and the first one's is reported as the start-up time.
 *
 * <p>Plain Java, no Kafka: the replayer calls {@link #sent}, the consumer {@link #scored} and
 * {@link #deadLettered}, the progress loop {@link #progress}. Thread-safe (every method is synchronized).
 */
public final class ScoreTracker {
    public static final int DEFAULT_WINDOW = 500;
    private static final int SAMPLE_KEYS = 10;

    private final long[] sentAt;
    private final int[] labels;
    private final Malformation[] kinds;
    private final byte[] seen;
    private final RollingScores scores;
    private final LatencyStats latency;
    private final Map<Malformation, DemoReport.Group> spoiled = new EnumMap<>(Malformation.class);
    private DemoReport.Group validDeadLetters;
    private final Set<String> models = new TreeSet<>();
    private final List<String> unexpectedKeys = new ArrayList<>();
    private int sent;
    private int malformedSent;
    private int scored;
    private int deadLetters;
    private int duplicates;
    private int unexpected;
    private int malformedScored;
    private long firstOutputAt = -1;
    private long startUpMs = -1;

    /**
     * @param capacity how many records will be sent (sequence numbers 0 to capacity - 1)
     * @param window   how many of the latest outputs the rolling figures cover
     */
    public ScoreTracker(int capacity, int window) {
        if (capacity < 1) {
            throw new IllegalArgumentException(String.format("capacity must be >= 1, got %d", capacity));
        }
        sentAt = new long[capacity];
        Arrays.fill(sentAt, -1);
        labels = new int[capacity];
        kinds = new Malformation[capacity];
        seen = new byte[capacity];
        scores = new RollingScores(window);
        latency = new LatencyStats(window);
    }

    /** Record {@code seq} was sent at {@code atMillis}: label -1 when unlabelled, {@code kind} null when valid. */
    public synchronized void sent(int seq, int label, Malformation kind, long atMillis) {
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

    /** A score was read for {@code key} at {@code atMillis}; {@code loss} is NaN when the output had none. */
    public synchronized void scored(String key, int predicted, double loss, String model, long atMillis) {
        int seq = join(key, atMillis);
        if (seq < 0) {
            return;
        }
        scored++;
        models.add(model);
        if (kinds[seq] != null) {
            malformedScored++;
        } else if (labels[seq] >= 0) {
            scores.add(predicted == labels[seq], loss);
        }
    }

    /** A dead letter was read for {@code key} at {@code atMillis}, with the job's {@code reason}. */
    public synchronized void deadLettered(String key, String reason, long atMillis) {
        int seq = join(key, atMillis);
        if (seq < 0) {
            return;
        }
        deadLetters++;
        Malformation kind = kinds[seq];
        if (kind == null) {
            validDeadLetters = DemoReport.Group.add(validDeadLetters, "valid record", reason);
        } else {
            spoiled.put(kind, DemoReport.Group.add(spoiled.get(kind), kind.description(), reason));
        }
    }

    /** An output that could not be read ({@code where} says which and why): counted as unexpected. */
    public synchronized void unreadable(String where) {
        unexpected++;
        if (unexpectedKeys.size() < SAMPLE_KEYS) {
            unexpectedKeys.add(where);
        }
    }

    /** Records sent so far. */
    public synchronized int sentCount() {
        return sent;
    }

    /** Records that have come back (once or more) so far. */
    public synchronized int returned() {
        return scored + deadLetters;
    }

    /** True when at least one record was sent and every record sent has come back. */
    public synchronized boolean allReturned() {
        return sent > 0 && scored + deadLetters == sent;
    }

    /** The figures now, for the progress line. */
    public synchronized DemoReport.Progress progress() {
        return new DemoReport.Progress(sent, scored, deadLetters, duplicates + unexpected,
                scores.recentAccuracy(), scores.recentMeanLoss(), latency.recentPercentile(99));
    }

    /** The figures of the whole run and what did not come back, for the summary. */
    public synchronized DemoReport report() {
        int missing = 0;
        List<String> missingKeys = new ArrayList<>();
        for (int seq = 0; seq < sentAt.length; seq++) {
            if (sentAt[seq] >= 0 && seen[seq] == 0) {
                missing++;
                if (missingKeys.size() < SAMPLE_KEYS) {
                    missingKeys.add(DemoRecords.key(seq));
                }
            }
        }
        List<DemoReport.Group> groups = new ArrayList<>(spoiled.values());
        if (validDeadLetters != null) {
            groups.add(validDeadLetters);
        }
        return new DemoReport(sent, malformedSent, scored, deadLetters, groups,
                scores.count(), scores.accuracy(), scores.meanLoss(),
                latency.count(), latency.percentile(50), latency.percentile(99), startUpMs, Set.copyOf(models),
                missing, missingKeys, duplicates, unexpected, List.copyOf(unexpectedKeys),
                malformedScored, validDeadLetters == null ? 0 : validDeadLetters.count());
    }

    /** The sequence number of a first output for {@code key}, or -1 (counted) when it is a duplicate or unknown. */
    private int join(String key, long atMillis) {
        int seq = DemoRecords.seq(key);
        if (seq < 0 || seq >= sentAt.length || sentAt[seq] < 0) {
            unreadable(String.valueOf(key));
            return -1;
        }
        if (seen[seq] < Byte.MAX_VALUE) {
            seen[seq]++;
        }
        if (seen[seq] > 1) {
            duplicates++;
            return -1;
        }
        if (firstOutputAt < 0) {
            firstOutputAt = atMillis;
            startUpMs = atMillis - sentAt[seq];
        }
        if (sentAt[seq] >= firstOutputAt) {
            latency.add(atMillis - sentAt[seq]);
        }
        return seq;
    }
}
