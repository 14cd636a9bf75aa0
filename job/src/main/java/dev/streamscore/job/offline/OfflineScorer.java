package dev.streamscore.job.offline;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a JSON-lines stream: one output record per well-formed line, in input order, and one
 * dead-letter record per bad line (source {@code NAME:LINE}, id fallback the 1-based line number).
 * Holds at most one batch of records in memory. Line rules: see the package documentation.
 */
public final class OfflineScorer {
    private final RecordParser parser;
    private final String modelId;
    private final BatchScorer scorer;
    private final int batchSize;
    private final String sourceName;

    /** Counts of one run. */
    public record Summary(long lines, long scored, long deadLetters, long trailingBlankLines) {}

    /**
     * @param parser     parses lines for the model's input width and classes
     * @param modelId    {@code name@version}, written on every output record
     * @param scorer     scores a batch (at most {@code batchSize} rows)
     * @param batchSize  rows per batch, at least 1
     * @param sourceName the input's name in dead-letter sources, e.g. {@code input.jsonl} or {@code stdin}
     */
    public OfflineScorer(RecordParser parser, String modelId, BatchScorer scorer, int batchSize, String sourceName) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(String.format("batchSize must be >= 1, got %d", batchSize));
        }
        this.parser = parser;
        this.modelId = modelId;
        this.scorer = scorer;
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
        return new Summary(lineNumber, run.scored, run.deadLetters, blanks.size());
    }

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
        private final List<RecordId> ids = new ArrayList<>();
        private final List<double[]> features = new ArrayList<>();
        private final List<Label> labels = new ArrayList<>();
        private long scored;
        private long deadLetters;

        Run(OutputStream out, OutputStream deadLetterOut) {
            this.out = out;
            this.deadLetterOut = deadLetterOut;
        }

        void accept(long lineNumber, byte[] line) throws IOException {
            String source = String.format("%s:%d", sourceName, lineNumber);
            ParseResult result = parser.parse(line, RecordId.ofNumber(lineNumber), source);
            if (result instanceof InputRecord r) {
                ids.add(r.id());
                features.add(r.features());
                labels.add(r.label());
                if (ids.size() == batchSize) {
                    flush();
                }
            } else {
                deadLetterOut.write(RecordWriter.deadLetter((DeadLetter) result));
                deadLetterOut.write('\n');
                deadLetters++;
            }
        }

        void flush() throws IOException {
            if (ids.isEmpty()) {
                return;
            }
            Score[] scores = scorer.score(features, labels);
            if (scores.length != ids.size()) {
                throw new IllegalStateException(String.format(
                        "the scorer returned %d scores for a batch of %d rows", scores.length, ids.size()));
            }
            for (int i = 0; i < scores.length; i++) {
                out.write(RecordWriter.score(ids.get(i), modelId, scores[i]));
                out.write('\n');
            }
            scored += scores.length;
            ids.clear();
            features.clear();
            labels.clear();
        }
    }
}
