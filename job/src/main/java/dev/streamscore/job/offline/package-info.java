/**
 * Offline scoring of JSON-lines files ({@code ./streamscore score}), plain Java: lines are read
 * as bytes and streamed, parsed with {@link dev.streamscore.job.records.RecordParser}, scored through
 * {@link dev.streamscore.job.serving.ModelServing} (the path of the Flink job) in
 * batches, and written in input order; bad lines become dead-letter records on a separate stream.
 *
 * <p>Line rules: lines end with {@code \n}; one {@code \r} before it is dropped (CRLF files); the
 * newline that ends the last line does not start another. A blank line (empty or only spaces
 * and tabs) followed later by a record is most likely a mistake and becomes a dead letter;
 * blank lines after the last record are skipped and counted in the summary.
 */
package dev.streamscore.job.offline;
