package dev.streamscore.bench.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The CPU time of this process (broker, Flink and clients together) against wall-clock time,
 * sampled every {@value #PERIOD_MS} ms on a daemon thread while running, so that the CPU spent
 * between two instants known only afterwards (a job's first and last output) can be read back:
 * CPU per record is comparable between runs on a machine that others share, when records/s are not.
 */
final class CpuClock implements AutoCloseable {
    static final long PERIOD_MS = 20;

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Thread thread;
    private long[] wallMs = new long[4096];
    private long[] cpuNanos = new long[4096];
    private int n;
    private volatile boolean running = true;

    CpuClock() {
        thread = new Thread(this::sample, "bench-e2e-cpu-clock");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            long wall = System.currentTimeMillis();
            long cpu = os.getProcessCpuTime();
            synchronized (this) {
                if (n == wallMs.length) {
                    wallMs = Arrays.copyOf(wallMs, 2 * n);
                    cpuNanos = Arrays.copyOf(cpuNanos, 2 * n);
                }
                wallMs[n] = wall;
                cpuNanos[n] = cpu;
                n++;
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * CPU nanoseconds the process spent between wall-clock instants {@code fromMs} and {@code toMs},
     * interpolated linearly between the samples around each; NaN when they are outside the samples.
     */
    synchronized double cpuNanosBetween(long fromMs, long toMs) {
        return at(toMs) - at(fromMs);
    }

    private double at(long ms) {
        int i = Arrays.binarySearch(wallMs, 0, n, ms);
        if (i >= 0) {
            return cpuNanos[i];
        }
        int after = -i - 1;
        if (after == 0 || after == n) {
            return Double.NaN;
        }
        double f = (double) (ms - wallMs[after - 1]) / (wallMs[after] - wallMs[after - 1]);
        return cpuNanos[after - 1] + f * (cpuNanos[after] - cpuNanos[after - 1]);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(1_000);
    }
}
