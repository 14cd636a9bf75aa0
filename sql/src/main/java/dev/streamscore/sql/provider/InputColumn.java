package dev.streamscore.sql.provider;

import java.io.Serializable;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * One INPUT column of a model and how its value is read from the row ML_PREDICT passes in.
 *
 * @param name      the column's name, for messages
 * @param position  its index in the input row (the DESCRIPTOR's order, which is the INPUT's)
 * @param kind      how to read it
 * @param precision a DECIMAL's precision (0 otherwise)
 * @param scale     a DECIMAL's scale (0 otherwise)
 */
record InputColumn(String name, int position, Kind kind, int precision, int scale) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The SQL types a column may have, read as float64. */
    enum Kind {
        TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL, ARRAY_OF_DOUBLE, ARRAY_OF_FLOAT;

        boolean isArray() {
            return this == ARRAY_OF_DOUBLE || this == ARRAY_OF_FLOAT;
        }

        boolean isInteger() {
            return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
        }
    }

    /** The kind of a SQL type, or null when the type cannot be read as numbers. */
    static Kind kindOf(LogicalType type) {
        return switch (type.getTypeRoot()) {
            case TINYINT -> Kind.TINYINT;
            case SMALLINT -> Kind.SMALLINT;
            case INTEGER -> Kind.INTEGER;
            case BIGINT -> Kind.BIGINT;
            case FLOAT -> Kind.FLOAT;
            case DOUBLE -> Kind.DOUBLE;
            case DECIMAL -> Kind.DECIMAL;
            case ARRAY -> {
                LogicalTypeRoot element = ((ArrayType) type).getElementType().getTypeRoot();
                yield element == LogicalTypeRoot.DOUBLE ? Kind.ARRAY_OF_DOUBLE
                        : element == LogicalTypeRoot.FLOAT ? Kind.ARRAY_OF_FLOAT : null;
            }
            default -> null;
        };
    }

    static InputColumn of(String name, int position, LogicalType type, Kind kind) {
        if (kind == Kind.DECIMAL) {
            DecimalType decimal = (DecimalType) type;
            return new InputColumn(name, position, kind, decimal.getPrecision(), decimal.getScale());
        }
        return new InputColumn(name, position, kind, 0, 0);
    }
}
