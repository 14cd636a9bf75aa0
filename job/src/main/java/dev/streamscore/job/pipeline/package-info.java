/**
 * The Flink scoring job: Kafka records and model updates in; scores, dead letters, refused
 * updates and evaluations out.
 *
 * <pre>
 * KafkaSource&lt;RawKafkaRecord&gt; → ParseFunction ───────────→ ScoringOperator ──→ KafkaSink (scores)
 *                                 └─ dead letters → KafkaSink    ↑  ├─ refused updates → KafkaSink (&lt;model-topic&gt;.dlq)
 * KafkaSource&lt;ModelUpdate&gt; (parallelism 1) ── broadcast ─────────┘  └─ evaluations → KafkaSink (--eval-topic)
 * </pre>
 *
 * <p>The scoring operator is two-input: records, and model updates broadcast to every subtask
 * (without {@code --model-topic} the second input is an operator that emits nothing).
 *
 * <p>{@link dev.streamscore.job.pipeline.ScoringPipeline#build} builds the parse and score stages
 * on any {@code DataStream<RawKafkaRecord>} (tests use their own sources and sinks);
 * {@link dev.streamscore.job.pipeline.KafkaScoringJob} wires Kafka source and sinks, checkpointing
 * and recovery from {@link dev.streamscore.job.pipeline.JobOptions}.
 *
 * <p>Flink functions are thin wrappers over plain Java: {@link dev.streamscore.job.pipeline.MicroBatch}
 * (size/deadline batching), {@link dev.streamscore.job.pipeline.RecordScorer} (a compiled model
 * and the output records), {@link dev.streamscore.job.pipeline.ModelServing} (primary and shadow
 * models with their evaluations) and the {@code dev.streamscore.job.lifecycle} package do the work
 * and are tested without Flink.
 */
package dev.streamscore.job.pipeline;
