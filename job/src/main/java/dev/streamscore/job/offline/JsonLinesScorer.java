package dev.streamscore.job.offline;

import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordOrigin;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelServing;
import dev.streamscore.job.serving.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a JSON-lines stream with one model: one output record per well-formed line, in input
 * order, and one dead-letter record per bad line (source {@code NAME:LINE}, id fallback the 1-based
 * line number). Records go through {@link ModelServing}, the path the Flink job takes, in batches
 * of at most {@code batchSize}. Memory is bounded whatever the input: a line over
 * {@code maxRecordBytes} is a dead letter without being held whole, a batch keeps of each line only
 * what its dead letter would repeat, and a batch whose kept lines reach {@link #BATCH_RAW_BUDGET}
 * bytes is scored early (the batch never changes a result). Line rules: see the package documentation.
 */
public final class JsonLinesScorer {
    /** The most raw bytes a pending batch keeps for its rows' possible dead letters before it is scored. */
    static final int BATCH_RAW_BUDGET = 16 << 20;

    private final RecordParser parser;
    private final ModelServing serving;
    private final int batchSize;
    private final String sourceName;
    private final int maxRecordBytes;
    private final int deadLetterMaxRawBytes;

    /**
     * Counts of one run.
     *
     * @param lines       the lines read, blank ones included
     * @param blankLines  the blank lines skipped
     */
    public record Summary(long lines, long scored, long deadLetters, long blankLines, long batches) {}

    /** The contract's record layout, with the default limits of {@code --max-record-bytes} and {@code --dead-letter-max-raw-bytes}. */
    public JsonLinesScorer(LoadedModel model, int batchSize, String sourceName) {
        this(model, batchSize, sourceName, JobOptionsBuilder.DEFAULT_MAX_RECORD_BYTES,
                JobOptionsBuilder.DEFAULT_DEAD_LETTER_MAX_RAW_BYTES, RecordLayout.DEFAULT);
    }

    /**
     * @param model                 the model, compiled for at least {@code batchSize} rows
     * @param batchSize             rows per batch, at least 1
     * @param sourceName            the input's name in dead-letter sources, e.g. {@code input.jsonl} or {@code stdin}
     * @param maxRecordBytes        a longer line is a dead letter, not parsed (at least 1)
     * @param deadLetterMaxRawBytes the most of a line a dead letter repeats (at least 0)
     * @param layout                where a line's features, label and id are
     */
    public JsonLinesScorer(LoadedModel model, int batchSize, String sourceName, int maxRecordBytes,
                           int deadLetterMaxRawBytes, RecordLayout layout) {
        if (batchSize < 1 || deadLetterMaxRawBytes < 0) {
            throw new IllegalArgumentException(String.format(
                    "batchSize must be >= 1 and deadLetterMaxRawBytes >= 0, got %d and %d", batchSize, deadLetterMaxRawBytes));
        }
        this.parser = new RecordParser(model.inputWidth(), model.classes(), maxRecordBytes, layout);
        this.serving = new ModelServing(model.inputWidth(), model.classes(), 1);
        serving.install(Role.PRIMARY, model);
        this.batchSize = batchSize;
        this.sourceName = sourceName;
        this.maxRecordBytes = maxRecordBytes;
        this.deadLetterMaxRawBytes = deadLetterMaxRawBytes;
    }

    /** Reads {@code in} to its end, writing to {@code out} and {@code deadLetters}; closes none of them. */
    public Summary run(InputStream in, OutputStream out, OutputStream deadLetters) throws IOException {
        Run run = new Run(out, deadLetters);
        LineReader lines = new LineReader(in, maxRecordBytes, deadLetterMaxRawBytes);
        long lineNumber = 0;
        long blank = 0;
        LineReader.Line line;
        while ((line = lines.next()) != null) {
            lineNumber++;
            if (line.whole() && isBlank(line.bytes())) {
                blank++;
            } else {
                run.accept(lineNumber, line);
            }
        }
        run.flush();
        return new Summary(lineNumber, run.scored, run.deadLetters, blank, run.batches);
    }

    /** A parsed line waiting in the batch, with what its dead letter would need: its first bytes and size. */
    private record Pending(InputRecord record, byte[] raw, long size, long lineNumber) {}

    /** A line's fallback id (its number) and source ({@code NAME:LINE}), made only when asked for. */
    private record LineOrigin(String name, long lineNumber) implements RecordOrigin {
        @Override
        public RecordId fallbackId() {
            return RecordId.ofNumber(lineNumber);
        }

        @Override
        public String source() {
            return String.format("%s:%d", name, lineNumber);
        }
    }

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
        private final List<Pending> batch = new ArrayList<>();
        private long batchRawBytes;
        private long scored;
        private long deadLetters;
        private long batches;

        Run(OutputStream out, OutputStream deadLetterOut) {
            this.out = out;
            this.deadLetterOut = deadLetterOut;
        }

        void accept(long lineNumber, LineReader.Line line) throws IOException {
            LineOrigin origin = new LineOrigin(sourceName, lineNumber);
            ParseResult result = parser.parse(line.bytes(), line.size(), origin);
            if (result instanceof InputRecord r) {
                byte[] raw = line.bytes().length <= deadLetterMaxRawBytes ? line.bytes()
                        : Arrays.copyOf(line.bytes(), deadLetterMaxRawBytes);
                batch.add(new Pending(r, raw, line.size(), lineNumber));
                batchRawBytes += raw.length;
                if (batch.size() == batchSize || batchRawBytes >= BATCH_RAW_BUDGET) {
                    flush();
                }
            } else {
                deadLetter((DeadLetter) result);
            }
        }

        void deadLetter(DeadLetter d) throws IOException {
            deadLetterOut.write(RecordWriter.deadLetter(d, deadLetterMaxRawBytes));
            deadLetterOut.write('\n');
            deadLetters++;
        }

        void flush() throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            serving.score(batch, Pending::record, new ModelServing.Output() {
                @Override
                public void scored(int row, byte[] value) throws IOException {
                    out.write(value);
                    out.write('\n');
                    scored++;
                }

                @Override
                public void failed(int row, String error) throws IOException {
                    Pending p = batch.get(row);
                    deadLetter(new DeadLetter(error, new LineOrigin(sourceName, p.lineNumber()).source(), p.raw(), p.size()));
                }
            });
            batches++;
            batch.clear();
            batchRawBytes = 0;
        }
    }
}
