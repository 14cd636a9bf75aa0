package dev.streamscore.job.offline;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelServing;
import dev.streamscore.job.serving.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a JSON-lines stream with one model: one output record per well-formed line, in input
 * order, and one dead-letter record per bad line (source {@code NAME:LINE}, id fallback the 1-based
 * line number). Records go through {@link ModelServing}, the path the Flink job takes, in batches
 * of at most {@code batchSize}; at most one batch is held in memory. Line rules: see the package
 * documentation.
 */
public final class JsonLinesScorer {
    private final RecordParser parser;
    private final ModelServing serving;
    private final int batchSize;
    private final String sourceName;

    /** Counts of one run. */
    public record Summary(long lines, long scored, long deadLetters, long trailingBlankLines, long batches) {}

    /**
     * @param model      the model, compiled for at least {@code batchSize} rows
     * @param batchSize  rows per batch, at least 1
     * @param sourceName the input's name in dead-letter sources, e.g. {@code input.jsonl} or {@code stdin}
     */
    public JsonLinesScorer(LoadedModel model, int batchSize, String sourceName) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(String.format("batchSize must be >= 1, got %d", batchSize));
        }
        this.parser = new RecordParser(model.inputWidth(), model.classes());
        this.serving = new ModelServing(model.inputWidth(), model.classes(), 1);
        serving.install(Role.PRIMARY, model);
        this.batchSize = batchSize;
        this.sourceName = sourceName;
    }

    /** Reads {@code in} to its end, writing to {@code out} and {@code deadLetters}; closes none of them. */
    public Summary run(InputStream in, OutputStream out, OutputStream deadLetters) throws IOException {
        Run run = new Run(out, deadLetters);
        LineReader lines = new LineReader(in);
        List<Blank> blanks = new ArrayList<>();
        long lineNumber = 0;
        byte[] line;
        while ((line = lines.next()) != null) {
            lineNumber++;
            if (isBlank(line)) {
                blanks.add(new Blank(lineNumber, line));
                continue;
            }
            for (Blank blank : blanks) {
                run.accept(blank.lineNumber(), blank.bytes());
            }
            blanks.clear();
            run.accept(lineNumber, line);
        }
        run.flush();
        return new Summary(lineNumber, run.scored, run.deadLetters, blanks.size(), run.batches);
    }

    /** A parsed line waiting in the batch, with what its dead letter would need. */
    private record Line(InputRecord record, byte[] bytes, String source) {}

    /** A blank line, held until it is known whether a record follows it. */
    private record Blank(long lineNumber, byte[] bytes) {}

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The state of one run: the pending batch and the counts. */
    private final class Run {
        private final OutputStream out;
        private final OutputStream deadLetterOut;
        private final List<Line> batch = new ArrayList<>();
        private long scored;
        private long deadLetters;
        private long batches;

        Run(OutputStream out, OutputStream deadLetterOut) {
            this.out = out;
            this.deadLetterOut = deadLetterOut;
        }

        void accept(long lineNumber, byte[] line) throws IOException {
            String source = String.format("%s:%d", sourceName, lineNumber);
            ParseResult result = parser.parse(line, RecordId.ofNumber(lineNumber), source);
            if (result instanceof InputRecord r) {
                batch.add(new Line(r, line, source));
                if (batch.size() == batchSize) {
                    flush();
                }
            } else {
                deadLetter((DeadLetter) result);
            }
        }

        void deadLetter(DeadLetter d) throws IOException {
            deadLetterOut.write(RecordWriter.deadLetter(d, Integer.MAX_VALUE));
            deadLetterOut.write('\n');
            deadLetters++;
        }

        void flush() throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            serving.score(batch, Line::record, new ModelServing.Output() {
                @Override
                public void scored(int row, byte[] value) throws IOException {
                    out.write(value);
                    out.write('\n');
                    scored++;
                }

                @Override
                public void failed(int row, String error) throws IOException {
                    Line l = batch.get(row);
                    deadLetter(new DeadLetter(error, l.source(), l.bytes()));
                }
            });
            batches++;
            batch.clear();
        }
    }
}
