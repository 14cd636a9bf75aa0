/**
 * Security, in plain Java (no Flink): the material of a SASL_SSL broker
 * ({@link dev.streamscore.job.security.SaslSslDir}, certificates from
 * {@link dev.streamscore.job.security.LocalCa}), Kafka client settings from a file with masked
 * secrets ({@link dev.streamscore.job.security.KafkaClientConfig},
 * {@link dev.streamscore.job.security.SecretMask}), one-line reasons of authentication failures
 * ({@link dev.streamscore.job.security.AuthenticationFailures}), and the HMAC-SHA256 key that
 * signs model updates ({@link dev.streamscore.job.security.ModelSigningKey}).
 *
 * <p>{@code LocalCa} (and so {@code SaslSslDir}) needs Bouncy Castle, which, like the Kafka
 * server, is on the launcher's class path only, not in the job jar: a job on a cluster uses the
 * other classes.
 */
package dev.streamscore.job.security;
