/** Test helpers: Kafka clients that check every send, the digits test data and its offline expected output. */
package dev.streamscore.job.testing;
