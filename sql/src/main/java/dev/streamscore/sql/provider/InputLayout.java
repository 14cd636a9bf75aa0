package dev.streamscore.sql.provider;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * How a model's INPUT columns make its feature vector and label, checked against the model when the
 * statement is planned. Numeric columns (TINYINT to BIGINT, FLOAT, DOUBLE, DECIMAL) are one
 * feature each, {@code ARRAY<DOUBLE>} and {@code ARRAY<FLOAT>} columns contribute their elements;
 * features are concatenated in INPUT order. The label column, if any, is not a feature.
 *
 * @param features    the feature columns, in INPUT order
 * @param label       the label column, or null
 * @param inputWidth  the model's input width
 * @param classes     the model's classes (for the label's checks)
 */
record InputLayout(List<InputColumn> features, InputColumn label, int inputWidth, int classes) implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String NUMERIC_TYPES = "TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, ARRAY<DOUBLE> or ARRAY<FLOAT>";
    static final String LABEL_TYPES = "TINYINT, SMALLINT, INT or BIGINT (a class index) or ARRAY<DOUBLE> or ARRAY<FLOAT> (class weights)";

    InputLayout {
        features = List.copyOf(features);
    }

    /** True when some feature column is an array: the total width is then known per row only. */
    boolean hasArrays() {
        return features.stream().anyMatch(c -> c.kind().isArray());
    }

    /**
     * Binds a model's INPUT schema to a model of {@code inputWidth} features and {@code classes} classes.
     *
     * @param labelColumn the 'label-column' option, or null
     * @throws ValidationException naming the column, its type or the widths, and the valid choices,
     *                             when a column is of a type that is not numbers, the label column
     *                             is missing or of the wrong type, or the scalar columns cannot fit
     *                             the model's width
     */
    static InputLayout bind(ResolvedSchema input, String labelColumn, int inputWidth, int classes, String modelId) {
        List<Column> columns = input.getColumns();
        if (labelColumn != null && columns.stream().noneMatch(c -> c.getName().equals(labelColumn))) {
            throw new ValidationException(String.format("option '%s' = '%s' names no INPUT column; the INPUT columns are %s",
                    ModelOptions.LABEL_COLUMN.key(), labelColumn, names(columns)));
        }
        List<InputColumn> features = new ArrayList<>();
        InputColumn label = null;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            LogicalType type = column.getDataType().getLogicalType();
            InputColumn.Kind kind = InputColumn.kindOf(type);
            if (column.getName().equals(labelColumn)) {
                if (kind == null || kind == InputColumn.Kind.FLOAT || kind == InputColumn.Kind.DOUBLE
                        || kind == InputColumn.Kind.DECIMAL) {
                    throw new ValidationException(String.format("INPUT column '%s' (the label column) is declared %s; it must be %s",
                            column.getName(), type, LABEL_TYPES));
                }
                label = InputColumn.of(column.getName(), i, type, kind);
                continue;
            }
            if (kind == null) {
                throw new ValidationException(String.format("INPUT column '%s' is declared %s; a feature column must be %s",
                        column.getName(), type, NUMERIC_TYPES));
            }
            features.add(InputColumn.of(column.getName(), i, type, kind));
        }
        InputLayout layout = new InputLayout(features, label, inputWidth, classes);
        layout.checkWidth(modelId);
        return layout;
    }

    private void checkWidth(String modelId) {
        long scalars = features.stream().filter(c -> !c.kind().isArray()).count();
        if (features.isEmpty()) {
            throw new ValidationException(String.format(
                    "the INPUT has no feature columns; model %s takes %d features (columns of type %s)",
                    modelId, inputWidth, NUMERIC_TYPES));
        }
        if (!hasArrays() && scalars != inputWidth) {
            throw new ValidationException(String.format(
                    "the INPUT feature columns %s give %d features; model %s takes %d (one per numeric column, "
                            + "the elements of ARRAY<DOUBLE> and ARRAY<FLOAT> columns)",
                    featureNames(), scalars, modelId, inputWidth));
        }
        if (hasArrays() && scalars > inputWidth) {
            throw new ValidationException(String.format(
                    "the scalar INPUT feature columns %s give %d features; model %s takes %d in all, arrays included",
                    featureNames(), scalars, modelId, inputWidth));
        }
    }

    private String featureNames() {
        return features.stream().map(InputColumn::name).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(Column::getName).collect(Collectors.joining(", ", "[", "]"));
    }
}
