package dev.streamscore.job.records;

/**
 * Where a value came from. Asked only when needed, so a record that has an id and is valid costs
 * nothing to describe: the fallback id only for a record without one, the source only for a dead letter.
 */
public interface RecordOrigin {
    /** The id of a record that has none: {@code topic-partition-offset} (Kafka) or the line number (files). */
    RecordId fallbackId();

    /** Where the value came from, for a dead letter: {@code topic@partition:offset} or {@code FILE:LINE}. */
    String source();

    /** An origin given outright. */
    static RecordOrigin of(RecordId fallbackId, String source) {
        return new RecordOrigin() {
            @Override
            public RecordId fallbackId() {
                return fallbackId;
            }

            @Override
            public String source() {
                return source;
            }
        };
    }
}
