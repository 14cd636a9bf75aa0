package dev.streamscore.sql.provider;

import dev.streamscore.sql.engine.EngineModel;
import java.io.IOException;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ResolvedCatalogModel;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.ModelProviderFactory;
import org.apache.flink.table.ml.ModelProvider;

/**
 * The model provider {@code 'provider' = 'streamscore'}: exact, in-JVM scoring of ONNX and
 * streamscore JSON models with ML_PREDICT. When a statement using the model is planned, the model
 * file is read and compiled and the INPUT and OUTPUT columns are checked against it (see
 * {@link InputLayout} and {@link OutputColumn}); anything that does not fit is refused then, with a
 * message naming the column, what it must be, and the valid choices.
 */
public final class StreamscoreModelProviderFactory implements ModelProviderFactory {
    public static final String IDENTIFIER = "streamscore";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(ModelOptions.PATH);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(ModelOptions.LABEL_COLUMN, ModelOptions.NAME, ModelOptions.VERSION);
    }

    @Override
    public ModelProvider createModelProvider(Context context) {
        FactoryUtil.ModelProviderFactoryHelper helper = FactoryUtil.createModelProviderFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        String pathOption = options.get(ModelOptions.PATH);
        Path path;
        byte[] bytes;
        try {
            path = ModelFile.qualify(pathOption);
            bytes = ModelFile.read(path);
        } catch (IOException e) {
            throw new ValidationException(String.format(
                    "cannot read the model file '%s' = '%s': %s", ModelOptions.PATH.key(), pathOption, e.getMessage()), e);
        }
        String defaultName = ModelFile.defaultName(path);
        String version = options.getOptional(ModelOptions.VERSION).orElse(null);
        EngineModel engine;
        try {
            engine = EngineModel.load(bytes, defaultName, version);
        } catch (RuntimeException e) {
            throw new ValidationException(String.format(
                    "the model file '%s' = '%s' is not a model streamscore can score: %s",
                    ModelOptions.PATH.key(), pathOption, e.getMessage()), e);
        }
        String name = options.getOptional(ModelOptions.NAME).orElse(engine.name());
        String modelId = String.format("%s@%s", name, engine.version());
        ResolvedCatalogModel model = context.getCatalogModel();
        String labelColumn = options.getOptional(ModelOptions.LABEL_COLUMN).orElse(null);
        InputLayout input = InputLayout.bind(
                model.getResolvedInputSchema(), labelColumn, engine.inputWidth(), engine.classes(), modelId);
        OutputColumn[] outputs = OutputColumn.bind(model.getResolvedOutputSchema(), labelColumn != null);
        return new StreamscorePredictProvider(new ModelBinding(path.toString(), EngineModel.contentVersion(bytes),
                defaultName, version, modelId, input, outputs));
    }
}
