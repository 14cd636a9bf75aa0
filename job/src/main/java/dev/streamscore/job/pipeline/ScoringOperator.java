package dev.streamscore.job.pipeline;

import dev.streamscore.job.lifecycle.EvaluationOptions;
import dev.streamscore.job.lifecycle.LifecycleRecords;
import dev.streamscore.job.lifecycle.ModelUpdate;
import dev.streamscore.job.lifecycle.ModelUpdateValidator;
import dev.streamscore.job.lifecycle.Role;
import dev.streamscore.job.lifecycle.UpdateDecision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Micro-batches valid records (input 1) and scores each batch with the model in force; model
 * updates (input 2, broadcast to every subtask) replace the model between two batches.
 *
 * <p><b>Batching.</b> Per subtask, a batch is scored when it holds {@code batchSize} rows or
 * {@code batchTimeoutMs} after its first row arrived (a processing-time timer), whichever comes
 * first. The open batch is also scored in {@link #prepareSnapshotPreBarrier}, at end of input and
 * before a model update takes over. Flushing before the barrier (as Flink's mini-batch operators
 * do) means every record that entered this operator before a checkpoint barrier has its output
 * emitted before that barrier: the batch is never part of the checkpoint, so after a restore no
 * record is lost and none is repeated, and an exactly-once sink commits a record's output with the
 * checkpoint that covers its input.
 *
 * <p><b>Models.</b> The operator holds {@link ModelSpec}s (bytes, name, version), never compiled
 * scorers: each subtask compiles its own in {@link #open()} ({@link ModelServing}). The primary
 * model scores every record; an optional shadow model scores the same batches for evaluation only.
 * Both are kept in Flink managed operator state (union list state, written by subtask 0), so a job
 * restored from a checkpoint or savepoint, at any parallelism, serves exactly the models in force
 * when it was taken: on restore, the state's models win over the ones given to the constructor.
 *
 * <p><b>Updates.</b> Every subtask receives every {@link ModelUpdate} (the update stream is
 * broadcast, from a single reader, so all subtasks see the same updates in the same order between
 * the same barriers) and runs the same deterministic {@link ModelUpdateValidator} on it, so all
 * subtasks take the same decision. An accepted update scores the open batch with the old models,
 * then takes over its role; the same {@code name@version} again is a no-op. A refused update
 * leaves the models in force; subtask 0 alone writes it to the {@link #MODEL_DEAD_LETTERS} side output.
 *
 * <p><b>Evaluation.</b> Labelled records update a {@link dev.streamscore.job.lifecycle.RollingEvaluation} per model version and
 * role (metric gauges {@code model.<name@version>.role.<role>.{accuracy,mean_loss,count}}); with
 * {@link EvaluationOptions#emit()}, every interval (and at end of input) each subtask writes one
 * evaluation record per model in force whose figures changed to the {@link #EVALUATIONS} side output.
 *
 * <p><b>Counts and metrics.</b> The number of records scored is checkpointed, so the
 * {@value #SCORED} accumulator is exact across restarts. Metrics: see {@link ScoringMetrics}.
 */
public final class ScoringOperator extends AbstractStreamOperator<KeyedValue>
        implements TwoInputStreamOperator<ParsedRecord, ModelUpdate, KeyedValue>, BoundedMultiInput {
    private static final long serialVersionUID = 2L;

    /** Accumulator and counter name: records scored. */
    public static final String SCORED = "recordsScored";
    /** Refused model updates, rendered for {@code <model-topic>.dlq} (written by subtask 0 only). */
    public static final OutputTag<KeyedValue> MODEL_DEAD_LETTERS =
            new OutputTag<>("model-dead-letters", TypeInformation.of(KeyedValue.class));
    /** Evaluation records, rendered for {@code --eval-topic}. */
    public static final OutputTag<KeyedValue> EVALUATIONS =
            new OutputTag<>("evaluations", TypeInformation.of(KeyedValue.class));

    private static final ListStateDescriptor<ModelSpec> MODEL_STATE =
            new ListStateDescriptor<>("model-in-force", TypeInformation.of(ModelSpec.class));
    private static final ListStateDescriptor<ModelSpec> SHADOW_STATE =
            new ListStateDescriptor<>("shadow-model-in-force", TypeInformation.of(ModelSpec.class));
    private static final ListStateDescriptor<Long> COUNT_STATE = new ListStateDescriptor<>("scored-count", Types.LONG);

    private final ModelSpec initialModel;
    private final ModelSpec initialShadow;
    private final int inputWidth;
    private final int classes;
    private final PipelineOptions options;
    private final EvaluationOptions evaluation;

    private transient ListState<ModelSpec> modelState;
    private transient ListState<ModelSpec> shadowState;
    private transient ListState<Long> countState;
    private transient ModelSpec startModel;
    private transient ModelSpec startShadow;
    private transient ModelServing serving;
    private transient ModelUpdateValidator validator;
    private transient MicroBatch<ParsedRecord> batch;
    private transient StreamRecord<KeyedValue> reuse;
    private transient long scoredBefore;
    private transient LongCounter scoredTotal;
    private transient ScoringMetrics metrics;
    private transient EvaluationReporter reporter;

    /** A primary model only, default evaluation settings (metrics, no evaluation records). */
    public ScoringOperator(ModelSpec model, int inputWidth, int classes, PipelineOptions options) {
        this(model, null, inputWidth, classes, options, EvaluationOptions.defaults());
    }

    /**
     * @param model      the primary model unless restored state holds one
     * @param shadow     the shadow model (or null for none) unless restored state says otherwise
     * @param inputWidth the input width the upstream parser validates against
     * @param classes    the class count the upstream parser validates labels against
     */
    public ScoringOperator(ModelSpec model, ModelSpec shadow, int inputWidth, int classes,
                           PipelineOptions options, EvaluationOptions evaluation) {
        this.initialModel = model;
        this.initialShadow = shadow;
        this.inputWidth = inputWidth;
        this.classes = classes;
        this.options = options;
        this.evaluation = evaluation;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        modelState = context.getOperatorStateStore().getUnionListState(MODEL_STATE);
        shadowState = context.getOperatorStateStore().getUnionListState(SHADOW_STATE);
        countState = context.getOperatorStateStore().getListState(COUNT_STATE);
        startModel = initialModel;
        startShadow = initialShadow;
        scoredBefore = 0;
        if (context.isRestored()) {
            List<ModelSpec> restored = new ArrayList<>();
            modelState.get().forEach(restored::add);
            if (!restored.isEmpty()) {
                // subtask 0 wrote both lists in the same snapshot: an empty shadow list means "no shadow"
                List<ModelSpec> shadows = new ArrayList<>();
                shadowState.get().forEach(shadows::add);
                startModel = restored.get(0);
                startShadow = shadows.isEmpty() ? null : shadows.get(0);
                LOG.info("Restored models from state: primary {}, shadow {} (given: {}, {})",
                        startModel.id(), idOf(startShadow), initialModel.id(), idOf(initialShadow));
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
        serving = new ModelServing(inputWidth, classes, options.batchSize(), evaluation.window());
        validator = new ModelUpdateValidator(inputWidth, classes);
        reporter = new EvaluationReporter(subtask());
        metrics = new ScoringMetrics(getMetricGroup(), this::modelId, () -> idOf(serving.model(Role.SHADOW)));
        install(Role.PRIMARY, startModel);
        if (startShadow != null) {
            install(Role.SHADOW, startShadow);
        }
        if (evaluation.emit()) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + evaluation.intervalMs(), this::onEvaluationTimer);
        }
    }

    /** The primary model in force ({@code name@version}). */
    String modelId() {
        return serving.model(Role.PRIMARY).id();
    }

    /** The shadow model in force ({@code name@version}), or {@code none}. */
    String shadowId() {
        return idOf(serving.model(Role.SHADOW));
    }

    @Override
    public void processElement1(StreamRecord<ParsedRecord> element) throws Exception {
        boolean first = batch.isEmpty();
        if (batch.add(element.getValue(), getProcessingTimeService().getCurrentProcessingTime())) {
            flush();
        } else if (first) {
            getProcessingTimeService().registerTimer(batch.deadline(), this::onBatchTimer);
        }
    }

    /** A model update: validated, then applied between two batches or refused (see the class comment). */
    @Override
    public void processElement2(StreamRecord<ModelUpdate> element) throws Exception {
        ModelUpdate update = element.getValue();
        UpdateDecision decision = validator.decide(update);
        if (decision instanceof UpdateDecision.Install install) {
            apply(install.role(), install.model(), update);
        } else if (decision instanceof UpdateDecision.RemoveShadow) {
            if (serving.model(Role.SHADOW) != null) {
                flush();
                LOG.info("Subtask {}: shadow model {} removed by {}", subtask(), shadowId(), update.source());
                serving.install(Role.SHADOW, null);
                metrics.updateApplied();
            }
        } else {
            refuse((UpdateDecision.Refuse) decision, update);
        }
    }

    private void apply(Role role, ModelSpec next, ModelUpdate update) throws Exception {
        ModelSpec current = serving.model(role);
        if (current != null && current.id().equals(next.id())) {
            if (!Arrays.equals(current.bytes(), next.bytes()) && subtask() == 0) {
                LOG.warn("Model update {} for {} has the version in force but other bytes: ignored;"
                        + " publish it with a new version header", update.source(), next.id());
            }
            return;
        }
        flush();
        install(role, next);
        metrics.updateApplied();
        LOG.info("Subtask {}: {} model {} replaces {} (update {})", subtask(), role.label(), next.id(), idOf(current),
                update.source());
    }

    private void install(Role role, ModelSpec spec) {
        serving.install(role, spec);
        metrics.evaluation(role, spec.id(), serving.evaluation(role));
    }

    private void refuse(UpdateDecision.Refuse refusal, ModelUpdate update) {
        metrics.updateRefused();
        if (subtask() != 0) {
            return;
        }
        LOG.warn("Model update {} refused, {} keeps serving: {}", update.source(), modelId(), refusal.reason());
        KeyedValue dead = new KeyedValue(update.key(), LifecycleRecords.refusal(refusal, update), update.timestamp());
        output.collect(MODEL_DEAD_LETTERS, new StreamRecord<>(dead, update.timestamp()));
    }

    /** A batch's deadline timer; a timer of a batch flushed earlier finds a later deadline and does nothing. */
    private void onBatchTimer(long time) throws Exception {
        if (batch.isDue(time)) {
            flush();
        }
    }

    private void onEvaluationTimer(long time) throws Exception {
        emitEvaluations(time);
        getProcessingTimeService().registerTimer(time + evaluation.intervalMs(), this::onEvaluationTimer);
    }

    /** Scores before the barrier, so the batch is never in a checkpoint (see the class comment). */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    /** The end of the records (input 1) scores the open batch; the end of the updates (input 2) changes nothing. */
    @Override
    public void endInput(int inputId) throws Exception {
        if (inputId == 1) {
            flush();
            emitEvaluations(getProcessingTimeService().getCurrentProcessingTime());
        }
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        boolean writer = subtask() == 0;
        ModelSpec shadow = serving.model(Role.SHADOW);
        modelState.update(writer ? List.of(serving.model(Role.PRIMARY)) : List.of());
        shadowState.update(writer && shadow != null ? List.of(shadow) : List.of());
        countState.update(List.of(scoredTotal.getLocalValuePrimitive()));
    }

    private void flush() {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<KeyedValue> out = serving.score(batch.rows());
        metrics.batchScored(batch.size(), System.nanoTime() - start);
        long now = System.currentTimeMillis();
        for (KeyedValue kv : out) {
            output.collect(reuse.replace(kv, kv.timestamp()));
            metrics.emitted(now - kv.timestamp());
        }
        scoredTotal.add(out.size());
        batch.clear();
    }

    /** One evaluation record per model in force whose figures changed since its last record. */
    private void emitEvaluations(long now) {
        if (evaluation.emit()) {
            for (KeyedValue kv : reporter.due(serving, now)) {
                output.collect(EVALUATIONS, new StreamRecord<>(kv, now));
            }
        }
    }

    private int subtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    private static String idOf(ModelSpec spec) {
        return spec == null ? "none" : spec.id();
    }
}
