package dev.streamscore.job.demo;

import java.util.List;
import java.util.Set;

/**
 * The figures of a demo run, as {@link ScoreTracker#report()} computed them.
 *
 * @param sent          records sent, of which {@code malformedSent} spoiled on purpose
 * @param scored        records that came back as a score (first output only)
 * @param deadLetters   records that came back as a dead letter (first output only)
 * @param groups        dead letters by how their record was spoiled (valid records' last)
 * @param labelled      labelled scores of valid records, the base of {@code accuracy} and {@code meanLoss} (NaN when none)
 * @param timed         records in the latency percentiles (those sent after the first output was read)
 * @param p50Ms         latency median in ms, {@code p99Ms} the 99th percentile (-1 when none)
 * @param startUpMs     from sending the first record that came back to reading its output (-1 when none)
 * @param models        the {@code model} ids the scores carried
 * @param problems      what was not exactly once, one phrase each (missing, duplicate, unexpected and
 *                      unreadable outputs, spoiled records scored, valid ones dead-lettered)
 */
public record DemoReport(int sent, int malformedSent, int scored, int deadLetters, List<Group> groups,
                         long labelled, double accuracy, double meanLoss, long timed, long p50Ms, long p99Ms,
                         long startUpMs, Set<String> models, List<String> problems) {

    /** Dead letters of one kind: how many, and the job's reason for the first one. */
    public record Group(String description, int count, String example) {}

    /** The progress line's figures: counts so far, and over the latest outputs accuracy, mean loss and p99 latency. */
    public record Progress(int sent, int scored, int deadLetters, int extra, double accuracy, double meanLoss, long p99Ms) {
        public int returned() {
            return scored + deadLetters;
        }
    }

    /** True when every record sent came back once, valid ones as scores, spoiled ones as dead letters, and nothing else came. */
    public boolean exactlyOnce() {
        return problems.isEmpty();
    }
}
