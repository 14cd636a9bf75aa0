package dev.streamscore.job.records;

/** What {@link RecordParser#parse} makes of one value: a record to score, or a dead letter. */
public sealed interface ParseResult permits InputRecord, DeadLetter {}
