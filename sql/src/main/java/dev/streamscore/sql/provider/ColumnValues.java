package dev.streamscore.sql.provider;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryArrayData;

/**
 * Reads numbers from the row ML_PREDICT passes in by the values' actual types. Flink 2.2 checks that
 * each DESCRIPTOR column can be implicitly cast to its INPUT column's type but does not cast it: an
 * INT table column arrives as an Integer for a DOUBLE input, an {@code ARRAY<DECIMAL>} as decimal
 * elements for an {@code ARRAY<DOUBLE>} input. Scalars and the elements of generic arrays carry their
 * type and are read exactly (integers and FLOAT widen to float64, DECIMAL rounds to the nearest
 * float64). Binary arrays do not; their size tells 8-byte from 4-, 2- and 1-byte elements, so an
 * array of another width than the declared element type is refused, while BIGINT and compact
 * DECIMAL elements (also 8 bytes) cannot be told from DOUBLE.
 */
final class ColumnValues {
    private ColumnValues() {}

    /**
     * The number in the column's field (not NULL) as float64.
     *
     * @throws IllegalArgumentException when the value is not a number
     */
    static double scalar(RowData row, InputColumn column) {
        final int pos = column.position();
        if (row instanceof GenericRowData generic) {
            return number(generic.getField(pos));
        }
        return switch (column.kind()) {
            case TINYINT -> row.getByte(pos);
            case SMALLINT -> row.getShort(pos);
            case INTEGER -> row.getInt(pos);
            case BIGINT -> row.getLong(pos);
            case FLOAT -> row.getFloat(pos);
            case DOUBLE -> row.getDouble(pos);
            case DECIMAL -> row.getDecimal(pos, column.precision(), column.scale()).toBigDecimal().doubleValue();
            case ARRAY_OF_DOUBLE, ARRAY_OF_FLOAT -> throw new IllegalArgumentException(
                    String.format("column '%s' is an array, not a number", column.name()));
        };
    }

    /** True when field {@code pos} (not NULL) holds an integer (TINYINT to BIGINT), not FLOAT, DOUBLE or DECIMAL. */
    static boolean isInteger(RowData row, int pos) {
        if (row instanceof GenericRowData generic) {
            Object v = generic.getField(pos);
            return v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long;
        }
        return true;
    }

    /**
     * A boxed number of any SQL numeric type as float64.
     *
     * @throws IllegalArgumentException naming the class when the value is not a number
     */
    static double number(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof DecimalData d) {
            return d.toBigDecimal().doubleValue();
        }
        throw new IllegalArgumentException(String.format(
                "a %s is not a number", value == null ? "NULL" : value.getClass().getSimpleName()));
    }

    /**
     * Copies the elements of {@code array} into {@code out[offset ..]}.
     *
     * @param declared {@link InputColumn.Kind#ARRAY_OF_DOUBLE} or {@link InputColumn.Kind#ARRAY_OF_FLOAT}
     * @return null when done, else why the array cannot be read: a NULL element (its index), an element
     *         that is not a finite number, or binary elements of another width than the declared type's
     */
    static String copyArray(ArrayData array, InputColumn.Kind declared, double[] out, int offset) {
        final int n = array.size();
        if (array instanceof GenericArrayData generic) {
            Object[] elements = generic.toObjectArray();
            for (int i = 0; i < n; i++) {
                if (elements[i] == null) {
                    return String.format("has a NULL at index %d", i);
                }
                double v = number(elements[i]);
                if (!Double.isFinite(v)) {
                    return String.format("has %s at index %d", v, i);
                }
                out[offset + i] = v;
            }
            return null;
        }
        boolean doubles = declared == InputColumn.Kind.ARRAY_OF_DOUBLE;
        if (array instanceof BinaryArrayData binary && binary.getSizeInBytes() != binarySize(n, doubles ? 8 : 4)) {
            return String.format("does not hold %s elements (Flink passes the table column as it is: CAST it to %s)",
                    doubles ? "DOUBLE" : "FLOAT", doubles ? "ARRAY<DOUBLE>" : "ARRAY<FLOAT>");
        }
        for (int i = 0; i < n; i++) {
            if (array.isNullAt(i)) {
                return String.format("has a NULL at index %d", i);
            }
            double v = doubles ? array.getDouble(i) : array.getFloat(i);
            if (!Double.isFinite(v)) {
                return String.format("has %s at index %d", v, i);
            }
            out[offset + i] = v;
        }
        return null;
    }

    /** The size of a binary array of n fixed-width elements: header and values, padded to 8 bytes. */
    private static long binarySize(int n, int elementBytes) {
        long fixed = BinaryArrayData.calculateHeaderInBytes(n) + (long) elementBytes * n;
        return (fixed + 7) / 8 * 8;
    }
}
