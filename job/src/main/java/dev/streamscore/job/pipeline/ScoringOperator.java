package dev.streamscore.job.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Micro-batches valid records and scores each batch with one compiled model.
 *
 * <p><b>Batching.</b> Per subtask, a batch is scored when it holds {@code batchSize} rows or
 * {@code batchTimeoutMs} after its first row arrived (a processing-time timer), whichever comes
 * first. The open batch is also scored in {@link #prepareSnapshotPreBarrier} and at end of input.
 * Flushing before the barrier (as Flink's mini-batch operators do) means every record that entered
 * this operator before a checkpoint barrier has its output emitted before that barrier: the batch
 * is never part of the checkpoint, so after a restore no record is lost (it was scored and sent
 * before the checkpoint) and none is repeated (the source resumes after it). It also means an
 * exactly-once sink commits a record's output with the checkpoint that covers its input.
 *
 * <p><b>The model.</b> The operator holds a {@link ModelSpec} (bytes, name, version), never a compiled
 * scorer: each subtask compiles its own {@link RecordScorer} in {@link #open()}. The model in force
 * is kept in Flink managed operator state (union list state, written by subtask 0, serialised by
 * Flink's POJO serializer), so a job restored from a checkpoint or savepoint scores with exactly
 * the model that was in force when it was taken: on restore, the state's model wins over the one
 * given to the constructor. A second, broadcast input for model updates will call
 * {@link #install(ModelSpec)}, which flushes the open batch with the old model first.
 *
 * <p><b>Counts.</b> The number of records scored is checkpointed too, so the {@value #SCORED}
 * accumulator counts every record whose output is in the sink exactly once, across restarts.
 *
 * <p><b>Metrics</b> (operator metric group): {@value #SCORED} (counter), {@code batchSize},
 * {@code batchScoringMicros} and {@code endToEndLatencyMs} (histograms; latency from the Kafka
 * timestamp to emission), {@code model} (gauge: {@code name@version} in force).
 */
public final class ScoringOperator extends AbstractStreamOperator<KeyedValue>
        implements OneInputStreamOperator<ParsedRecord, KeyedValue>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** Accumulator and counter name: records scored. */
    public static final String SCORED = "recordsScored";

    private static final ListStateDescriptor<ModelSpec> MODEL_STATE =
            new ListStateDescriptor<>("model-in-force", TypeInformation.of(ModelSpec.class));
    private static final ListStateDescriptor<Long> COUNT_STATE = new ListStateDescriptor<>("scored-count", Types.LONG);

    private final ModelSpec initialModel;
    private final int inputWidth;
    private final int classes;
    private final PipelineOptions options;

    private transient ListState<ModelSpec> modelState;
    private transient ListState<Long> countState;
    private transient ModelSpec model;
    private transient RecordScorer scorer;
    private transient MicroBatch<ParsedRecord> batch;
    private transient StreamRecord<KeyedValue> reuse;
    private transient long scoredBefore;
    private transient LongCounter scoredTotal;
    private transient ScoringMetrics metrics;

    /**
     * @param model      the model to score with unless restored state holds one
     * @param inputWidth the input width the upstream parser validates against
     * @param classes    the class count the upstream parser validates labels against
     */
    public ScoringOperator(ModelSpec model, int inputWidth, int classes, PipelineOptions options) {
        this.initialModel = model;
        this.inputWidth = inputWidth;
        this.classes = classes;
        this.options = options;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        modelState = context.getOperatorStateStore().getUnionListState(MODEL_STATE);
        countState = context.getOperatorStateStore().getListState(COUNT_STATE);
        model = initialModel;
        scoredBefore = 0;
        if (context.isRestored()) {
            List<ModelSpec> restored = new ArrayList<>();
            modelState.get().forEach(restored::add);
            if (!restored.isEmpty()) {
                model = restored.get(0);
                if (!model.equals(initialModel)) {
                    LOG.info("Restored model {} from state; it replaces {}", model.id(), initialModel.id());
                }
            }
            for (Long n : countState.get()) {
                scoredBefore += n;
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        batch = new MicroBatch<>(options.batchSize(), options.batchTimeoutMs());
        reuse = new StreamRecord<>(null);
        scoredTotal = new LongCounter(scoredBefore);
        getRuntimeContext().addAccumulator(SCORED, scoredTotal);
        metrics = new ScoringMetrics(getMetricGroup(), () -> model.id());
        install(model);
    }

    /**
     * Makes {@code next} the model in force: scores the open batch with the current model, then
     * compiles {@code next}. Its input width and class count must be those the parser validates.
     *
     * @throws IllegalStateException when {@code next} is incompatible with the parser upstream
     */
    void install(ModelSpec next) throws Exception {
        flush();
        RecordScorer compiled = new RecordScorer(next.load(), options.batchSize());
        if (compiled.inputWidth() != inputWidth || compiled.classes() != classes) {
            throw new IllegalStateException(String.format(
                    "model %s takes %d inputs and has %d classes, but the job validates records for %d inputs"
                            + " and %d classes; start the job with a compatible model or without this state",
                    next.id(), compiled.inputWidth(), compiled.classes(), inputWidth, classes));
        }
        model = next;
        scorer = compiled;
    }

    /** The model in force ({@code name@version}). */
    String modelId() {
        return model.id();
    }

    @Override
    public void processElement(StreamRecord<ParsedRecord> element) throws Exception {
        boolean first = batch.isEmpty();
        if (batch.add(element.getValue(), getProcessingTimeService().getCurrentProcessingTime())) {
            flush();
        } else if (first) {
            getProcessingTimeService().registerTimer(batch.deadline(), this::onTimer);
        }
    }

    /** A batch's deadline timer; a timer of a batch flushed earlier finds a later deadline and does nothing. */
    private void onTimer(long time) throws Exception {
        if (batch.isDue(time)) {
            flush();
        }
    }

    /** Scores before the barrier, so the batch is never in a checkpoint (see the class comment). */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() throws Exception {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        modelState.update(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0 ? List.of(model) : List.of());
        countState.update(List.of(scoredTotal.getLocalValuePrimitive()));
    }

    private void flush() {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<KeyedValue> out = scorer.score(batch.rows());
        metrics.batchScored(batch.size(), System.nanoTime() - start);
        long now = System.currentTimeMillis();
        for (KeyedValue kv : out) {
            output.collect(reuse.replace(kv, kv.timestamp()));
            metrics.emitted(now - kv.timestamp());
        }
        scoredTotal.add(out.size());
        batch.clear();
    }
}
