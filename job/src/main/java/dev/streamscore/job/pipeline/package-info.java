/**
 * The Flink scoring job: Kafka records and model updates in; scores, dead letters, refused
 * updates and evaluations out.
 *
 * <pre>
 * KafkaSource&lt;RawKafkaRecord&gt; ─────────────────────────→ ScoringOperator ──→ KafkaSink (scores)
 *                                                          ↑  ├─ dead letters → KafkaSink (&lt;input-topic&gt;.dlq)
 * KafkaSource&lt;ModelUpdate&gt; (parallelism 1) ── broadcast ───┘  ├─ refused updates → KafkaSink (&lt;model-topic&gt;.dlq)
 *                                                             └─ evaluations → KafkaSink (--eval-topic)
 * </pre>
 *
 * <p>The scoring operator is two-input: raw records, which it parses, batches and scores, and
 * model updates broadcast to every subtask (without {@code --model-topic} the second input is an
 * operator that emits nothing).
 *
 * <p>{@link dev.streamscore.job.pipeline.ScoringJob#build} builds the parse and score stages on
 * any {@code DataStream<RawKafkaRecord>} (tests use their own sources and sinks);
 * {@link dev.streamscore.job.pipeline.ScoringJob#wire} puts the Kafka sources and sinks of
 * {@link dev.streamscore.job.pipeline.KafkaConnectors} around them, and
 * {@link dev.streamscore.job.pipeline.ScoringJob#configuration} sets checkpointing and recovery.
 *
 * <p>Flink functions are thin wrappers over plain Java: {@link dev.streamscore.job.pipeline.RecordBatch}
 * (size/deadline batching), {@link dev.streamscore.job.records.RecordParser} (parsing and
 * validation) and the {@code dev.streamscore.job.serving} package (models, updates, scoring and
 * evaluation) do the work and are tested without Flink.
 */
package dev.streamscore.job.pipeline;
