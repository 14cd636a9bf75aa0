package dev.streamscore.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.streamscore.model.Model;
import dev.streamscore.plan.CompiledGraph;
import dev.streamscore.plan.Compiler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
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

/**
 * One op = one forward pass over a batch of {@link #batch} rows (rows/s = ops/s × batch), on the
 * same ONNX model and the same input values:
 * <ul>
 *   <li>{@link #streamscore}: our compiled plan in float64 ({@link CompiledGraph#forward(DMatrixRMaj)}:
 *       copies the batch into the plan's input buffer, runs it into preallocated buffers);</li>
 *   <li>{@link #onnxruntimeF32}, {@link #onnxruntimeF64}: ONNX Runtime Java on the float32 and
 *       float64 files, one intra-op thread, all graph optimisations, the input and output tensors
 *       created once (direct buffers; the output pinned) and reused by every run.</li>
 * </ul>
 * Before measuring, the set-up checks that the three agree (ours vs ORT float64 within 1e-9, vs
 * float32 within 1e-3), so a broken model file cannot produce a figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    @Param({"digits", "784-256-128-10", "30-64-32-2"})
    public String model;

    @Param({"1", "16", "64", "256", "1024"})
    public int batch;

    private CompiledGraph plan;
    private DMatrixRMaj x;
    private OrtEnvironment env;
    private Ort f32;
    private Ort f64;

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

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        BenchModel files = BenchModel.of(model, BenchModel.dir());
        Model loaded = files.load();
        plan = Compiler.compile(loaded.graph(), batch);
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
        env = OrtEnvironment.getEnvironment();
        f32 = Ort.open(env, files.f32().toString(), batch, width, classes, values, false);
        f64 = Ort.open(env, files.f64().toString(), batch, width, classes, values, true);
        checkAgreement(classes);
    }

    private void checkAgreement(int classes) throws OrtException {
        DMatrixRMaj ours = plan.forward(x);
        f32.run();
        f64.run();
        for (int i = 0; i < batch * classes; i++) {
            double d64 = Math.abs(ours.data[i] - f64.output(i, true));
            double d32 = Math.abs(ours.data[i] - f32.output(i, false));
            if (!(d64 <= 1e-9 && d32 <= 1e-3)) {
                throw new IllegalStateException(String.format(
                        "%s batch %d output %d: streamscore %s, ONNX Runtime float64 %s, float32 %s: the engines disagree",
                        model, batch, i, ours.data[i], f64.output(i, true), f32.output(i, false)));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        f32.close();
        f64.close();
    }

    @Benchmark
    public DMatrixRMaj streamscore() {
        return plan.forward(x);
    }

    @Benchmark
    public void onnxruntimeF32() throws OrtException {
        f32.run();
    }

    @Benchmark
    public void onnxruntimeF64() throws OrtException {
        f64.run();
    }
}
