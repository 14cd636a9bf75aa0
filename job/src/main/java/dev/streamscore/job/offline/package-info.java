/**
 * Offline scoring of JSON-lines files ({@code ./streamscore score}), plain Java: lines are read
 * as bytes and streamed in bounded memory, parsed with {@link dev.streamscore.job.records.RecordParser},
 * scored through {@link dev.streamscore.job.serving.ModelServing} (the path of the Flink job) in
 * batches, and written in input order; bad lines become dead-letter records on a separate stream.
 *
 * <p>Line rules: lines end with {@code \n}; one {@code \r} before it is dropped (CRLF files); the
 * newline that ends the last line does not start another. A blank line (empty or only spaces
 * and tabs) holds no record: it is skipped and counted, wherever it is, and still counts in the
 * line numbers of the lines after it. A line over {@code --max-record-bytes} is a dead letter
 * without being parsed or held whole: only its first {@code --dead-letter-max-raw-bytes} are kept,
 * and its dead letter says {@code "raw_truncated": true} and {@code "raw_bytes"} (its size).
 */
package dev.streamscore.job.offline;
