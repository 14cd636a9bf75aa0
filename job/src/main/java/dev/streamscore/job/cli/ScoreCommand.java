package dev.streamscore.job.cli;

import dev.streamscore.job.offline.JsonLinesScorer;
import dev.streamscore.job.options.Flags;
import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.options.Range;
import dev.streamscore.job.options.UsageException;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.serving.LoadedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code score --model FILE --input FILE|- --output FILE|- [--batch-size N] [--dead-letters FILE|-]
 * [--max-record-bytes N] [--dead-letter-max-raw-bytes N] [--max-model-bytes N]}: offline scoring
 * of JSON lines with the engine, output in input order, bad lines to the dead letters (default
 * standard error) without stopping the run, in bounded memory. Ends with a summary line on
 * standard error. Exit 0 when every line was scored, dead-lettered or skipped as blank.
 */
public final class ScoreCommand implements Command {
    /** The largest --batch-size: the engine allocates its buffers for a whole batch. */
    static final int MAX_BATCH = 1 << 16;
    private static final int DEFAULT_BATCH = 256;
    private static final Flags.Spec FLAGS = Flags.spec("score")
            .required("model", "FILE").required("input", "FILE|-").required("output", "FILE|-")
            .optional("batch-size", "N").optional("dead-letters", "FILE|-")
            .optional("max-record-bytes", "N").optional("dead-letter-max-raw-bytes", "N").optional("max-model-bytes", "N")
            .optional("features", "FIELD[,FIELD...]").optional("label-field", "FIELD").optional("id-field", "FIELD");

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

    /**
     * In order: the flags (exit 2), the model, read within {@code --max-model-bytes} and compiled
     * for the batch size (exit 1 if it does not load or its buffers do not fit the heap), the input,
     * then the outputs, which are truncated only once all of them are open.
     */
    @Override
    public int run(Flags flags, PrintStream out, PrintStream err) throws IOException {
        String input = flags.required("input");
        String output = flags.required("output");
        int batchSize = flags.intValue("batch-size", DEFAULT_BATCH, 1, MAX_BATCH);
        int maxRecordBytes = limit(flags, JobOptionsBuilder.MAX_RECORD_BYTES, JobOptionsBuilder.DEFAULT_MAX_RECORD_BYTES);
        int maxRawBytes = limit(flags, JobOptionsBuilder.DEAD_LETTER_MAX_RAW_BYTES,
                JobOptionsBuilder.DEFAULT_DEAD_LETTER_MAX_RAW_BYTES);
        int maxModelBytes = maxModelBytes(flags);
        Optional<String> deadLetters = flags.optional("dead-letters");
        if (output.equals("-") && deadLetters.filter(d -> d.equals("-")).isPresent()) {
            throw new UsageException("--output and --dead-letters cannot both be standard output (-)");
        }
        List<OutputFiles.Target> targets = List.of(new OutputFiles.Target("output", output, out),
                new OutputFiles.Target("dead-letters", deadLetters.orElse("-"), deadLetters.isPresent() ? out : err));
        OutputFiles.checkDistinct("input", input, targets);

        LoadedModel model = ModelFiles.load(flags.required("model"), batchSize, maxModelBytes);
        RecordLayout layout = layout(flags, model);
        layout.shortfall(model.inputWidth()).ifPresent(err::println);
        JsonLinesScorer scorer = new JsonLinesScorer(model, batchSize, input.equals("-") ? "stdin" : input,
                maxRecordBytes, maxRawBytes, layout);
        JsonLinesScorer.Summary summary;
        try (InputStream in = StdStreams.input("input", input, stdin.get());
             OutputFiles outputs = OutputFiles.open("input", input, targets)) {
            summary = scorer.run(in, outputs.get(0), outputs.get(1));
        }
        err.printf("scored %d of %d lines with %s: %d dead letters%s%n", summary.scored(), summary.lines(), model.id(),
                summary.deadLetters(), summary.blankLines() == 0 ? ""
                        : String.format(", %d blank lines skipped", summary.blankLines()));
        return 0;
    }

    /**
     * Where the records' fields are: {@code --features} (or the fields the model names),
     * {@code --label-field}, {@code --id-field}.
     *
     * @throws UsageException when the fields are not paths, clash, differ from the model's or cannot fit it
     */
    static RecordLayout layout(Flags flags, LoadedModel model) {
        try {
            List<String> features = flags.optional("features").map(RecordLayout::fields).orElse(null);
            return RecordLayout.choose(features, flags.get("label-field", RecordLayout.DEFAULT.labelField()),
                    flags.get("id-field", RecordLayout.DEFAULT.idField()), model.classifier().model().featureFields(),
                    model.inputWidth());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code --max-model-bytes} (default 512 MiB), shared with {@code inspect}. */
    static int maxModelBytes(Flags flags) {
        return limit(flags, JobOptionsBuilder.MAX_MODEL_BYTES, JobOptionsBuilder.DEFAULT_MAX_MODEL_BYTES);
    }

    private static int limit(Flags flags, Range range, int defaultValue) {
        return flags.optional(range.flag()).map(v -> (int) range.parseChecked(v, Integer.MAX_VALUE)).orElse(defaultValue);
    }
}
