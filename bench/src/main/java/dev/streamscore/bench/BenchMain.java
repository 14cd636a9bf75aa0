package dev.streamscore.bench;

import dev.streamscore.bench.e2e.E2eBench;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code streamscore bench}: {@code bench engine [--quick]} runs {@link EngineBench},
 * {@code bench e2e [--quick]} runs {@link E2eBench}. Exit status: 0 success, 2 usage error (with
 * the usage on stderr), 1 any other failure (one line on stderr).
 *
 * <p>The JVM must run with {@code --add-modules jdk.incubator.vector} (for the vector width and the
 * FMA peak, and the job's vector kernels), and for {@code e2e} with the {@code --add-opens} Flink
 * needs (the launcher passes both); {@code -Dstreamscore.bench.dir=DIR} names the bench directory
 * holding {@code models/} and receiving {@code results/} (default {@code bench}, relative to the
 * working directory); {@code e2e} reads the digits model and records from its sibling {@code demo/}.
 */
public final class BenchMain {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: streamscore bench engine|e2e [--quick]",
            "  engine   JMH: our plan (float64) against ONNX Runtime float32 and float64, models digits,",
            "           784-256-128-10 and 30-64-32-2, batches 1 to 1024",
            "  e2e      the scoring job at parallelism 2 on the in-process Kafka broker: records/s against a",
            "           pass-through job and a raw topic-to-topic copy, then end-to-end latency at half its",
            "           rate, exactly-once and at-least-once",
            "  --quick  under 3 minutes (the full runs take about 10)");
    static final String DIR_PROPERTY = "streamscore.bench.dir";

    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err, "bench: name a benchmark: engine or e2e");
        }
        List<String> flags = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "engine", "e2e" -> {
                String name = args[0];
                for (String flag : flags) {
                    if (!flag.equals("--quick")) {
                        return usage(err, String.format("bench %s: unknown option '%s'; the only option is --quick", name, flag));
                    }
                }
                if (ModuleLayer.boot().findModule(EngineBench.VECTOR_MODULE).isEmpty()) {
                    err.printf("bench %s: the JVM needs --add-modules %s%n", name, EngineBench.VECTOR_MODULE);
                    return 1;
                }
                boolean quick = flags.contains("--quick");
                Path dir = Path.of(System.getProperty(DIR_PROPERTY, "bench"));
                try {
                    if (name.equals("engine")) {
                        EngineBench.run(quick, dir, out);
                    } else {
                        E2eBench.run(quick, dir, out);
                    }
                    return 0;
                } catch (Exception | LinkageError e) {
                    err.printf("bench %s: %s%n", name, e.getMessage() == null ? e : e.getMessage());
                    return 1;
                }
            }
            default -> {
                return usage(err, String.format("bench: unknown benchmark '%s'; expected engine or e2e", args[0]));
            }
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println(message);
        err.println(USAGE);
        return 2;
    }
}
