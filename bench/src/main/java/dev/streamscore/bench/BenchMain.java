package dev.streamscore.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code streamscore bench}: {@code bench engine [--quick]} runs {@link EngineBench}.
 * {@code bench e2e} is not implemented in this module and is refused as a usage error. Exit status:
 * 0 success, 2 usage error (with the usage on stderr), 1 any other failure (one line on stderr).
 *
 * <p>The JVM must run with {@code --add-modules jdk.incubator.vector} (for the vector width and the
 * FMA peak); {@code -Dstreamscore.bench.dir=DIR} names the bench directory holding {@code models/}
 * and receiving {@code results/} (default {@code bench}, relative to the working directory).
 */
public final class BenchMain {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: streamscore bench engine [--quick]",
            "  engine   JMH: our plan (float64) against ONNX Runtime float32 and float64, models digits,",
            "           784-256-128-10 and 30-64-32-2, batches 1 to 1024; --quick: under 3 minutes",
            "  e2e      not implemented here (streamscore-bench runs the engine benchmark only)");
    static final String DIR_PROPERTY = "streamscore.bench.dir";

    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err, "bench: name a benchmark: engine");
        }
        List<String> flags = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "engine" -> {
                for (String flag : flags) {
                    if (!flag.equals("--quick")) {
                        return usage(err, String.format("bench engine: unknown option '%s'; the only option is --quick", flag));
                    }
                }
                if (ModuleLayer.boot().findModule(EngineBench.VECTOR_MODULE).isEmpty()) {
                    err.printf("bench engine: the JVM needs --add-modules %s%n", EngineBench.VECTOR_MODULE);
                    return 1;
                }
                try {
                    EngineBench.run(flags.contains("--quick"), Path.of(System.getProperty(DIR_PROPERTY, "bench")), out);
                    return 0;
                } catch (Exception | LinkageError e) {
                    err.printf("bench engine: %s%n", e.getMessage() == null ? e : e.getMessage());
                    return 1;
                }
            }
            case "e2e" -> {
                return usage(err, "bench e2e: not implemented here: streamscore-bench runs the engine benchmark only");
            }
            default -> {
                return usage(err, String.format("bench: unknown benchmark '%s'; expected engine", args[0]));
            }
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println(message);
        err.println(USAGE);
        return 2;
    }
}
