/**
 * Kafka for local work and tests: {@link dev.streamscore.job.kafka.EmbeddedKafkaBroker}, the real
 * Kafka server (KRaft, single node) running in this JVM on 127.0.0.1, and small helpers around the
 * admin client ({@link dev.streamscore.job.kafka.Topics}).
 */
package dev.streamscore.job.kafka;
