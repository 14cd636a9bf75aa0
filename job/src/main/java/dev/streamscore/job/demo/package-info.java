/**
 * {@code ./streamscore demo}: the whole system in one process, with nothing to install.
 *
 * <pre>
 * DemoRecords ─→ DemoReplayer ─(KafkaProducer)─→ events ─→ ScoringJob (Flink, exactly-once) ─┬─→ scores
 * (Malformation)     │ sent(seq, label, time)                                                ├─→ events.dlq
 *                    ▼                                                                       └─→ events.eval
 *               ScoreTracker ←── scores, dead letters ── OutputReader: the three topics, read_committed
 *   (RollingEvaluation, latencies)                          └─→ JobEvaluations (the evaluation records)
 *                    └─→ DemoConsole: the progress line once a second, the summary at the end
 * </pre>
 *
 * <p>{@link dev.streamscore.job.demo.DemoRun} starts the {@link dev.streamscore.job.demo.DemoCluster}
 * (the in-process Kafka broker and the job {@code run} starts, serving the bundled model) and runs
 * one loop on one thread: send the records due, read what came back, print the progress line. The
 * records are the bundled digits data set, keyed by sequence number, with a few spoiled ones
 * ({@link dev.streamscore.job.demo.Malformation}, also used by the job's tests).
 * {@link dev.streamscore.job.demo.ScoreTracker} joins each output to its record by Kafka key, checks
 * that each came back exactly once and keeps the figures with the job's own
 * {@link dev.streamscore.job.serving.RollingEvaluation}. The figures are plain Java, tested without Kafka.
 */
package dev.streamscore.job.demo;
