package dev.streamscore.sql.provider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogModel;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogModel;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.ml.ModelProvider;

/**
 * Models as the planner hands them to the provider: {@link FactoryUtil#createModelProvider} with a
 * resolved INPUT and OUTPUT schema and the options, as when a statement with ML_PREDICT is planned.
 */
final class Models {
    static final Path DIGITS_ONNX = Path.of("../demo/digits.onnx");
    static final Path DIGITS_JSON = Path.of("../demo/digits.json");
    static final ObjectIdentifier ID = ObjectIdentifier.of("default_catalog", "default_database", "m");

    private Models() {}

    /** {@code p0 DOUBLE, ..., p63 DOUBLE}. */
    static List<Column> pixels() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            columns.add(Column.physical(String.format("p%d", i), DataTypes.DOUBLE()));
        }
        return columns;
    }

    /** {@code pixels} then {@code extra}. */
    static List<Column> pixelsAnd(Column... extra) {
        List<Column> columns = pixels();
        columns.addAll(List.of(extra));
        return columns;
    }

    /**
     * The provider the factory makes for these columns and options (the identifier {@code m}).
     *
     * @throws org.apache.flink.table.api.ValidationException "Unable to create a model provider for
     *         model ..." whose cause is the factory's refusal
     */
    static ModelProvider provider(List<Column> input, List<Column> output, Map<String, String> options) {
        ResolvedSchema in = ResolvedSchema.of(input);
        ResolvedSchema out = ResolvedSchema.of(output);
        CatalogModel model = CatalogModel.of(Schema.newBuilder().fromResolvedSchema(in).build(),
                Schema.newBuilder().fromResolvedSchema(out).build(), options, null);
        return FactoryUtil.createModelProvider(new StreamscoreModelProviderFactory(), ID,
                ResolvedCatalogModel.of(model, in, out), new Configuration(), Models.class.getClassLoader(), false);
    }

    /** The opened predict function of {@link #provider}, with its metrics on {@code metrics}. */
    static StreamscorePredictFunction function(List<Column> input, List<Column> output, Map<String, String> options,
                                               RecordingMetricGroup metrics) throws Exception {
        StreamscorePredictProvider provider = (StreamscorePredictProvider) provider(input, output, options);
        StreamscorePredictFunction function = (StreamscorePredictFunction) provider.createPredictFunction(null);
        function.open(metrics);
        return function;
    }

    /** The options of the digits model with a label column. */
    static Map<String, String> digits(Path model, String labelColumn) {
        return labelColumn == null
                ? Map.of("provider", "streamscore", "path", model.toString())
                : Map.of("provider", "streamscore", "path", model.toString(), "label-column", labelColumn);
    }
}
