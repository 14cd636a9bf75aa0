package dev.streamscore.job.pipeline;

import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.serving.EvaluationReporter;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.serving.ModelServing;
import dev.streamscore.job.serving.ModelUpdate;
import dev.streamscore.job.serving.Role;
import dev.streamscore.job.serving.UpdateDecision;
import dev.streamscore.job.serving.UpdateValidator;
import dev.streamscore.kernel.DenseKernels;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The Flink face of scoring: raw records on input 1, model updates (broadcast) on input 2. It
 * wires Flink's hooks to plain-Java parts: {@link RecordParser} (a record or a dead letter),
 * {@link RecordBatch} (when to score, and each row's result), {@link ModelServing} (scoring and evaluation),
 * {@link UpdateValidator} (whether an update may take over), {@link ModelState} (the models in
 * force in managed state) and {@link EvaluationReporter}. Nothing in a record can fail the job:
 * whatever goes wrong with one becomes its dead letter.
 */
public final class ScoringOperator extends AbstractStreamOperator<KeyedValue>
        implements TwoInputStreamOperator<RawKafkaRecord, ModelUpdate, KeyedValue>, BoundedMultiInput {
    private static final long serialVersionUID = 4L;

    /** Accumulator and counter name: records in (each is scored or dead-lettered: in = scored + dead letters). */
    public static final String RECORDS_IN = "recordsIn";
    /** Accumulator and counter name: records scored. */
    public static final String SCORED = "recordsScored";
    /** Accumulator and counter name: records dead-lettered. */
    public static final String DEAD_LETTERS_COUNT = "deadLetters";
    /** Dead letters of records, rendered for the dead-letter topic (key and timestamp of the record). */
    public static final OutputTag<KeyedValue> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(KeyedValue.class));
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
    private final RecordLayout layout;
    private final JobOptions.Scoring scoring;

    private transient ModelState state;
    private transient RecordParser parser;
    private transient ModelServing serving;
    private transient UpdateValidator validator;
    private transient RecordBatch batch;
    private transient StreamRecord<KeyedValue> reuse;
    private transient ScoringMetrics metrics;
    private transient EvaluationReporter reporter;

    /**
     * @param model      the primary model unless restored state holds one
     * @param shadow     the shadow model (or null for none) unless restored state says otherwise
     * @param inputWidth the input width records are validated against
     * @param classes    the class count labels are validated against
     * @param layout     where the records' features, label and id are
     */
    public ScoringOperator(ModelBytes model, ModelBytes shadow, int inputWidth, int classes, RecordLayout layout,
                           JobOptions.Scoring scoring) {
        this.initialModel = model;
        this.initialShadow = shadow;
        this.inputWidth = inputWidth;
        this.classes = classes;
        this.layout = layout;
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
        parser = new RecordParser(inputWidth, classes, scoring.maxRecordBytes(), layout);
        batch = new RecordBatch(scoring.batchSize(), scoring.batchTimeoutMs());
        reuse = new StreamRecord<>(null);
        serving = new ModelServing(inputWidth, classes, scoring.evalWindow());
        validator = new UpdateValidator(inputWidth, classes, layout, scoring.batchSize(),
                scoring.maxModelBytes(), scoring.modelSigningKey());
        reporter = new EvaluationReporter(subtask());
        metrics = new ScoringMetrics(getMetricGroup(), getRuntimeContext(), state.scored(), state.deadLetters(),
                this::modelId, this::shadowId);
        install(Role.PRIMARY, LoadedModel.load(state.primary(), scoring.batchSize()));
        if (subtask() == 0) {
            // which engine kernel this TaskManager's JVM runs: vector needs --add-modules jdk.incubator.vector
            LOG.info("Engine kernels: {}", DenseKernels.best().description());
        }
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

    /**
     * A record is parsed: a valid one joins the open batch, which is scored when full, or at its
     * deadline (a timer set by its first row); anything else is a dead letter.
     */
    @Override
    public void processElement1(StreamRecord<RawKafkaRecord> element) throws Exception {
        RawKafkaRecord raw = element.getValue();
        metrics.recordIn();
        ParseResult parsed = parser.parse(raw.value(), raw.size(), raw);
        if (parsed instanceof DeadLetter dead) {
            deadLetter(raw, dead);
            return;
        }
        boolean first = batch.isEmpty();
        if (batch.add(raw, (InputRecord) parsed, getProcessingTimeService().getCurrentProcessingTime())) {
            flush();
        } else if (first) {
            getProcessingTimeService().registerTimer(batch.deadline(), this::onBatchTimer);
        }
    }

    private void deadLetter(RawKafkaRecord raw, DeadLetter dead) {
        byte[] value = RecordWriter.deadLetter(dead, scoring.deadLetterMaxRawBytes());
        output.collect(DEAD_LETTERS, new StreamRecord<>(new KeyedValue(raw.key(), value, raw.timestamp()), raw.timestamp()));
        metrics.deadLetter();
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
                output.collect(MODEL_DEAD_LETTERS, new StreamRecord<>(refusal.deadLetter(update, scoring.deadLetterMaxRawBytes()),
                        update.timestamp()));
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
                metrics.scoredTotal(), metrics.deadLetterTotal());
    }

    /** Scores the open batch and emits each row's output, or its dead letter when it has no usable score. */
    private void flush() throws Exception {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        int rows = batch.size();
        batch.score(serving);
        long scoredAt = System.currentTimeMillis();
        long nanos = System.nanoTime() - start;
        int scored = batch.drain(new RecordBatch.Emitter() {
            @Override
            public void scored(RawKafkaRecord raw, byte[] value) {
                output.collect(reuse.replace(new KeyedValue(raw.key(), value, raw.timestamp()), raw.timestamp()));
                metrics.emitted(scoredAt - raw.timestamp());
            }

            @Override
            public void deadLetter(RawKafkaRecord raw, DeadLetter deadLetter) {
                ScoringOperator.this.deadLetter(raw, deadLetter);
            }
        });
        metrics.batchScored(rows, scored, nanos);
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
