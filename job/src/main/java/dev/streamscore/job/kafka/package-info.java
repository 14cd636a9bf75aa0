/**
 * Kafka for local work and tests: {@link dev.streamscore.job.kafka.EmbeddedKafkaBroker}, the real
 * Kafka server (KRaft, single node) running in this JVM on 127.0.0.1, PLAINTEXT or SASL_SSL
 * ({@link dev.streamscore.job.kafka.BrokerSecurity}), its storage formatted in-process
 * ({@code KraftNode}), and small helpers around the admin client
 * ({@link dev.streamscore.job.kafka.Topics}).
 */
package dev.streamscore.job.kafka;
