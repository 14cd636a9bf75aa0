package dev.streamscore.bench;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Init;
import dev.streamscore.graph.MlpBuilder;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.model.Model;
import dev.streamscore.plan.Compiler;
import dev.streamscore.plan.Plan;
import dev.streamscore.score.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Forward passes per second (one op = one batch; rows/s = score × batch) for two relu MLPs with
 * a softmax head: {@code digits} 64→64→32→10 and {@code mnist} 784→256→128→10.
 *
 * <ul>
 *   <li>{@link #plan}: our {@link Plan#forward(DMatrixRMaj)} (copy in, preallocated buffers);</li>
 *   <li>{@link #scorer}: {@link Classifier#score} end to end (also builds one Score per row);</li>
 *   <li>{@link #ejml}: the same maths written as ordinary EJML code: {@code CommonOps_DDRM.multTransB},
 *       a bias loop, activation loops, a new matrix per layer.</li>
 * </ul>
 * Run with {@code bench/run-jmh.sh} (adds {@code -prof gc} for {@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ForwardBenchmark {
    @Param({"digits", "mnist"})
    public String model;

    @Param({"1", "16", "64", "256", "1024"})
    public int batch;

    private Plan compiled;
    private Classifier scoring;
    private DMatrixRMaj x;
    private List<double[]> rows;
    private final List<DMatrixRMaj> weights = new ArrayList<>();
    private final List<double[]> biases = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        int[] widths = model.equals("digits") ? new int[] {64, 64, 32, 10} : new int[] {784, 256, 128, 10};
        Graph graph = new MlpBuilder().inputWidth(widths[0]).hidden(widths[1], widths[2]).outputWidth(widths[3])
                .activation("relu").init(Init.HE_NORMAL).seed(1).head("softmax").build();
        compiled = Compiler.compile(graph, batch);
        scoring = Classifier.compile(new Model(model, "bench", graph), batch);
        for (Node n : graph.nodes()) {
            if (n instanceof Node.Linear l) {
                weights.add(l.weight());
                biases.add(l.bias());
            }
        }
        Random r = new Random(2);
        x = new DMatrixRMaj(batch, widths[0]);
        rows = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            double[] row = new double[widths[0]];
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextDouble() * 16;
            }
            rows.add(row);
            System.arraycopy(row, 0, x.data, i * row.length, row.length);
        }
        checkSameResults();
    }

    /** Refuses to measure if the two implementations disagree. */
    private void checkSameResults() {
        DMatrixRMaj ours = compiled.forward(x);
        DMatrixRMaj theirs = ejmlForward(x);
        for (int i = 0; i < ours.getNumElements(); i++) {
            if (Math.abs(ours.data[i] - theirs.data[i]) > 1e-12) {
                throw new IllegalStateException(String.format("element %d: ours %s, EJML %s", i, ours.data[i], theirs.data[i]));
            }
        }
    }

    @Benchmark
    public DMatrixRMaj plan() {
        return compiled.forward(x);
    }

    @Benchmark
    public void scorer(Blackhole bh) {
        bh.consume(scoring.score(rows, null));
    }

    @Benchmark
    public DMatrixRMaj ejml() {
        return ejmlForward(x);
    }

    private DMatrixRMaj ejmlForward(DMatrixRMaj in) {
        DMatrixRMaj h = in;
        for (int layer = 0; layer < weights.size(); layer++) {
            DMatrixRMaj w = weights.get(layer);
            double[] b = biases.get(layer);
            DMatrixRMaj y = new DMatrixRMaj(h.numRows, w.numRows);
            CommonOps_DDRM.multTransB(h, w, y);
            for (int i = 0; i < y.numRows; i++) {
                for (int j = 0; j < y.numCols; j++) {
                    y.data[i * y.numCols + j] += b[j];
                }
            }
            if (layer < weights.size() - 1) {
                for (int i = 0; i < y.getNumElements(); i++) {
                    y.data[i] = Math.max(0, y.data[i]);
                }
            } else {
                softmaxRows(y);
            }
            h = y;
        }
        return h;
    }

    private static void softmaxRows(DMatrixRMaj y) {
        for (int i = 0; i < y.numRows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < y.numCols; j++) {
                max = Math.max(max, y.get(i, j));
            }
            double sum = 0;
            for (int j = 0; j < y.numCols; j++) {
                double e = Math.exp(y.get(i, j) - max);
                y.set(i, j, e);
                sum += e;
            }
            for (int j = 0; j < y.numCols; j++) {
                y.set(i, j, y.get(i, j) / sum);
            }
        }
    }
}
