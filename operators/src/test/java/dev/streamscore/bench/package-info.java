/**
 * JMH benchmarks of the engine (run with {@code bench/run-jmh.sh}); not unit tests, never asserted
 * on timings.
 */
package dev.streamscore.bench;
