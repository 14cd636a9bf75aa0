package dev.streamscore.job.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The figures of a demo run, as {@link ScoreTracker#report()} computed them.
 *
 * @param sent            records sent
 * @param malformedSent   of which spoiled on purpose
 * @param scored          records that came back as a score (first output only)
 * @param deadLetters     records that came back as a dead letter (first output only)
 * @param groups          dead letters by how their record was spoiled (a valid record's last)
 * @param labelled        labelled scores, the base of {@code accuracy} and {@code meanLoss}
 * @param accuracy        correct predictions / labelled scores (NaN when none)
 * @param meanLoss        mean cross-entropy of the labelled scores (NaN when none)
 * @param timed           records in the latency percentiles (those sent after the first output)
 * @param p50Ms           latency median in ms (-1 when none)
 * @param p99Ms           latency 99th percentile in ms (-1 when none)
 * @param startUpMs       from sending the first record that came back to reading its output (-1 when none)
 * @param models          the {@code model} ids the scores carried
 * @param missing         records sent that did not come back
 * @param missingKeys     the first few of their keys
 * @param duplicates      outputs beyond the first for a record
 * @param unexpected      outputs for keys that were never sent, or that could not be read
 * @param unexpectedKeys  the first few of those keys (or where the unreadable ones were)
 * @param malformedScored spoiled records that were scored
 * @param validDead       valid records that were dead-lettered
 */
public record DemoReport(int sent, int malformedSent, int scored, int deadLetters, List<Group> groups,
                         long labelled, double accuracy, double meanLoss,
                         long timed, long p50Ms, long p99Ms, long startUpMs, Set<String> models,
                         int missing, List<String> missingKeys, int duplicates, int unexpected,
                         List<String> unexpectedKeys, int malformedScored, int validDead) {

    /** Dead letters of one kind: how many, and the job's reason for the first one. */
    public record Group(String description, int count, String example) {
        /** {@code group} with one more dead letter, or a new group when it is null. */
        static Group add(Group group, String description, String reason) {
            return group == null ? new Group(description, 1, reason) : new Group(description, group.count + 1, group.example);
        }
    }

    /** The figures of the progress line: counts so far, rolling accuracy, mean loss and p99 latency. */
    public record Progress(int sent, int scored, int deadLetters, int extra,
                           double accuracy, double meanLoss, long p99Ms) {
        public int returned() {
            return scored + deadLetters;
        }
    }

    /**
     * True when every record sent came back exactly once, valid ones as scores and spoiled ones as
     * dead letters, and nothing else came back.
     */
    public boolean exactlyOnce() {
        return problems().isEmpty();
    }

    /** What went wrong, one phrase each; empty when {@link #exactlyOnce()}. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (sent == 0) {
            problems.add("no record was sent");
        }
        if (missing > 0) {
            problems.add(String.format("%d of %d records sent did not come back (%s%s)", missing, sent,
                    String.join(", ", missingKeys), missing > missingKeys.size() ? ", ..." : ""));
        }
        if (duplicates > 0) {
            problems.add(String.format("%d outputs were duplicates", duplicates));
        }
        if (unexpected > 0) {
            problems.add(String.format("%d outputs were not for a record sent or could not be read (%s)", unexpected,
                    String.join(", ", unexpectedKeys)));
        }
        if (malformedScored > 0) {
            problems.add(String.format("%d malformed records were scored instead of dead-lettered", malformedScored));
        }
        if (validDead > 0) {
            problems.add(String.format("%d valid records were dead-lettered", validDead));
        }
        return problems;
    }
}
