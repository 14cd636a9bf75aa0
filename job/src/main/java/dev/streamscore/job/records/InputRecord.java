package dev.streamscore.job.records;

import dev.streamscore.score.Label;

/**
 * A well-formed input record.
 *
 * @param id       the record's {@code id} as it came (string or number), or the fallback id when absent
 * @param features exactly the model's input width of finite numbers (owned by this record)
 * @param label    the label, or null when the record is unlabelled
 */
public record InputRecord(RecordId id, double[] features, Label label) implements ParseResult {}
