/**
 * {@code ./streamscore demo}: the whole system in one process, with nothing to install.
 *
 * <pre>
 * DemoReplayer ──(KafkaProducer)──→ events ──→ Flink job (ScoringJob, exactly-once) ──→ scores
 *      │                                                                              ├──→ events.dlq
 *      │                                                                              └──→ events.eval
 *      └── sent(seq, label, time) ──→ ScoreTracker ←── OutputConsumer (read_committed) ←──┘
 *                                          │                  └──→ JobEvaluations
 *                                          └──→ ProgressPrinter (once a second), DemoSummary (at the end)
 * </pre>
 *
 * <p>{@link dev.streamscore.job.demo.DemoRun} starts the in-process Kafka broker and a local Flink
 * environment running the same job as {@code run}, with the model bundled on the class path
 * ({@code demo/digits.onnx}). {@link dev.streamscore.job.demo.DemoRecords} turns the bundled digits
 * data set into keyed, labelled input records, with a few malformed ones
 * ({@link dev.streamscore.job.demo.Malformation}). {@link dev.streamscore.job.demo.ScoreTracker}
 * joins every output back to the record that was sent (by Kafka key), checks that each came back
 * exactly once, and keeps the figures: rolling accuracy and mean loss, latency percentiles.
 * {@link dev.streamscore.job.demo.JobEvaluations} keeps the job's own evaluation records and
 * combines its subtasks' figures per model version for the summary.
 * The figures are plain Java and tested without Kafka.
 */
package dev.streamscore.job.demo;
