package dev.streamscore.sql.provider;

import java.io.Serializable;
import org.apache.flink.table.functions.PredictFunction;
import org.apache.flink.table.ml.ModelProvider;
import org.apache.flink.table.ml.PredictRuntimeProvider;

/**
 * Gives the planner a {@link StreamscorePredictFunction} for a model bound to its columns. Flink
 * serialises it into the plan; it holds only the {@link ModelBinding}.
 */
final class StreamscorePredictProvider implements PredictRuntimeProvider, Serializable {
    private static final long serialVersionUID = 1L;

    private final ModelBinding binding;

    StreamscorePredictProvider(ModelBinding binding) {
        this.binding = binding;
    }

    @Override
    public PredictFunction createPredictFunction(ModelProvider.Context context) {
        return new StreamscorePredictFunction(binding);
    }

    @Override
    public ModelProvider copy() {
        return new StreamscorePredictProvider(binding);
    }

    ModelBinding binding() {
        return binding;
    }
}
