package dev.streamscore.sql.provider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * The OUTPUT columns a streamscore model can fill, chosen by name. All are NULL for a row that
 * cannot be scored (so none may be declared NOT NULL); {@link #LOSS} is also NULL for a row whose
 * label is NULL.
 */
public enum OutputColumn {
    /** {@code ARRAY<DOUBLE>}: the class probabilities. */
    PROBABILITIES("probabilities", "ARRAY<DOUBLE>"),
    /** {@code INT}: the arg-max of the probabilities, lowest index on ties. */
    PREDICTED("predicted", "INT"),
    /** {@code DOUBLE}: the cross-entropy from the logits by log-sum-exp (needs 'label-column'). */
    LOSS("loss", "DOUBLE"),
    /** {@code STRING}: {@code name@version}. */
    MODEL("model", "STRING"),
    /** {@code ARRAY<DOUBLE>}: {@code log pⱼ = (zⱼ - m) - log Σₖ e^(zₖ - m)} from the logits z. */
    LOG_PROBABILITIES("log_probabilities", "ARRAY<DOUBLE>"),
    /** {@code ARRAY<DOUBLE>}: the logits, the loss's input. */
    LOGITS("logits", "ARRAY<DOUBLE>");

    private final String columnName;
    private final String typeName;

    OutputColumn(String columnName, String typeName) {
        this.columnName = columnName;
        this.typeName = typeName;
    }

    public String columnName() {
        return columnName;
    }

    /** The SQL type the column must be declared with. */
    public String typeName() {
        return typeName;
    }

    private boolean accepts(LogicalType type) {
        return switch (this) {
            case PROBABILITIES, LOG_PROBABILITIES, LOGITS -> type.getTypeRoot() == LogicalTypeRoot.ARRAY
                    && ((ArrayType) type).getElementType().getTypeRoot() == LogicalTypeRoot.DOUBLE;
            case PREDICTED -> type.getTypeRoot() == LogicalTypeRoot.INTEGER;
            case LOSS -> type.getTypeRoot() == LogicalTypeRoot.DOUBLE;
            case MODEL -> type.getTypeRoot() == LogicalTypeRoot.VARCHAR
                    && ((VarCharType) type).getLength() == VarCharType.MAX_LENGTH;
        };
    }

    /**
     * The outputs named by a model's OUTPUT schema, in its order.
     *
     * @param labelled whether the model has a 'label-column'
     * @throws ValidationException naming the column, what it must be, and the valid choices, when a
     *                             column is unknown, repeated, of the wrong type, declared NOT NULL
     *                             although it can be NULL, or is {@code loss} without a label column
     */
    public static OutputColumn[] bind(ResolvedSchema output, boolean labelled) {
        List<OutputColumn> bound = new ArrayList<>();
        for (Column column : output.getColumns()) {
            OutputColumn out = byName(column.getName());
            LogicalType type = column.getDataType().getLogicalType();
            if (!out.accepts(type)) {
                throw new ValidationException(String.format(
                        "OUTPUT column '%s' is declared %s; it must be %s", column.getName(), type, out.typeName));
            }
            if (!type.isNullable()) {
                throw new ValidationException(String.format(
                        "OUTPUT column '%s' is declared NOT NULL, but it is NULL for a row that cannot be scored; "
                                + "declare it %s", column.getName(), out.typeName));
            }
            if (out == LOSS && !labelled) {
                throw new ValidationException(String.format(
                        "OUTPUT column '%s' needs the option '%s' (the INPUT column that holds the label)",
                        column.getName(), ModelOptions.LABEL_COLUMN.key()));
            }
            if (bound.contains(out)) {
                throw new ValidationException(String.format("OUTPUT column '%s' appears twice", column.getName()));
            }
            bound.add(out);
        }
        if (bound.isEmpty()) {
            throw new ValidationException(String.format("the OUTPUT has no columns; choose from %s", choices()));
        }
        return bound.toArray(new OutputColumn[0]);
    }

    private static OutputColumn byName(String name) {
        for (OutputColumn c : values()) {
            if (c.columnName.equals(name)) {
                return c;
            }
        }
        throw new ValidationException(String.format(
                "OUTPUT column '%s' is not an output of a streamscore model; choose from %s", name, choices()));
    }

    /** {@code probabilities ARRAY<DOUBLE>, predicted INT, ...}. */
    static String choices() {
        return Arrays.stream(values())
                .map(c -> String.format("%s %s", c.columnName, c.typeName))
                .collect(Collectors.joining(", "));
    }
}
