package dev.streamscore.job.pipeline;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.serving.EvaluationReporter;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.serving.ModelServing;
import dev.streamscore.job.serving.ModelUpdate;
import dev.streamscore.job.serving.Role;
import dev.streamscore.job.serving.UpdateDecision;
import dev.streamscore.job.serving.UpdateValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The Flink face of scoring: valid records on input 1, model updates (broadcast) on input 2. It
 * wires Flink's hooks to plain-Java parts: {@link MicroBatch} (when to score), {@link ModelServing}
 * (scoring and evaluation), {@link UpdateValidator} (whether an update may take over),
 * {@link ModelState} (the models in force in managed state) and {@link EvaluationReporter}.
 */
public final class ScoringOperator extends AbstractStreamOperator<KeyedValue>
        implements TwoInputStreamOperator<ParsedRecord, ModelUpdate, KeyedValue>, BoundedMultiInput {
    private static final long serialVersionUID = 3L;

    /** Accumulator and counter name: records scored. */
    public static final String SCORED = "recordsScored";
    /** Refused model updates, rendered for {@code <model-topic>.dlq} (written by subtask 0 only). */
    public static final OutputTag<KeyedValue> MODEL_DEAD_LETTERS =
            new OutputTag<>("model-dead-letters", TypeInformation.of(KeyedValue.class));
    /** Evaluation records, rendered for {@code --eval-topic}. */
    public static final OutputTag<KeyedValue> EVALUATIONS =
            new OutputTag<>("evaluations", TypeInformation.of(KeyedValue.class));

    private final ModelBytes initialModel;
    private final ModelBytes initialShadow;
    private final int inputWidth;
    private final int classes;
    private final JobOptions.Scoring scoring;

    private transient ModelState state;
    private transient ModelServing serving;
    private transient UpdateValidator validator;
    private transient MicroBatch<ParsedRecord> batch;
    private transient StreamRecord<KeyedValue> reuse;
    private transient List<byte[]> values;
    private transient LongCounter scoredTotal;
    private transient ScoringMetrics metrics;
    private transient EvaluationReporter reporter;

    /**
     * @param model      the primary model unless restored state holds one
     * @param shadow     the shadow model (or null for none) unless restored state says otherwise
     * @param inputWidth the input width the upstream parser validates against
     * @param classes    the class count the upstream parser validates labels against
     */
    public ScoringOperator(ModelBytes model, ModelBytes shadow, int inputWidth, int classes, JobOptions.Scoring scoring) {
        this.initialModel = model;
        this.initialShadow = shadow;
        this.inputWidth = inputWidth;
        this.classes = classes;
        this.scoring = scoring;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = ModelState.initialize(context, initialModel, initialShadow);
        if (state.restoredModels()) {
            LOG.info("Restored models from state: primary {}, shadow {} (given: {}, {})", state.primary().id(),
                    idOf(state.shadow()), initialModel.id(), idOf(initialShadow));
        }
    }

    /** Each subtask compiles its own models from the bytes it starts with. */
    @Override
    public void open() throws Exception {
        super.open();
        batch = new MicroBatch<>(scoring.batchSize(), scoring.batchTimeoutMs());
        reuse = new StreamRecord<>(null);
        values = new ArrayList<>(scoring.batchSize());
        scoredTotal = new LongCounter(state.scored());
        getRuntimeContext().addAccumulator(SCORED, scoredTotal);
        serving = new ModelServing(inputWidth, classes, scoring.evalWindow());
        validator = new UpdateValidator(inputWidth, classes, scoring.batchSize());
        reporter = new EvaluationReporter(subtask());
        metrics = new ScoringMetrics(getMetricGroup(), this::modelId, this::shadowId);
        install(Role.PRIMARY, LoadedModel.load(state.primary(), scoring.batchSize()));
        if (state.shadow() != null) {
            install(Role.SHADOW, LoadedModel.load(state.shadow(), scoring.batchSize()));
        }
        if (scoring.emitEvaluations()) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + scoring.evalIntervalMs(), this::onEvaluationTimer);
        }
    }

    /** The primary model in force ({@code name@version}). */
    String modelId() {
        return idOf(serving.model(Role.PRIMARY));
    }

    /** The shadow model in force ({@code name@version}), or {@code none}. */
    String shadowId() {
        return idOf(serving.model(Role.SHADOW));
    }

    /** A row joins the open batch, which is scored when full, or at its deadline (a timer set by its first row). */
    @Override
    public void processElement1(StreamRecord<ParsedRecord> element) throws Exception {
        boolean first = batch.isEmpty();
        if (batch.add(element.getValue(), getProcessingTimeService().getCurrentProcessingTime())) {
            flush();
        } else if (first) {
            getProcessingTimeService().registerTimer(batch.deadline(), this::onBatchTimer);
        }
    }

    /**
     * A model update: every subtask gets every update (one reader, broadcast: the same updates in
     * the same order between the same barriers) and the validator decides alike on all of them.
     * An accepted update scores the open batch with the old models, then takes over its role; the
     * version in force again is a no-op. A refused one leaves the models in force and subtask 0
     * writes it to {@link #MODEL_DEAD_LETTERS}.
     */
    @Override
    public void processElement2(StreamRecord<ModelUpdate> element) throws Exception {
        ModelUpdate update = element.getValue();
        UpdateDecision decision = validator.decide(update);
        if (decision instanceof UpdateDecision.Refuse refusal) {
            metrics.updateRefused();
            if (subtask() == 0) {
                LOG.warn("Model update {} refused, {} keeps serving: {}", update.source(),
                        idOf(serving.model(Role.PRIMARY)), refusal.reason());
                output.collect(MODEL_DEAD_LETTERS, new StreamRecord<>(refusal.deadLetter(update), update.timestamp()));
            }
        } else if (serving.changes(decision)) {
            flush();
            String change = serving.apply(decision);
            if (decision instanceof UpdateDecision.Install install) {
                metrics.evaluation(install.role(), install.model().id(), serving.evaluation(install.role()));
            }
            metrics.updateApplied();
            LOG.info("Subtask {}: {} (update {})", subtask(), change, update.source());
        } else if (decision instanceof UpdateDecision.Install same && subtask() == 0
                && !Arrays.equals(same.model().bytes().bytes(), serving.model(same.role()).bytes().bytes())) {
            LOG.warn("Model update {} for {} has the version in force but other bytes: ignored;"
                    + " publish it with a new version header", update.source(), same.model().id());
        }
    }

    private void install(Role role, LoadedModel model) {
        serving.install(role, model);
        metrics.evaluation(role, model.id(), serving.evaluation(role));
    }

    /** A batch's deadline timer; a timer of a batch flushed earlier finds a later deadline and does nothing. */
    private void onBatchTimer(long time) throws Exception {
        if (batch.isDue(time)) {
            flush();
        }
    }

    private void onEvaluationTimer(long time) throws Exception {
        emitEvaluations(time);
        getProcessingTimeService().registerTimer(time + scoring.evalIntervalMs(), this::onEvaluationTimer);
    }

    /**
     * Scores the open batch before the barrier (as Flink's mini-batch operators do): every record
     * that entered before a checkpoint barrier has its output emitted before it, so a batch is never
     * part of a checkpoint; after a restore nothing is lost or repeated, and an exactly-once sink
     * commits a record's output with the checkpoint that covers its input.
     */
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
        LoadedModel shadow = serving.model(Role.SHADOW);
        state.snapshot(subtask(), serving.model(Role.PRIMARY).bytes(), shadow == null ? null : shadow.bytes(),
                scoredTotal.getLocalValuePrimitive());
    }

    private void flush() throws Exception {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<ParsedRecord> rows = batch.rows();
        serving.score(rows, ParsedRecord::input, (row, value) -> values.add(value));
        metrics.batchScored(rows.size(), System.nanoTime() - start);
        long now = System.currentTimeMillis();
        for (int i = 0; i < rows.size(); i++) {
            ParsedRecord r = rows.get(i);
            output.collect(reuse.replace(new KeyedValue(r.key(), values.get(i), r.timestamp()), r.timestamp()));
            metrics.emitted(now - r.timestamp());
        }
        scoredTotal.add(rows.size());
        values.clear();
        batch.clear();
    }

    /** One evaluation record per model in force whose figures changed since its last record. */
    private void emitEvaluations(long now) {
        if (scoring.emitEvaluations()) {
            for (KeyedValue kv : reporter.due(serving, now)) {
                output.collect(EVALUATIONS, new StreamRecord<>(kv, now));
            }
        }
    }

    private int subtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    private static String idOf(LoadedModel model) {
        return model == null ? "none" : model.id();
    }

    private static String idOf(ModelBytes model) {
        return model == null ? "none" : model.id();
    }
}
