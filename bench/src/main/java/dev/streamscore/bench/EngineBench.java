package dev.streamscore.bench;

import ai.onnxruntime.OrtEnvironment;
import dev.streamscore.bench.machine.Machine;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.model.Model;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code bench engine [--quick]}: prints the machine (CPU, the JVM's vector width, a measured float64
 * FMA peak), runs {@link EngineBenchmark} under JMH (one fork per model × batch × engine, GC
 * profiler), then prints a table, draws the chart and ends with one JSON line per (model, batch).
 * Writes {@code results/engine-TIME.{log,json,txt,png}} under the bench directory: JMH's own log and
 * result file, the printed report, and the chart.
 */
final class EngineBench {
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String ALLOC = "gc.alloc.rate.norm";

    private EngineBench() {}

    /**
     * JMH iteration plan for each of the 45 forks: quick (1 + 3 iterations of 300 ms: about 2.5
     * minutes with the build on an idle 2-core machine, most of it fork start-up) or full (3 + 7
     * iterations of 1 s: about 10 minutes).
     */
    record Plan(int warmups, int iterations, long millis) {
        static Plan of(boolean quick) {
            return quick ? new Plan(1, 3, 300) : new Plan(3, 7, 1000);
        }
    }

    static void run(boolean quick, Path benchDir, PrintStream out) throws IOException, RunnerException, InterruptedException {
        Path models = benchDir.resolve("models").toAbsolutePath();
        Map<String, Long> flops = new HashMap<>();
        for (String name : BenchModel.NAMES) {
            Model model = BenchModel.of(name, models).load();
            flops.put(name, BenchModel.flopsPerRow(model));
        }
        Path results = Files.createDirectories(benchDir.resolve("results"));
        String stem = String.format("engine-%s", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> report = new ArrayList<>();
        String cpu = Machine.cpuModel();
        String vector = String.format("DoubleVector preferred species %d bits = %d lanes", FmaPeak.S.vectorBitSize(), FmaPeak.S.length());
        report.add(String.format("cpu: %s, %d cores available to the JVM, load average before: %s", cpu,
                Runtime.getRuntime().availableProcessors(), Machine.loadAverage()));
        report.add(String.format("jvm: %s %s; vector: %s", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), vector));
        DenseKernels.best().awaitWarmUp(Duration.ofSeconds(60)); // so that its thread does not run beside the forks
        report.add(String.format("streamscore kernels: %s", DenseKernels.best().description()));
        report.add(String.format("onnxruntime: %s, 1 intra-op thread, input and output tensors reused",
                OrtEnvironment.getEnvironment().getVersion()));
        double peak = FmaPeak.measure(5, 200);
        report.add(String.format(Locale.ROOT, "float64 FMA peak, one core, %d-bit vectors: %.1f GFLOP/s", FmaPeak.S.vectorBitSize(), peak));
        Plan plan = Plan.of(quick);
        Path allocDir = Files.createTempDirectory("streamscore-bench-alloc");
        report.add(String.format("JMH: 1 fork per model × batch × engine, %d warm-up + %d measured iterations of %d ms, medians; log %s.log",
                plan.warmups(), plan.iterations(), plan.millis(), stem));
        report.forEach(out::println);
        out.flush();

        Options options = new OptionsBuilder()
                .include(Pattern.quote(EngineBenchmark.class.getName()) + "\\.")
                .forks(1)
                .warmupIterations(plan.warmups())
                .warmupTime(TimeValue.milliseconds(plan.millis()))
                .measurementIterations(plan.iterations())
                .measurementTime(TimeValue.milliseconds(plan.millis()))
                .addProfiler(GCProfiler.class)
                .addProfiler(CpuTimeProfiler.class)
                .jvmArgs("-Xms512m", "-Xmx512m", String.format("--add-modules=%s", VECTOR_MODULE),
                        String.format("-D%s=%s", BenchModel.DIR_PROPERTY, models),
                        String.format("-D%s=%s", EngineBenchmark.ALLOC_DIR_PROPERTY, allocDir))
                .output(results.resolve(stem + ".log").toString())
                .result(results.resolve(stem + ".json").toString())
                .resultFormat(ResultFormatType.JSON)
                .shouldFailOnError(true)
                .build();
        List<EngineResult> rows = collect(new Runner(options).run(), flops, allocDir);
        try (var files = Files.list(allocDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(allocDir);

        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(EngineResult.tableHeader());
        rows.forEach(r -> lines.add(r.tableRow()));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "GFLOP/s is ours (2·Σ in·out per row × rows/s); FMA peak %.1f GFLOP/s; /f32 and /f64: ours over ONNX Runtime", peak));
        lines.add("r/cpu-s: rows per CPU-second of the benchmark's process (mean of iterations): comparable on a busy machine");
        lines.add("B/batch: bytes one forward pass of ours allocates once warm (its thread's allocation counter, after the measurements)");
        Path png = results.resolve(stem + ".png");
        EngineChart.write(rows, String.format("%s; %s; FMA peak %.1f GFLOP/s", cpu, vector, peak), png);
        lines.add(String.format("chart: %s", png));
        rows.forEach(r -> lines.add(r.json()));
        lines.forEach(out::println);
        report.addAll(lines);
        Files.write(results.resolve(stem + ".txt"), report, StandardCharsets.UTF_8);
    }

    /**
     * One row per (model, batch), in model order then batch order. Bytes per batch: what the
     * streamscore fork wrote to {@code allocDir}, else JMH's {@code gc.alloc.rate.norm}.
     */
    static List<EngineResult> collect(Collection<RunResult> runs, Map<String, Long> flops, Path allocDir) throws IOException {
        Map<String, Map<String, double[]>> byKey = new HashMap<>();
        for (RunResult run : runs) {
            String model = run.getParams().getParam("model");
            String batch = run.getParams().getParam("batch");
            String method = run.getParams().getBenchmark().substring(run.getParams().getBenchmark().lastIndexOf('.') + 1);
            int rowsPerOp = Integer.parseInt(batch);
            Result<?> alloc = run.getSecondaryResults().get(ALLOC);
            Result<?> cpu = run.getSecondaryResults().get(CpuTimeProfiler.RATE);
            byKey.computeIfAbsent(model + "/" + batch, k -> new HashMap<>()).put(method, new double[] {
                median(run) * rowsPerOp, alloc == null ? Double.NaN : alloc.getScore(),
                cpu == null ? Double.NaN : cpu.getScore() * rowsPerOp});
        }
        double[] missing = {Double.NaN, Double.NaN, Double.NaN};
        List<EngineResult> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[]>> e : byKey.entrySet()) {
            String[] key = e.getKey().split("/");
            double[] ours = e.getValue().getOrDefault("streamscore", missing).clone();
            Path bytes = allocDir.resolve(String.format("%s-%s.bytes", key[0], key[1]));
            if (Files.isRegularFile(bytes)) {
                ours[1] = Double.parseDouble(Files.readString(bytes).trim());
            }
            double[] f32 = e.getValue().getOrDefault("onnxruntimeF32", missing);
            double[] f64 = e.getValue().getOrDefault("onnxruntimeF64", missing);
            rows.add(new EngineResult(key[0], Integer.parseInt(key[1]), flops.get(key[0]), ours[0], f32[0], f64[0], ours[1],
                    new EngineResult.CpuRates(ours[2], f32[2], f64[2])));
        }
        rows.sort(Comparator.comparingInt((EngineResult r) -> BenchModel.NAMES.indexOf(r.model())).thenComparingInt(EngineResult::batch));
        return rows;
    }

    /** Median of the measured iterations' scores (ops/s). */
    private static double median(RunResult run) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult b : run.getBenchmarkResults()) {
            for (IterationResult it : b.getIterationResults()) {
                scores.add(it.getPrimaryResult().getScore());
            }
        }
        scores.sort(Double::compare);
        int n = scores.size();
        return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
    }
}
