package dev.streamscore.bench.machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a benchmark report says about the machine it ran on (from {@code /proc} on Linux). */
public final class Machine {
    private Machine() {}

    /** The CPU's model name, or the architecture when it cannot be read. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through to the architecture
        }
        return String.format("%s (model unknown)", System.getProperty("os.arch"));
    }

    /** The one-minute load average, two decimals, or {@code unknown}. */
    public static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }

    /** The 1, 5 and 15 minute load averages as {@code /proc/loadavg} has them, or the one-minute one. */
    public static String loadAverages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split("\\s+");
            return String.format("%s %s %s (1, 5, 15 min)", fields[0], fields[1], fields[2]);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return String.format("%s (1 min)", loadAverage());
        }
    }

    /** The peak resident set of this process ({@code VmHWM}), MiB, or NaN when it cannot be read. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return Double.NaN;
    }

    /** CPU model, cores the JVM may use, load averages, and the JVM: the first lines of a report. */
    public static String describe() {
        return String.format("cpu: %s, %d cores available to the JVM, load average before: %s%njvm: %s %s, max heap %d MB",
                cpuModel(), Runtime.getRuntime().availableProcessors(), loadAverages(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
