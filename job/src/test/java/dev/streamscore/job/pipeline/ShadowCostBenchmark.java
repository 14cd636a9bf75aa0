package dev.streamscore.job.pipeline;

import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.serving.ModelServing;
import dev.streamscore.job.serving.Role;
import dev.streamscore.job.testing.TestData;
import dev.streamscore.job.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
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
 * What a shadow model costs the scoring operator: batches of 256 labelled digits records (64 → 64
 * → 32 → 10) scored with the primary digits model alone ({@code shadow=none}) and with a shadow of
 * the same shape beside it ({@code shadow=digits}), in one run. One op = one batch of 256 records.
 *
 * <ul>
 *   <li>{@link #serving}: {@link ModelServing#score}, the operator's work per batch (primary scores
 *       rendered as output records, shadow scores evaluated only, both evaluations updated);</li>
 *   <li>{@link #operator}: the whole {@link ScoringOperator} in Flink's operator test harness,
 *       256 {@code processElement1} calls that fill and flush one batch.</li>
 * </ul>
 * Run with {@code bench/shadow-cost.sh} (JMH options after it, e.g. {@code -f 3 -wi 3 -i 5}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ShadowCostBenchmark {
    static final int BATCH = 256;

    @Param({"none", "digits"})
    public String shadow;

    private List<InputRecord> rows;
    private ModelServing serving;
    private ScoringHarness harness;
    private List<StreamRecord<RawKafkaRecord>> elements;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ModelBytes primary = TestModels.digitsJson();
        ModelBytes shadowModel = shadow.equals("none") ? null : TestModels.perturbed(primary, "candidate", "s1", 0.2, 3);
        List<String> lines = Files.readAllLines(TestData.DIGITS_DATA).subList(0, BATCH);
        rows = records(lines);
        serving = new ModelServing(64, 10, 1_000);
        serving.install(Role.PRIMARY, LoadedModel.load(primary, BATCH));
        if (shadowModel != null) {
            serving.install(Role.SHADOW, LoadedModel.load(shadowModel, BATCH));
        }
        harness = new ScoringHarness(new ScoringOperator(primary, shadowModel, 64, 10, RecordLayout.DEFAULT,
                TestModels.scoring(BATCH, 60_000)));
        harness.open();
        elements = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            byte[] value = lines.get(i).getBytes(StandardCharsets.UTF_8);
            elements.add(new StreamRecord<>(new RawKafkaRecord(String.format("k%d", i).getBytes(StandardCharsets.UTF_8),
                    value, value.length, "bench", 0, i, 1_000L + i), 1_000L + i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        harness.close();
    }

    @Benchmark
    public List<byte[]> serving() throws IOException {
        List<byte[]> out = new ArrayList<>(BATCH);
        serving.score(rows, Function.identity(), new ModelServing.Output() {
            @Override
            public void scored(int row, byte[] value) {
                out.add(value);
            }

            @Override
            public void failed(int row, String error) {
                throw new IllegalStateException(error);
            }
        });
        return out;
    }

    @Benchmark
    public int operator() throws Exception {
        ScoringOperator op = harness.scoring();
        for (StreamRecord<RawKafkaRecord> e : elements) {
            op.processElement1(e);
        }
        int emitted = harness.getOutput().size();
        harness.getOutput().clear();
        return emitted;
    }

    /** The digits records of {@code lines}, all labelled, as the parser makes them. */
    private static List<InputRecord> records(List<String> lines) {
        RecordParser parser = new RecordParser(64, 10);
        List<InputRecord> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add((InputRecord) parser.parse(lines.get(i).getBytes(StandardCharsets.UTF_8),
                    RecordId.ofString(Integer.toString(i)), "bench"));
        }
        return out;
    }
}
