package dev.streamscore.bench;

import java.util.Locale;

/**
 * The figures of one (model, batch) of {@code bench engine}: medians of the measured iterations,
 * in rows per second; our bytes allocated per batch (JMH's GC profiler, {@code gc.alloc.rate.norm}).
 */
record EngineResult(String model, int batch, long flopsPerRow, double streamscoreRowsPerSecond,
                    double onnxruntimeRowsPerSecond, double onnxruntimeF64RowsPerSecond, double allocBytesPerBatch,
                    CpuRates cpu) {

    /** The same three throughputs per CPU-second of each benchmark process ({@link CpuTimeProfiler}), rows/s. */
    record CpuRates(double streamscore, double onnxruntime, double onnxruntimeF64) {
        static final CpuRates NONE = new CpuRates(Double.NaN, Double.NaN, Double.NaN);
    }

    /** Ours over ONNX Runtime float32. */
    double ratio() {
        return streamscoreRowsPerSecond / onnxruntimeRowsPerSecond;
    }

    /** Our GFLOP/s: 2·Σ in·out flops per row × rows/s. */
    double gflops() {
        return flopsPerRow * streamscoreRowsPerSecond / 1e9;
    }

    /** The result line of the performance issue, exactly these fields in this order. */
    String json() {
        return String.format(Locale.ROOT,
                "{\"bench\":\"engine\",\"model\":\"%s\",\"batch\":%d,\"streamscore_rows_s\":%.0f,\"onnxruntime_rows_s\":%.0f,"
                        + "\"onnxruntime_f64_rows_s\":%.0f,\"ratio\":%.3f,\"gflops\":%.2f,\"alloc_bytes_per_batch\":%.1f}",
                model, batch, streamscoreRowsPerSecond, onnxruntimeRowsPerSecond, onnxruntimeF64RowsPerSecond, ratio(),
                gflops(), allocBytesPerBatch);
    }

    static String tableHeader() {
        return String.format(Locale.ROOT, "%-15s %6s %14s %14s %14s %6s %6s %8s %9s | %13s %6s %6s%n%s", "model", "batch",
                "ours f64 r/s", "ORT f32 r/s", "ORT f64 r/s", "/f32", "/f64", "GFLOP/s", "B/batch",
                "ours r/cpu-s", "/f32", "/f64", "-".repeat(130));
    }

    String tableRow() {
        return String.format(Locale.ROOT, "%-15s %6d %,14.0f %,14.0f %,14.0f %6.2f %6.2f %8.2f %9.1f | %,13.0f %6.2f %6.2f",
                model, batch, streamscoreRowsPerSecond, onnxruntimeRowsPerSecond, onnxruntimeF64RowsPerSecond, ratio(),
                streamscoreRowsPerSecond / onnxruntimeF64RowsPerSecond, gflops(), allocBytesPerBatch,
                cpu.streamscore(), cpu.streamscore() / cpu.onnxruntime(), cpu.streamscore() / cpu.onnxruntimeF64());
    }
}
