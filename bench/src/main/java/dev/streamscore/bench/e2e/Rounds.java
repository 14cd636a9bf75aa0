package dev.streamscore.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The throughput rounds: each round runs every job once, the order rotated by one each round (so
 * no job always runs first, or always after the same one), and each job's median over rounds.
 */
final class Rounds {
    private final ThroughputRun.Job[] jobs;
    private final List<List<Double>> rates = new ArrayList<>();
    private final List<List<Double>> cpu = new ArrayList<>();

    Rounds(ThroughputRun.Job[] jobs) {
        this.jobs = jobs.clone();
        for (int i = 0; i < jobs.length; i++) {
            rates.add(new ArrayList<>());
            cpu.add(new ArrayList<>());
        }
    }

    /** Round {@code round}'s order: the jobs starting from job {@code round mod jobs}. */
    List<ThroughputRun.Job> order(int round) {
        List<ThroughputRun.Job> order = new ArrayList<>();
        for (int i = 0; i < jobs.length; i++) {
            order.add(jobs[(round + i) % jobs.length]);
        }
        return order;
    }

    /** Adds a run of one of the jobs. */
    void add(ThroughputRun.Result run) {
        for (int i = 0; i < jobs.length; i++) {
            if (jobs[i] == run.job()) {
                rates.get(i).add(run.recordsPerSecond());
                cpu.get(i).add(run.cpuMicrosPerRecord());
                return;
            }
        }
        throw new IllegalArgumentException(String.format("not one of this bench's jobs: %s", run.job().name()));
    }

    /** Each job's median records/s over its runs, in the jobs' order. */
    double[] medians() {
        return medians(rates);
    }

    /** Each job's median CPU µs per record over its runs, in the jobs' order. */
    double[] cpuMedians() {
        return medians(cpu);
    }

    private double[] medians(List<List<Double>> values) {
        double[] medians = new double[jobs.length];
        for (int i = 0; i < jobs.length; i++) {
            medians[i] = Percentiles.median(values.get(i).stream().mapToDouble(Double::doubleValue).toArray());
        }
        return medians;
    }
}
