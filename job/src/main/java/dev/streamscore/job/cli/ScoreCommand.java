package dev.streamscore.job.cli;

import dev.streamscore.job.offline.JsonLinesScorer;
import dev.streamscore.job.options.Flags;
import dev.streamscore.job.options.UsageException;
import dev.streamscore.job.serving.LoadedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code score --model FILE --input FILE|- --output FILE|- [--batch-size N] [--dead-letters FILE|-]}:
 * offline scoring of JSON lines with the engine, output in input order, bad lines to the dead
 * letters (default standard error) without stopping the run. Ends with a summary line on
 * standard error. Exit 0 when every line was scored or dead-lettered.
 */
public final class ScoreCommand implements Command {
    /** The largest --batch-size: the engine allocates its buffers for a whole batch. */
    static final int MAX_BATCH = 1 << 16;
    private static final int DEFAULT_BATCH = 256;
    private static final Flags.Spec FLAGS = Flags.spec("score")
            .required("model", "FILE").required("input", "FILE|-").required("output", "FILE|-")
            .optional("batch-size", "N").optional("dead-letters", "FILE|-");

    private final Supplier<InputStream> stdin;

    public ScoreCommand() {
        this(() -> System.in);
    }

    /** @param stdin what {@code --input -} reads */
    ScoreCommand(Supplier<InputStream> stdin) {
        this.stdin = stdin;
    }

    @Override
    public Flags.Spec flags() {
        return FLAGS;
    }

    @Override
    public int run(Flags flags, PrintStream out, PrintStream err) throws IOException {
        String input = flags.required("input");
        String output = flags.required("output");
        int batchSize = flags.intValue("batch-size", DEFAULT_BATCH, 1, MAX_BATCH);
        Optional<String> deadLetters = flags.optional("dead-letters");
        checkDistinct(input, output, deadLetters.orElse(null));

        LoadedModel model = ModelFiles.load(flags.required("model"), batchSize);
        JsonLinesScorer scorer = new JsonLinesScorer(model, batchSize, input.equals("-") ? "stdin" : input);
        JsonLinesScorer.Summary summary;
        try (InputStream in = StdStreams.input("input", input, stdin.get());
             OutputStream o = StdStreams.output("output", output, out);
             OutputStream d = StdStreams.output("dead-letters", deadLetters.orElse("-"), deadLetters.isPresent() ? out : err)) {
            summary = scorer.run(in, o, d);
        }
        err.printf("scored %d of %d lines with %s: %d dead letters%s%n", summary.scored(), summary.lines(), model.id(),
                summary.deadLetters(), summary.trailingBlankLines() == 0 ? ""
                        : String.format(", %d trailing blank lines skipped", summary.trailingBlankLines()));
        return 0;
    }
    /** Refuses an output that would overwrite the input or mix with the other output. */
    private static void checkDistinct(String input, String output, String deadLetters) {
        if (output.equals("-") && "-".equals(deadLetters)) {
            throw new UsageException("--output and --dead-letters cannot both be standard output (-)");
        }
        if (sameFile(input, output) || sameFile(input, deadLetters)) {
            throw new UsageException(String.format("the outputs must not overwrite --input %s", input));
        }
        if (sameFile(output, deadLetters)) {
            throw new UsageException(String.format("--output and --dead-letters must be different files, both are %s", output));
        }
    }

    private static boolean sameFile(String a, String b) {
        if (a == null || b == null || a.equals("-") || b.equals("-")) {
            return false;
        }
        Path pa = Path.of(a).toAbsolutePath().normalize();
        Path pb = Path.of(b).toAbsolutePath().normalize();
        try {
            return pa.equals(pb) || (Files.exists(pa) && Files.exists(pb) && Files.isSameFile(pa, pb));
        } catch (IOException e) {
            return false;
        }
    }
}
