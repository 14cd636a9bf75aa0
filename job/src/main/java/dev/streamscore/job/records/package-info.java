/**
 * The record formats of the contract, as plain Java (no Flink): {@link dev.streamscore.job.records.RecordParser}
 * turns one input value (a Kafka record value or a line of a file) into an
 * {@link dev.streamscore.job.records.InputRecord} or a {@link dev.streamscore.job.records.DeadLetter};
 * {@link dev.streamscore.job.records.RecordWriter} writes output and dead-letter records as UTF-8 JSON.
 *
 * <p>Input choices beyond the contract: fields other than {@code id}, {@code features} and
 * {@code label} are ignored (they must still be valid JSON); {@code "id": null} and
 * {@code "label": null} mean absent; a label index may be written {@code 2} or {@code 2.0} (an
 * integral number) but not {@code 2.5}; a duplicate field anywhere in the value is a dead letter;
 * a UTF-8 byte order mark is skipped.
 */
package dev.streamscore.job.records;
