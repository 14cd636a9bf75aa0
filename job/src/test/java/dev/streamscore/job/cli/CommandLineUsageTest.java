package dev.streamscore.job.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line as users meet it, one table for every command: each command's usage line (as
 * {@code --help}, {@code ./streamscore --help} and the README show it), and each usage error: exit
 * status 2, nothing on standard output, exactly two lines on standard error (the reason, then the
 * usage line), and no file touched.
 */
class CommandLineUsageTest {
    /** Stands for this test's temporary directory in the arguments and reasons of {@link #usageErrors()}. */
    private static final String DIR = "{dir}";
    /** Created in the temporary directory before each run; it must be left as it is. */
    private static final String INPUT_CONTENT = "{\"features\": [1]}\n";

    /** The repository's README, relative to the job module (the tests' working directory). */
    private static final Path README = Path.of("../README.md");

    /** Each command's usage line, in the order {@code ./streamscore --help} lists them. */
    private static final Map<String, String> USAGE = usageLines();

    private static Map<String, String> usageLines() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("demo", "demo [--records N] [--rate R]");
        m.put("score", "score --model FILE --input FILE|- --output FILE|- [--batch-size N] [--dead-letters FILE|-]"
                + " [--max-record-bytes N] [--dead-letter-max-raw-bytes N] [--max-model-bytes N]"
                + " [--features FIELD[,FIELD...]] [--label-field FIELD] [--id-field FIELD]");
        m.put("inspect", "inspect --model FILE [--max-model-bytes N]");
        m.put("broker", "broker [--port 9092] [--data-dir DIR] [--sasl-ssl DIR]");
        m.put("run", "run --bootstrap-servers HOST:PORT --input-topic T --output-topic T --model FILE"
                + " [--dead-letter-topic T] [--batch-size N] [--batch-timeout-ms MS] [--parallelism N]"
                + " [--checkpoint-interval-ms MS] [--delivery exactly-once|at-least-once] [--group-id G]"
                + " [--start-from earliest|latest|committed] [--checkpoint-dir DIR] [--bounded]"
                + " [--model-topic T] [--shadow-model FILE] [--eval-window N] [--eval-interval-ms MS]"
                + " [--eval-topic T] [--max-record-bytes N] [--dead-letter-max-raw-bytes N] [--max-model-bytes N]"
                + " [--model-signing-key FILE] [--kafka-config FILE] [--features FIELD[,FIELD...]] [--label-field FIELD]"
                + " [--id-field FIELD] [--kafka.NAME VALUE ...]");
        m.put("sign-model", "sign-model --key FILE --model FILE");
        return m;
    }

    /** The commands the launcher runs from their own modules (sql/, bench/), as their own mains print them. */
    private static final Map<String, String> LAUNCHER_USAGE = Map.of(
            "sql", "sql --file FILE.sql [--set KEY=VALUE ...] [--parallelism N]",
            "bench", "bench engine|e2e [--quick]");

    /** What {@code ./streamscore --help} prints, and what a missing or unknown command prints after its reason. */
    private static final List<String> COMMAND_LIST = commandList();

    private static List<String> commandList() {
        List<String> lines = new ArrayList<>();
        lines.add("usage:");
        USAGE.values().forEach(line -> lines.add(String.format("  ./streamscore %s", line)));
        List.of("sql", "bench").forEach(c -> lines.add(String.format("  ./streamscore %s", LAUNCHER_USAGE.get(c))));
        lines.add("  ./streamscore COMMAND --help");
        return lines;
    }

    @TempDir
    Path dir;

    /**
     * One row per usage error: the command, the reason it prints, and its arguments after the
     * command name. {@value #DIR} stands for a temporary directory holding {@code in.jsonl}. The
     * demo's rows are in {@code DemoCommandUsageTest} for now.
     */
    static Stream<Arguments> usageErrors() {
        return Stream.of(
                // broker
                row("broker", "--port: expected an integer from 0 to 65535, got 'ninety'", "--port", "ninety"),
                row("broker", "unknown flag --host; valid flags are --port, --data-dir, --sasl-ssl, --help", "--host", "0.0.0.0"),
                row("broker", "--data-dir needs a value", "--data-dir"),
                // run (the flags' own checks are JobOptionsTest's; these go through Main)
                row("run", "--delivery: expected exactly-once or at-least-once, got 'twice'", "--bootstrap-servers",
                        "127.0.0.1:1", "--input-topic", "a", "--output-topic", "b", "--model", "pom.xml", "--delivery", "twice"),
                row("run", "missing required flag --bootstrap-servers",
                        "--input-topic", "a", "--output-topic", "b", "--model", "pom.xml"),
                row("run", "unknown flag --modle; valid flags are --bootstrap-servers, --input-topic, --output-topic,"
                                + " --model, --dead-letter-topic, --batch-size, --batch-timeout-ms, --parallelism,"
                                + " --checkpoint-interval-ms, --delivery, --group-id, --start-from, --checkpoint-dir,"
                                + " --bounded, --model-topic, --shadow-model, --eval-window, --eval-interval-ms,"
                                + " --eval-topic, --max-record-bytes, --dead-letter-max-raw-bytes, --max-model-bytes,"
                                + " --model-signing-key, --kafka-config, --features, --label-field, --id-field, --kafka.NAME,"
                                + " --help",
                        "--bootstrap-servers", "127.0.0.1:1", "--modle", "x"),
                // inspect
                row("inspect", "missing required flag --model"),
                row("inspect", "unknown flag --input; valid flags are --model, --max-model-bytes, --help", "--model", "m.json",
                        "--input", "x"),
                // score: required flags, in declaration order
                row("score", "missing required flag --model", "--input", "-", "--output", "-"),
                row("score", "missing required flag --input", "--model", "m.json", "--output", "-"),
                row("score", "missing required flag --output", "--model", "m.json", "--input", "-"),
                row("score", "unknown flag --batch; valid flags are --model, --input, --output, --batch-size, --dead-letters,"
                                + " --max-record-bytes, --dead-letter-max-raw-bytes, --max-model-bytes, --features,"
                                + " --label-field, --id-field, --help",
                        "--model", "m.json", "--input", "-", "--output", "-", "--batch", "8"),
                row("score", "--model needs a value", "--model", "--input", "-", "--output", "-"),
                row("score", "--output needs a value", "--model", "m", "--input", "-", "--output"),
                badBatchSize("0"), badBatchSize("-3"), badBatchSize("ten"), badBatchSize("1.5"), badBatchSize("65537"),
                badLimit("max-record-bytes", "from 1 to 2147483639", "0"), badLimit("max-record-bytes", "from 1 to 2147483639", "-1"),
                badLimit("max-record-bytes", "from 1 to 2147483639", "lots"),
                badLimit("max-record-bytes", "from 1 to 2147483639", "2147483647"),
                badLimit("max-model-bytes", "from 1 to 2147483639", "0"), badLimit("max-model-bytes", "from 1 to 2147483639", "lots"),
                badLimit("dead-letter-max-raw-bytes", "from 0 to 2147483639", "-1"),
                // score: the outputs must not overwrite the input or each other
                row("score", "--output {dir}/in.jsonl is the same file as --input {dir}/in.jsonl: the outputs must not"
                                + " overwrite the input",
                        "--model", "m.json", "--input", "{dir}/in.jsonl", "--output", "{dir}/in.jsonl"),
                row("score", "--dead-letters {dir}/./in.jsonl is the same file as --input {dir}/in.jsonl: the outputs must"
                                + " not overwrite the input",
                        "--model", "m.json", "--input", "{dir}/in.jsonl", "--output", "-", "--dead-letters", "{dir}/./in.jsonl"),
                row("score", "--output and --dead-letters must be different files, both are {dir}/out.jsonl",
                        "--model", "m.json", "--input", "{dir}/in.jsonl", "--output", "{dir}/out.jsonl",
                        "--dead-letters", "{dir}/out.jsonl"),
                row("score", "--output and --dead-letters cannot both be standard output (-)",
                        "--model", "m.json", "--input", "{dir}/in.jsonl", "--output", "-", "--dead-letters", "-"));
    }

    private static Arguments badBatchSize(String value) {
        return row("score", String.format("--batch-size: expected an integer from 1 to 65536, got '%s'", value),
                "--model", "m.json", "--input", "-", "--output", "-", "--batch-size", value);
    }

    private static Arguments badLimit(String flag, String range, String value) {
        return row("score", String.format("--%s: expected an integer %s, got '%s'", flag, range, value),
                "--model", "m.json", "--input", "-", "--output", "-", String.format("--%s", flag), value);
    }

    private static Arguments row(String command, String reason, String... args) {
        return Arguments.of(command, reason, List.of(args));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource
    void usageErrors(String command, String reason, List<String> args) throws IOException {
        Files.writeString(dir.resolve("in.jsonl"), INPUT_CONTENT);
        Map<Path, String> before = contents(dir);
        List<String> line = new ArrayList<>(List.of(command));
        args.forEach(a -> line.add(inDir(a)));

        CliRun r = CliRun.of(line);

        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of(String.format("streamscore %s: %s", command, inDir(reason)),
                String.format("usage: ./streamscore %s", USAGE.get(command))), r.errLines());
        assertEquals(before, contents(dir), "no file written or changed");
    }

    static Stream<Arguments> commands() {
        return USAGE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** {@code COMMAND --help}: the usage line and the command's details (the demo has some) on standard output, status 0. */
    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void helpPrintsTheUsageLine(String command, String usage) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals(String.format("usage: ./streamscore %s%n%s", usage, Main.commands().get(command).details()), r.out());
    }

    @Test
    void theTableHasEveryCommandInTheOrderTheyAreListed() {
        assertEquals(List.copyOf(Main.commands().keySet()), List.copyOf(USAGE.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "help"})
    void helpListsEveryCommandOnStandardOutput(String help) {
        CliRun r = CliRun.of(help);
        assertEquals(0, r.status());
        assertEquals("", r.err());
        assertEquals(COMMAND_LIST, r.outLines());
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals(COMMAND_LIST, r.errLines());
    }

    @Test
    void anUnknownCommandNamesTheValidOnes() {
        CliRun r = CliRun.of("scor", "--model", "m");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        List<String> expected = new ArrayList<>();
        expected.add("streamscore: unknown command 'scor'; valid commands are [demo, score, inspect, broker, run, sign-model]");
        expected.addAll(COMMAND_LIST);
        assertEquals(expected, r.errLines());
    }

    /** The job jar started with a launcher command (java -jar ... sql) says where it runs from. */
    @ParameterizedTest
    @ValueSource(strings = {"sql", "bench"})
    void aLauncherCommandGivenToTheJobJarSaysToUseTheLauncher(String command) {
        CliRun r = CliRun.of(command, "--file", "x.sql");
        assertEquals(2, r.status());
        assertEquals(List.of(String.format("streamscore: '%s' runs from its own module (%s/): start it with the launcher,"
                + " ./streamscore %s", command, command, LAUNCHER_USAGE.get(command))), r.errLines());
    }

    /** The README's command sections show the usage lines users get (a wrapped line joined with spaces). */
    @Test
    void theReadmeShowsEachUsageLine() throws IOException {
        List<String> shown = readmeCommandLines(README);
        Stream.concat(USAGE.values().stream(), LAUNCHER_USAGE.values().stream()).forEach(usage -> assertTrue(
                shown.contains(String.format("./streamscore %s", usage)),
                () -> String.format("README.md does not show './streamscore %s'; it shows %s", usage, shown)));
    }

    /** Every {@code ./streamscore ...} line in the README's code blocks, with its indented continuation lines joined on. */
    private static List<String> readmeCommandLines(Path readme) throws IOException {
        List<String> shown = new ArrayList<>();
        boolean inCode = false;
        boolean continued = false;
        for (String line : Files.readAllLines(readme, UTF_8)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continued = false;
            } else if (inCode && line.startsWith("./streamscore ")) {
                shown.add(line.strip());
                continued = true;
            } else if (continued && line.startsWith("    ") && !line.isBlank()) {
                shown.set(shown.size() - 1, String.format("%s %s", shown.get(shown.size() - 1), line.strip()));
            } else {
                continued = false;
            }
        }
        return shown;
    }

    private String inDir(String text) {
        return text.replace(DIR, dir.toString());
    }

    /** Every regular file below {@code root} and its content. */
    private static Map<Path, String> contents(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p), Files.readString(p));
            }
        }
        return files;
    }
}
