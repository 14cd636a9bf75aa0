package dev.streamscore.sql.provider;

import dev.streamscore.sql.engine.EngineModel;
import dev.streamscore.sql.engine.Prediction;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.PredictFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores each input row of ML_PREDICT with the streamscore engine and returns exactly one output
 * row: the OUTPUT columns in their declared order. A row that cannot be scored (a NULL or
 * non-finite feature, an array of the wrong length, a bad label) gets NULL outputs and counts in
 * {@code invalidRows}; it never fails the job.
 *
 * <p>The model is read from its path when the instance opens and must be the file the statement
 * was planned with (same content digest).
 */
public final class StreamscorePredictFunction extends PredictFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamscorePredictFunction.class);

    private final ModelBinding binding;
    private transient EngineModel engine;
    private transient RowReader reader;
    private transient PredictMetrics metrics;
    private transient boolean invalidLogged;

    StreamscorePredictFunction(ModelBinding binding) {
        this.binding = binding;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        open(context.getMetricGroup());
    }

    /**
     * Loads the model and registers the metrics on {@code group}.
     *
     * @throws IOException when the file cannot be read or no longer has the content it was planned with
     */
    void open(MetricGroup group) throws IOException {
        byte[] bytes = ModelFile.read(new Path(binding.path()));
        String digest = EngineModel.contentVersion(bytes);
        if (!digest.equals(binding.contentDigest())) {
            throw new IOException(String.format(
                    "model file %s changed since the statement was planned: content %s, planned with %s; plan the statement again",
                    binding.path(), digest, binding.contentDigest()));
        }
        engine = EngineModel.load(bytes, binding.defaultName(), binding.version());
        reader = new RowReader(binding.input());
        metrics = new PredictMetrics(group);
    }

    @Override
    public Collection<RowData> predict(RowData input) {
        String invalid;
        try {
            invalid = reader.read(input);
        } catch (RuntimeException e) {
            // a value of a type Flink should not have passed: still the row's problem, not the job's
            invalid = String.format("the row cannot be read: %s", e);
        }
        if (invalid != null) {
            metrics.invalid();
            logInvalid(invalid);
            return List.of(new GenericRowData(binding.outputs().length));
        }
        long start = System.nanoTime();
        Prediction p = engine.score(reader.features(), reader.labelIndex(), reader.labelDistribution());
        if (p.problem() != null) {
            metrics.invalid();
            logInvalid(p.problem());
            return List.of(new GenericRowData(binding.outputs().length));
        }
        metrics.scored(System.nanoTime() - start);
        return List.of(output(p));
    }

    /** The first invalid row of this instance is logged as a warning, the rest at debug level. */
    private void logInvalid(String reason) {
        if (!invalidLogged) {
            invalidLogged = true;
            LOG.warn("ML_PREDICT with model {}: a row cannot be scored, its outputs are NULL ({}); "
                    + "further such rows are counted in the metric {} and logged at debug level",
                    binding.modelId(), reason, PredictMetrics.INVALID_ROWS);
        } else {
            LOG.debug("ML_PREDICT with model {}: a row cannot be scored ({})", binding.modelId(), reason);
        }
    }

    private GenericRowData output(Prediction p) {
        OutputColumn[] outputs = binding.outputs();
        GenericRowData row = new GenericRowData(outputs.length);
        for (int i = 0; i < outputs.length; i++) {
            row.setField(i, switch (outputs[i]) {
                case PROBABILITIES -> new GenericArrayData(p.probabilities());
                case PREDICTED -> p.predicted();
                case LOSS -> p.hasLoss() ? p.loss() : null;
                case MODEL -> StringData.fromString(binding.modelId());
                case LOG_PROBABILITIES -> new GenericArrayData(EngineModel.logProbabilities(p.logits()));
                case LOGITS -> new GenericArrayData(p.logits());
            });
        }
        return row;
    }
}
