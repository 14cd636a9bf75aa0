package dev.streamscore.bench.e2e;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.options.JobOptionsBuilder;
import java.time.Duration;

/**
 * The parameters of {@code bench e2e}: how much it runs ({@code --quick} or full), and the options
 * every job gets. The jobs run with the job's own defaults for batching and checkpoints (those of
 * {@code ./streamscore run}); only parallelism, partitions, start offsets and delivery are set.
 *
 * @param records        input records of each throughput run
 * @param rounds         measured rounds; each runs the three jobs once, in a rotated order
 * @param latencyWarmUp  records sent in this first part of a latency run are not counted
 * @param latencyMeasured the part of a latency run whose records are counted
 */
record E2eSettings(boolean quick, long records, int rounds, Duration latencyWarmUp, Duration latencyMeasured) {
    static final int PARTITIONS = 2;
    static final int PARALLELISM = 2;

    static E2eSettings of(boolean quick) {
        return quick
                ? new E2eSettings(true, 200_000, 2, Duration.ofSeconds(5), Duration.ofSeconds(15))
                : new E2eSettings(false, 500_000, 7, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    int partitions() {
        return PARTITIONS;
    }

    /** A job's options: parallelism {@value #PARALLELISM}, from the earliest offsets, the job's defaults otherwise. */
    JobOptionsBuilder jobOptions(String bootstrap, String input, String output, String deadLetters, String group,
                                 JobOptions.Delivery delivery) {
        return JobOptions.builder().bootstrapServers(bootstrap).inputTopic(input).outputTopic(output)
                .deadLetterTopic(deadLetters).groupId(group).parallelism(PARALLELISM)
                .startFrom(JobOptions.StartFrom.EARLIEST).delivery(delivery);
    }

    /** The job's default options (what {@link #jobOptions} leaves as is). */
    JobOptions defaults() {
        return jobOptions("127.0.0.1:9092", "in", "out", "dlq", "group", JobOptions.Delivery.EXACTLY_ONCE).build();
    }
}
