package dev.streamscore.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler for a shared machine: each iteration's throughput per second of this process's
 * CPU time ({@code cpu.rate}, ops per CPU-second) beside JMH's per wall-clock second. Time taken
 * away by other processes does not count against us, so figures from a busy machine stay
 * comparable; the process's other threads (JIT, GC, JMH) are counted, so on an idle machine it is
 * at most the wall-clock throughput. The benchmark and ONNX Runtime (one intra-op thread) run on
 * the benchmark thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    static final String RATE = "cpu.rate";
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;

    @Override
    public String getDescription() {
        return "throughput per CPU-second of the benchmark process";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        double ops = result.getMetadata().getMeasuredOps();
        return List.of(new ScalarResult(RATE, cpu > 0 ? ops / (cpu / 1e9) : Double.NaN, "ops/cpu-s", AggregationPolicy.AVG));
    }
}
