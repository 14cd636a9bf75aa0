package dev.streamscore.sql.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * Renders a result row as one compact JSON object: column names as keys, in column order. Doubles
 * are written as the shortest decimal that reads back to the same bits (as {@code score} writes
 * them); NaN and infinities, which JSON lacks, as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}; nested rows as objects, arrays as arrays, maps as objects (keys as text),
 * bytes as base64, times and dates in ISO-8601. A row of an updating result that is not an insertion
 * carries its kind under {@code "$op"} ({@code "-U"}, {@code "+U"}, {@code "-D"}).
 */
final class RowJson {
    static final String OP = "$op";
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private final List<Column> columns;

    RowJson(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The row as UTF-8 JSON, without a line break. */
    byte[] render(Row row) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(256);
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            if (row.getKind() != RowKind.INSERT) {
                g.writeStringField(OP, row.getKind().shortString());
            }
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                g.writeFieldName(column.getName());
                value(g, row.getField(i), column.getDataType().getLogicalType());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** Writes {@code v} of SQL type {@code type} (the type names nested row fields; it may be null when unknown). */
    private static void value(JsonGenerator g, Object v, LogicalType type) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof byte[] bytes) {
            g.writeBinary(bytes);
        } else if (v instanceof Row r) {
            row(g, r, type instanceof RowType rt ? rt : null);
        } else if (v instanceof Map<?, ?> map) {
            LogicalType valueType = type instanceof MapType mt ? mt.getValueType() : null;
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue(), valueType);
            }
            g.writeEndObject();
        } else if (v.getClass().isArray()) {
            LogicalType elementType = type instanceof ArrayType at ? at.getElementType() : null;
            g.writeStartArray();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                value(g, Array.get(v, i), elementType);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    private static void row(JsonGenerator g, Row r, RowType type) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < r.getArity(); i++) {
            String name = type != null && i < type.getFieldCount() ? type.getFieldNames().get(i) : String.format("f%d", i);
            g.writeFieldName(name);
            value(g, r.getField(i), type != null && i < type.getFieldCount() ? type.getTypeAt(i) : null);
        }
        g.writeEndObject();
    }
}
