/**
 * The Flink scoring job: Kafka records in, scores and dead letters out.
 *
 * <pre>
 * KafkaSource&lt;RawKafkaRecord&gt; → ParseFunction ──────────→ ScoringOperator → KafkaSink (scores)
 *                                    └─ side output: dead letters ───────→ KafkaSink (dead letters)
 * </pre>
 *
 * <p>{@link dev.streamscore.job.pipeline.ScoringPipeline#build} builds the parse and score stages
 * on any {@code DataStream<RawKafkaRecord>} (tests use their own sources and sinks);
 * {@link dev.streamscore.job.pipeline.KafkaScoringJob} wires Kafka source and sinks, checkpointing
 * and recovery from {@link dev.streamscore.job.pipeline.JobOptions}.
 *
 * <p>Flink functions are thin wrappers over plain Java: {@link dev.streamscore.job.pipeline.MicroBatch}
 * (size/deadline batching) and {@link dev.streamscore.job.pipeline.RecordScorer} (a compiled model
 * and the output records) do the work and are tested without Flink.
 */
package dev.streamscore.job.pipeline;
