package dev.streamscore.job.pipeline;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.records.RecordWriter;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses and validates each raw record with {@link RecordParser}: valid records go on to the
 * scorer, everything else becomes a dead letter on the {@link #DEAD_LETTERS} side output (key and
 * timestamp of the input). It never throws on bad input: even a parser failure is a dead letter.
 *
 * <p>Metrics: {@code recordsIn}, {@value #DEAD_LETTER_COUNT} (counters). The dead-letter count is
 * checkpointed, so the {@value #DEAD_LETTER_COUNT} accumulator is exact across restarts.
 */
public final class ParseFunction extends ProcessFunction<RawKafkaRecord, ParsedRecord> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Accumulator and counter name: records dead-lettered. */
    public static final String DEAD_LETTER_COUNT = "deadLetters";

    /** Dead letters, rendered for the dead-letter topic. */
    public static final OutputTag<KeyedValue> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(KeyedValue.class));

    private static final ListStateDescriptor<Long> COUNT_STATE = new ListStateDescriptor<>("dead-letter-count", Types.LONG);

    private final int inputWidth;
    private final int classes;

    private transient RecordParser parser;
    private transient Counter recordsIn;
    private transient Counter deadLetters;
    private transient LongCounter deadLetterTotal;
    private transient ListState<Long> countState;
    private transient long countBefore;

    /** Validates records for a model of {@code inputWidth} inputs and {@code classes} classes. */
    public ParseFunction(int inputWidth, int classes) {
        this.inputWidth = inputWidth;
        this.classes = classes;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        countState = context.getOperatorStateStore().getListState(COUNT_STATE);
        countBefore = 0;
        if (context.isRestored()) {
            for (Long n : countState.get()) {
                countBefore += n;
            }
        }
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new RecordParser(inputWidth, classes);
        recordsIn = getRuntimeContext().getMetricGroup().counter("recordsIn");
        deadLetters = getRuntimeContext().getMetricGroup().counter(DEAD_LETTER_COUNT);
        deadLetterTotal = new LongCounter(countBefore);
        getRuntimeContext().addAccumulator(DEAD_LETTER_COUNT, deadLetterTotal);
    }

    @Override
    public void processElement(RawKafkaRecord raw, Context ctx, Collector<ParsedRecord> out) {
        recordsIn.inc();
        ParseResult result = parse(raw);
        if (result instanceof InputRecord input) {
            out.collect(new ParsedRecord(raw.key(), input, raw.timestamp()));
        } else {
            ctx.output(DEAD_LETTERS, new KeyedValue(raw.key(), RecordWriter.deadLetter((DeadLetter) result), raw.timestamp()));
            deadLetters.inc();
            deadLetterTotal.add(1);
        }
    }

    /** The parser does not throw on input; should it fail anyway, the record is a dead letter, not a job failure. */
    private ParseResult parse(RawKafkaRecord raw) {
        try {
            return parser.parse(raw.value(), raw.fallbackId(), raw.source());
        } catch (RuntimeException e) {
            return new DeadLetter(String.format("unreadable record: %s", e), raw.source(),
                    raw.value() == null ? new byte[0] : raw.value());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        countState.update(List.of(deadLetterTotal.getLocalValuePrimitive()));
    }
}
