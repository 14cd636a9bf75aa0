package dev.streamscore.bench;

import dev.streamscore.graph.Node;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The models of {@code bench engine}, as written by {@code tools/make_bench_models.py} into
 * {@code bench/models}: {@code NAME.f32.onnx} (float32 parameters, float32 input: what ONNX Runtime
 * float32 runs) and {@code NAME.f64.onnx} (the same values widened exactly, float64 input: what
 * ONNX Runtime float64 and our engine run).
 */
record BenchModel(String name, Path f32, Path f64) {
    /** The benchmark's model names, in report order. */
    static final List<String> NAMES = List.of("digits", "784-256-128-10", "30-64-32-2");

    /** System property naming the models directory (the forked JMH JVMs get it from {@link EngineBench}). */
    static final String DIR_PROPERTY = "streamscore.bench.models";

    static BenchModel of(String name, Path dir) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(String.format("model '%s': expected one of %s", name, NAMES));
        }
        BenchModel m = new BenchModel(name, dir.resolve(name + ".f32.onnx"), dir.resolve(name + ".f64.onnx"));
        for (Path p : List.of(m.f32, m.f64)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(String.format("%s: no such file; run /usr/bin/python3 tools/make_bench_models.py", p));
            }
        }
        return m;
    }

    static Path dir() {
        return Path.of(System.getProperty(DIR_PROPERTY, "bench/models")).toAbsolutePath();
    }

    /** Our engine's view of the model (from the float64 file: the same values as the float32 one). */
    Model load() throws IOException {
        return ModelLoader.load(f64);
    }

    /** 2·Σ in·out over the linear layers: the multiply-adds of one row, counted as two flops each. */
    static long flopsPerRow(Model model) {
        long flops = 0;
        for (Node n : model.graph().nodes()) {
            if (n instanceof Node.Linear linear) {
                flops += 2L * linear.weight().numRows * linear.weight().numCols;
            }
        }
        return flops;
    }
}
