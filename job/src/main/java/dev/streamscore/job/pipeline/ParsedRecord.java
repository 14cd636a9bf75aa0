package dev.streamscore.job.pipeline;

import dev.streamscore.job.records.InputRecord;

/**
 * A valid input record on its way to the scorer, with the Kafka key and timestamp it came with.
 *
 * @param key       the Kafka key (the output record's key), or null
 * @param input     the parsed, validated record
 * @param timestamp the Kafka timestamp (ms since the epoch), for the output record and the latency metric
 */
public record ParsedRecord(byte[] key, InputRecord input, long timestamp) {}
