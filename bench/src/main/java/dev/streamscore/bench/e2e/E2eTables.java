package dev.streamscore.bench.e2e;

import java.util.Locale;

/** The readable lines of the {@code bench e2e} report: a row per throughput run and per latency run. */
final class E2eTables {
    private E2eTables() {}

    static String throughputHeader() {
        return String.format(Locale.ROOT, "%n%-8s %-13s %-14s %12s %10s %9s %9s %11s %6s%n%s", "round", "job", "delivery",
                "records/s", "records", "span s", "wall s", "cpu us/rec", "load", "-".repeat(100));
    }

    static String throughputRow(String round, ThroughputRun.Result r) {
        return String.format(Locale.ROOT, "%-8s %-13s %-14s %,12.0f %,10d %9.2f %9.2f %11.2f %6s", round, r.job().name(),
                r.delivery().flag(), r.recordsPerSecond(), r.records(), r.spanMs() / 1000.0, r.wallMs() / 1000.0,
                r.cpuMicrosPerRecord(), r.load());
    }

    /** The medians of scoring, pass-through and raw copy: records/s, and CPU µs per record. */
    static String medians(double[] medians, double[] cpu) {
        return String.format(Locale.ROOT, "%-8s scoring %,.0f, pass-through %,.0f, raw copy %,.0f records/s;"
                + " CPU per record %.2f, %.2f, %.2f us (scoring / pass-through %.3f)", "median",
                medians[0], medians[1], medians[2], cpu[0], cpu[1], cpu[2], cpu[1] / cpu[0]);
    }

    static String latencyHeader() {
        return String.format(Locale.ROOT, "%n%-14s %10s %9s %9s %9s %9s %9s %6s%n%s", "latency", "rate r/s", "sent",
                "received", "p50 ms", "p99 ms", "max ms", "load", "-".repeat(82));
    }

    static String latencyRow(LatencyRun.Result r) {
        return String.format(Locale.ROOT, "%-14s %,10.0f %,9d %,9d %9.1f %9.1f %9.1f %6s", r.delivery().flag(), r.rate(),
                r.sent(), r.received(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.load());
    }
}
