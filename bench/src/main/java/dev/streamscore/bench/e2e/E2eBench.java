package dev.streamscore.bench.e2e;

import dev.streamscore.bench.machine.Machine;
import dev.streamscore.job.kafka.EmbeddedKafkaBroker;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.serving.LoadedModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench e2e [--quick]}: the in-process Kafka broker and a local Flink cluster
 * ({@link BenchCluster}) in this JVM, running at parallelism 2 the job as {@code ./streamscore run}
 * wires it. First the sustained rate of three
 * bounded jobs over the same input topic, alternated round by round: the scoring job on the digits
 * model, the same job on {@link PassThroughModel}, and {@link RawCopyJob}, all exactly-once. Then
 * the scoring job at half its median rate, exactly-once and at-least-once, for the end-to-end
 * latency ({@link LatencyRun}). Prints the machine and the parameters first, each run as it ends,
 * a table, and one JSON line last; writes the same to {@code results/e2e-TIME.txt}.
 */
public final class E2eBench {
    private static final String INPUT = "tp-in";

    private final E2eSettings settings;
    private final PrintStream out;
    private final List<String> report = new ArrayList<>();

    private E2eBench(E2eSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Runs the benchmark; {@code benchDir} is the repository's {@code bench} directory, whose sibling
     * {@code demo} holds the digits model and records.
     */
    public static void run(boolean quick, Path benchDir, PrintStream out) throws Exception {
        new E2eBench(E2eSettings.of(quick), out).run(benchDir.toAbsolutePath().normalize());
    }

    private void run(Path benchDir) throws Exception {
        Path demo = benchDir.resolveSibling("demo");
        String stem = String.format("e2e-%s", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        JobOptions defaults = settings.defaults();
        JobProfile profile = JobProfile.ifEnabled(benchDir.resolve("target").resolve(stem));
        print(Machine.describe());
        LoadedModel digits = LoadedModel.read(demo.resolve("digits.onnx"), 1);
        LoadedModel passThrough = PassThroughModel.load();
        InputRecords inputs = InputRecords.read(demo.resolve("digits.jsonl"));
        print(String.format(Locale.ROOT, "jobs: parallelism %d, %d partitions, exactly-once, batch size %d, batch timeout %d ms,"
                        + " checkpoint every %d ms (the job's defaults); in-process KRaft broker and one local Flink cluster"
                        + " (1 TaskManager, 2 slots) in this JVM, every job submitted to it in turn",
                E2eSettings.PARALLELISM, settings.partitions(), defaults.scoring().batchSize(),
                defaults.scoring().batchTimeoutMs(), defaults.checkpointIntervalMs()));
        print(String.format("scoring: %s (demo/digits.onnx); pass-through: the same job on %s@%s, one 64->10 linear layer,"
                + " no bias (640 multiply-adds a record); raw copy: KafkaSource<byte[]> chained to KafkaSink<byte[]>,"
                + " no parsing", digits.id(), PassThroughModel.NAME, PassThroughModel.VERSION));
        print(String.format(Locale.ROOT, "throughput: %,d records (demo/digits.jsonl repeated, ids e2e-N) per run; a warm-up"
                        + " round (not counted: the JIT compiles the broker's, Flink's and the job's code for minutes), then %d rounds of the three jobs in rotated order;"
                        + " records/s = (records - 1) / (last - first output append time, LogAppendTime), so job start and"
                        + " stop are not in it; cpu us/rec = CPU time of this JVM (broker included) between those two"
                        + " instants per record; medians over rounds", settings.records(), settings.rounds()));
        print(String.format("latency: the scoring job at half its median rate, %d s warm-up + %d s measured, input timestamped"
                        + " at send, output read by a read_committed (exactly-once) or read_uncommitted (at-least-once) consumer",
                settings.latencyWarmUp().toSeconds(), settings.latencyMeasured().toSeconds()));
        long started = System.nanoTime();
        E2eResult result;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); BenchCluster cluster = BenchCluster.start();
             CpuClock cpu = new CpuClock()) {
            BenchTopics topics = new BenchTopics(broker.bootstrapServers());
            topics.create(settings.partitions(), false, INPUT);
            inputs.produce(broker.bootstrapServers(), INPUT, settings.partitions(), settings.records());
            print(String.format(Locale.ROOT, "broker %s, %,d input records written (%.0f s in)", broker.bootstrapServers(),
                    settings.records(), (System.nanoTime() - started) / 1e9));
            ThroughputRun.Job[] jobs = {new ThroughputRun.Job("scoring", digits), new ThroughputRun.Job("pass-through", passThrough),
                ThroughputRun.Job.rawCopy()};
            Rounds rounds = new Rounds(jobs);
            ThroughputRun throughput = new ThroughputRun(cluster, topics, INPUT, settings.records(), settings, cpu);
            print(E2eTables.throughputHeader());
            for (ThroughputRun.Job job : jobs) {
                print(E2eTables.throughputRow("warm-up", throughput.run(job, JobOptions.Delivery.EXACTLY_ONCE)));
            }
            for (int round = 0; round < settings.rounds(); round++) {
                for (ThroughputRun.Job job : rounds.order(round)) {
                    ThroughputRun.Result r = throughput.run(job, JobOptions.Delivery.EXACTLY_ONCE, job == jobs[0] ? profile : null);
                    rounds.add(r);
                    print(E2eTables.throughputRow(Integer.toString(round + 1), r));
                }
            }
            double[] medians = rounds.medians();
            print(E2eTables.medians(medians, rounds.cpuMedians()));

            double rate = medians[0] / 2;
            LatencyRun latency = new LatencyRun(cluster, topics, inputs, settings);
            print(E2eTables.latencyHeader());
            LatencyRun.Result eo = latency.run(digits, JobOptions.Delivery.EXACTLY_ONCE, rate);
            print(E2eTables.latencyRow(eo));
            LatencyRun.Result alo = latency.run(digits, JobOptions.Delivery.AT_LEAST_ONCE, rate);
            print(E2eTables.latencyRow(alo));
            result = new E2eResult(medians[0], medians[1], medians[2], new E2eResult.Latency(eo.p50Ms(), eo.p99Ms()),
                    new E2eResult.Latency(alo.p50Ms(), alo.p99Ms()), Machine.peakRssMb(),
                    defaults.checkpointIntervalMs(), defaults.scoring().batchTimeoutMs());
        }
        print(String.format(Locale.ROOT, "ratios: scoring / pass-through %.3f, pass-through / raw copy %.3f, scoring / raw copy"
                        + " %.3f; peak RSS of this JVM (broker, Flink, clients) %.0f MB; %.0f s; load average after: %s",
                result.ratio(), result.passthroughRps() / result.rawCopyRps(), result.scoringRps() / result.rawCopyRps(),
                result.rssMb(), (System.nanoTime() - started) / 1e9, Machine.loadAverages()));
        if (profile != null) {
            profile.summary(25).forEach(this::print);
        }
        print(result.json());
        Path results = Files.createDirectories(benchDir.resolve("results"));
        Files.write(results.resolve(stem + ".txt"), report, StandardCharsets.UTF_8);
    }

    private void print(String line) {
        out.println(line);
        out.flush();
        report.add(line);
    }
}
