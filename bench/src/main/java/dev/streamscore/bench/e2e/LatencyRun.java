package dev.streamscore.bench.e2e;

import dev.streamscore.bench.machine.Machine;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.pipeline.KafkaPreflight;
import dev.streamscore.job.pipeline.ScoringJob;
import dev.streamscore.job.serving.LoadedModel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The scoring job, unbounded, fed at a fixed rate: each input record is timestamped when it is
 * sent, the job gives its output that timestamp, and a consumer of the output topic
 * ({@code read_committed} for exactly-once, {@code read_uncommitted} for at-least-once) takes the
 * difference when the output arrives. First the job is started and probed until an output comes
 * back; then records are sent at the rate for warm-up plus measured time; only records sent in the
 * measured part count.
 */
final class LatencyRun {
    /**
     * @param sent     records sent in the measured part
     * @param received of those, outputs read back before the run ended
     * @param p50Ms    median latency of the received ones
     * @param p99Ms    99th percentile
     * @param maxMs    the largest
     * @param load     the one-minute load average when the measured part ended
     */
    record Result(JobOptions.Delivery delivery, double rate, long sent, long received, double p50Ms, double p99Ms,
                  double maxMs, String load) {}

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final BenchTopics topics;
    private final InputRecords inputs;
    private final E2eSettings settings;
    private final BenchCluster cluster;
    private int runs;

    LatencyRun(BenchCluster cluster, BenchTopics topics, InputRecords inputs, E2eSettings settings) {
        this.cluster = cluster;
        this.topics = topics;
        this.inputs = inputs;
        this.settings = settings;
    }

    /** Runs the job on {@code model} with {@code delivery} at {@code rate} records/s. */
    Result run(LoadedModel model, JobOptions.Delivery delivery, double rate) throws Exception {
        int id = ++runs;
        String input = String.format("lat-in-%d", id);
        String output = String.format("lat-out-%d", id);
        String deadLetters = String.format("lat-dlq-%d", id);
        topics.create(settings.partitions(), false, input, output, deadLetters);
        JobOptions options = settings.jobOptions(topics.bootstrap(), input, output, deadLetters,
                String.format("lat-group-%d", id), delivery).build();
        KafkaPreflight.check(options);
        StreamExecutionEnvironment env = BenchCluster.environment(ScoringJob.configuration(options));
        ScoringJob.wire(env, options, model, null, null);
        long measuredCapacity = (long) (rate * settings.latencyMeasured().toSeconds() * 1.2) + 1_000;
        JobID job = cluster.submit(env);
        try (LatencyReader reader = new LatencyReader(topics.bootstrap(), output,
                delivery == JobOptions.Delivery.EXACTLY_ONCE, (int) measuredCapacity);
             KafkaProducer<byte[], byte[]> producer = InputRecords.producer(topics.bootstrap(), 1)) {
            awaitFirstOutput(producer, input, reader);
            long measureFrom = System.currentTimeMillis() + settings.latencyWarmUp().toMillis();
            reader.countFrom(measureFrom);
            long sent = send(producer, input, rate, measureFrom);
            String load = Machine.loadAverage();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * options.checkpointIntervalMs() + 10_000);
            while (reader.counted() < sent && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            LatencyReader.Latencies l = reader.stop();
            return new Result(delivery, rate, sent, l.count(), l.percentile(50), l.percentile(99), l.percentile(100), load);
        } finally {
            cluster.cancel(job);
            topics.delete(input, output, deadLetters);
        }
    }

    /** Sends a probe record every {@value #PROBE_INTERVAL} until the job's first output is read. */
    private void awaitFirstOutput(KafkaProducer<byte[], byte[]> producer, String input, LatencyReader reader)
            throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long probe = 0;
        while (reader.received() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format("no output of the job within %d s", READY_TIMEOUT.toSeconds()));
            }
            producer.send(new ProducerRecord<>(input, (int) (probe % settings.partitions()), null, inputs.record(-1 - probe)));
            probe++;
            Thread.sleep(PROBE_INTERVAL.toMillis());
        }
    }

    /**
     * Sends records at {@code rate}/s, each timestamped when sent, until warm-up and measured time
     * have passed; returns how many were sent at or after {@code measureFrom}.
     */
    private long send(KafkaProducer<byte[], byte[]> producer, String input, double rate, long measureFrom) {
        long start = System.nanoTime();
        long end = start + settings.latencyWarmUp().toNanos() + settings.latencyMeasured().toNanos();
        long n = 0;
        long measured = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (long) ((now - start) * rate / 1e9);
            for (; n < due; n++) {
                long timestamp = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(input, (int) (n % settings.partitions()), timestamp, null, inputs.record(n)));
                if (timestamp >= measureFrom) {
                    measured++;
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
        producer.flush();
        return measured;
    }
}
