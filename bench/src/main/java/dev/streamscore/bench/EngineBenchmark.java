package dev.streamscore.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.plan.Compiler;
import dev.streamscore.plan.Plan;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One op = one forward pass over a batch of {@link #batch} rows (rows/s = ops/s × batch), on the
 * same ONNX model and the same input values:
 * <ul>
 *   <li>{@link #streamscore}: our compiled plan in float64 ({@link Plan#forward()} on its input
 *       buffer, filled once, as the job fills it: no copy; the output and every intermediate
 *       buffer preallocated);</li>
 *   <li>{@link #onnxruntimeF32}, {@link #onnxruntimeF64}: ONNX Runtime Java on the float32 and
 *       float64 files, one intra-op thread, all graph optimisations, the input and output tensors
 *       created once (direct buffers; the output pinned) and reused by every run.</li>
 * </ul>
 * Each fork builds only the engine it measures (ours waits for the vector kernels' JIT warm-up); an ONNX Runtime fork first checks that ONNX Runtime
 * agrees with our plan (within 1e-9 in float64, 1e-3 in float32), so a broken model file cannot
 * produce a figure. After the measurements, a {@link #streamscore} fork counts the bytes one forward
 * pass allocates in steady state with its own thread's allocation counter (JMH's GC profiler also
 * counts JMH's per-iteration bookkeeping, which over the few batches of an iteration of the 784
 * model reads as tens of bytes per batch) and writes them to {@link #ALLOC_DIR_PROPERTY}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    /** System property: the directory where each {@link #streamscore} fork writes {@code MODEL-BATCH.bytes}. */
    static final String ALLOC_DIR_PROPERTY = "streamscore.bench.alloc.dir";
    /** Forward passes per round of the allocation count; the least of {@link #ALLOC_ROUNDS} rounds counts. */
    private static final int ALLOC_PASSES = 50;
    private static final int ALLOC_ROUNDS = 5;

    @Param({"digits", "784-256-128-10", "30-64-32-2"})
    public String model;

    @Param({"1", "16", "64", "256", "1024"})
    public int batch;

    private Plan plan;
    private DMatrixRMaj x;
    private Ort ort;

    /** One ONNX Runtime session with its reused input and pinned output tensors. */
    private record Ort(OrtSession session, Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputs,
                       ByteBuffer output) implements AutoCloseable {
        static Ort open(OrtEnvironment env, String file, int rows, int width, int classes, double[] values, boolean doubles)
                throws OrtException {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(file, options);
            int bytes = doubles ? 8 : 4;
            ByteBuffer in = ByteBuffer.allocateDirect(rows * width * bytes).order(ByteOrder.nativeOrder());
            ByteBuffer out = ByteBuffer.allocateDirect(rows * classes * bytes).order(ByteOrder.nativeOrder());
            for (double v : values) {
                if (doubles) {
                    in.putDouble(v);
                } else {
                    in.putFloat((float) v);
                }
            }
            in.flip();
            long[] inShape = {rows, width};
            long[] outShape = {rows, classes};
            OnnxTensor input = doubles ? OnnxTensor.createTensor(env, in.asDoubleBuffer(), inShape)
                    : OnnxTensor.createTensor(env, in.asFloatBuffer(), inShape);
            OnnxTensor output = doubles ? OnnxTensor.createTensor(env, out.asDoubleBuffer(), outShape)
                    : OnnxTensor.createTensor(env, out.asFloatBuffer(), outShape);
            return new Ort(session, Map.of(session.getInputNames().iterator().next(), input),
                    Map.of(session.getOutputNames().iterator().next(), output), out);
        }

        void run() throws OrtException {
            session.run(inputs, outputs).close();
        }

        double output(int i, boolean doubles) {
            return doubles ? output.getDouble(i * 8) : output.getFloat(i * 4);
        }

        @Override
        public void close() throws OrtException {
            inputs.values().forEach(OnnxTensor::close);
            outputs.values().forEach(OnnxTensor::close);
            session.close();
        }
    }

    /** Builds only the engine of the benchmark this fork runs; an ONNX Runtime fork checks it against ours. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException, OrtException, InterruptedException {
        BenchModel files = BenchModel.of(model, BenchModel.dir());
        plan = Compiler.compile(files.load().graph(), batch);
        int width = plan.inputWidth(plan.inputNames().get(0));
        int classes = plan.outputWidth();
        // float32 values, so that all three engines see exactly the same inputs
        SplittableRandom random = new SplittableRandom(7);
        double[] values = new double[batch * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (model.equals("digits") ? random.nextInt(17) : random.nextGaussian());
        }
        x = new DMatrixRMaj(batch, width);
        x.setData(values);
        System.arraycopy(values, 0, plan.input(plan.inputNames().get(0), batch).data, 0, values.length);
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        if (method.equals("streamscore") && !DenseKernels.best().awaitWarmUp(Duration.ofSeconds(60))) {
            throw new IllegalStateException(String.format("%s: not warmed up after 60 s", DenseKernels.best().description()));
        }
        if (method.startsWith("onnxruntime")) {
            boolean doubles = method.equals("onnxruntimeF64");
            ort = Ort.open(OrtEnvironment.getEnvironment(), (doubles ? files.f64() : files.f32()).toString(), batch, width,
                    classes, values, doubles);
            checkAgreement(method, doubles, classes);
        }
    }

    /** ONNX Runtime against our plan: within 1e-9 in float64, 1e-3 in float32, or no figure at all. */
    private void checkAgreement(String method, boolean doubles, int classes) throws OrtException {
        DMatrixRMaj ours = plan.forward(x);
        ort.run();
        double tolerance = doubles ? 1e-9 : 1e-3;
        for (int i = 0; i < batch * classes; i++) {
            double theirs = ort.output(i, doubles);
            if (!(Math.abs(ours.data[i] - theirs) <= tolerance)) {
                throw new IllegalStateException(String.format("%s, %s batch %d, output %d: streamscore %s, ONNX Runtime %s (tolerance %s)",
                        method, model, batch, i, ours.data[i], theirs, tolerance));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) throws OrtException, IOException {
        if (ort != null) {
            ort.close();
        }
        String dir = System.getProperty(ALLOC_DIR_PROPERTY);
        if (params.getBenchmark().endsWith(".streamscore") && dir != null) {
            Files.writeString(Path.of(dir, String.format("%s-%d.bytes", model, batch)),
                    String.format(Locale.ROOT, "%.1f", steadyStateBytesPerBatch()));
        }
    }

    /** Bytes one forward pass allocates once warm: this thread's allocation counter, the least of a few rounds, per pass. */
    private double steadyStateBytesPerBatch() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ALLOC_ROUNDS; round++) {
            long start = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ALLOC_PASSES; i++) {
                plan.forward();
            }
            least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - start);
        }
        return (double) least / ALLOC_PASSES;
    }

    @Benchmark
    public DMatrixRMaj streamscore() {
        return plan.forward();
    }

    @Benchmark
    public void onnxruntimeF32() throws OrtException {
        ort.run();
    }

    @Benchmark
    public void onnxruntimeF64() throws OrtException {
        ort.run();
    }
}
