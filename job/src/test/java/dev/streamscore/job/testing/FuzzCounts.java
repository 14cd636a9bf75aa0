package dev.streamscore.job.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what a fuzz test generated and what became of it, by table and key (e.g. table
 * {@code outcome}, key {@code dead letter: features}), printed as a report at the end of the test
 * class: the test output shows how many values were scored, dead-lettered or refused, and why.
 * Counted as the cases run.
 */
public final class FuzzCounts {
    /** A table of more keys shows the most frequent ones and sums up the rest. */
    private static final int MAX_ROWS = 40;
    private final String title;
    private final Map<String, Map<String, LongAdder>> tables = new ConcurrentHashMap<>();
    private final long started = System.nanoTime();
    private final long startedCpu = processCpuNanos();

    public FuzzCounts(String title) {
        this.title = title;
    }

    public void count(String table, String key) {
        add(table, key, 1);
    }

    public void add(String table, String key, long n) {
        tables.computeIfAbsent(table, t -> new ConcurrentHashMap<>()).computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    /** The total counted in {@code table}. */
    public long total(String table) {
        Map<String, LongAdder> t = tables.get(table);
        return t == null ? 0 : t.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The count of {@code key} in {@code table}. */
    public long get(String table, String key) {
        Map<String, LongAdder> t = tables.get(table);
        LongAdder n = t == null ? null : t.get(key);
        return n == null ? 0 : n.sum();
    }

    /**
     * The report: each table's keys in order with their counts and shares, and the time taken, as
     * elapsed and as the CPU time of the whole test JVM (JIT and GC included), which says more than
     * the elapsed time on a machine shared with other work.
     */
    public String report() {
        StringBuilder s = new StringBuilder(String.format("%n==== %s (%.1f s elapsed, %.1f s CPU) ====%n", title,
                (System.nanoTime() - started) / 1e9, (processCpuNanos() - startedCpu) / 1e9));
        for (Map.Entry<String, Map<String, LongAdder>> table : new TreeMap<>(tables).entrySet()) {
            long total = total(table.getKey());
            s.append(String.format("  %s: %,d%n", table.getKey(), total));
            List<Map.Entry<String, LongAdder>> rows = new ArrayList<>(new TreeMap<>(table.getValue()).entrySet());
            if (rows.size() > MAX_ROWS) {
                rows.sort(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed());
            }
            for (Map.Entry<String, LongAdder> e : rows.subList(0, Math.min(rows.size(), MAX_ROWS))) {
                long n = e.getValue().sum();
                s.append(String.format("    %,10d  %5.1f%%  %s%n", n, 100.0 * n / Math.max(1, total), e.getKey()));
            }
            if (rows.size() > MAX_ROWS) {
                long rest = rows.subList(MAX_ROWS, rows.size()).stream().mapToLong(e -> e.getValue().sum()).sum();
                s.append(String.format("    %,10d  %5.1f%%  (%d other kinds, fewer each)%n", rest, 100.0 * rest / Math.max(1, total),
                        rows.size() - MAX_ROWS));
            }
        }
        return s.toString();
    }

    /**
     * The class of a reason, for counting: what it says with its particulars left out. Digits
     * become {@code #}, a field path other than {@code features}, {@code label}, {@code id} and
     * {@code value} becomes {@code <field>}, and the text stops before {@code , got}, {@code  (}
     * or {@code : }: {@code features[#]: expected a finite number}, {@code <field>: duplicate field},
     * {@code invalid JSON}, {@code non-finite output at node #}.
     */
    public static String reasonClass(String reason) {
        String r = reason.replaceAll("[0-9]+", "#");
        if (r.startsWith("invalid JSON")) {
            return "invalid JSON";
        }
        int colon = r.indexOf(": ");
        String head = colon < 0 ? "" : r.substring(0, colon);
        String tail = colon < 0 ? r : r.substring(colon + 2);
        if (!head.isEmpty() && !head.contains(" ") && !head.matches("(features|label|id|value)(\\[#])?")) {
            head = "<field>";
        }
        for (String stop : new String[] {", got", " (", ": "}) {
            int at = tail.indexOf(stop);
            if (at >= 0) {
                tail = tail.substring(0, at);
            }
        }
        String kind = head.isEmpty() ? tail : String.format("%s: %s", head, tail);
        return kind.length() <= 70 ? kind : kind.substring(0, 70).concat("...");
    }

    /** The CPU time the JVM has used so far, in nanoseconds (0 where the platform does not tell). */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }
}
