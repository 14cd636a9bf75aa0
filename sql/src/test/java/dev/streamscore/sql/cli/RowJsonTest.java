package dev.streamscore.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

class RowJsonTest {
    @Test
    void rendersColumnsByNameWithTheirValues() {
        RowJson json = new RowJson(List.of(
                Column.physical("id", DataTypes.STRING()),
                Column.physical("n", DataTypes.INT()),
                Column.physical("p", DataTypes.ARRAY(DataTypes.DOUBLE())),
                Column.physical("loss", DataTypes.DOUBLE()),
                Column.physical("d", DataTypes.DECIMAL(5, 2)),
                Column.physical("r", DataTypes.ROW(DataTypes.FIELD("risk", DataTypes.FLOAT()), DataTypes.FIELD("ok", DataTypes.BOOLEAN()))),
                Column.physical("m", DataTypes.MAP(DataTypes.INT(), DataTypes.STRING())),
                Column.physical("t", DataTypes.TIMESTAMP(3)),
                Column.physical("b", DataTypes.BYTES()),
                Column.physical("none", DataTypes.INT())));
        Map<Integer, String> map = new LinkedHashMap<>();
        map.put(1, "one");
        Row row = Row.of("tx-1", 7, new Double[] {0.1, 1e-300, Double.NaN}, 0.35667494393873245, new BigDecimal("12.50"),
                Row.of(0.25f, true), map, LocalDateTime.of(2025, 1, 2, 3, 4, 5), new byte[] {1, 2}, null);
        assertEquals("{\"id\":\"tx-1\",\"n\":7,\"p\":[0.1,1.0E-300,\"NaN\"],\"loss\":0.35667494393873245,\"d\":12.50,"
                        + "\"r\":{\"risk\":0.25,\"ok\":true},\"m\":{\"1\":\"one\"},\"t\":\"2025-01-02T03:04:05\",\"b\":\"AQI=\",\"none\":null}",
                new String(json.render(row), StandardCharsets.UTF_8));
    }

    @Test
    void marksRowsOfAnUpdatingResultThatAreNotInsertions() {
        RowJson json = new RowJson(List.of(Column.physical("c", DataTypes.BIGINT())));
        assertEquals("{\"c\":1}", new String(json.render(Row.ofKind(RowKind.INSERT, 1L)), StandardCharsets.UTF_8));
        assertEquals("{\"$op\":\"-U\",\"c\":1}", new String(json.render(Row.ofKind(RowKind.UPDATE_BEFORE, 1L)), StandardCharsets.UTF_8));
        assertEquals("{\"$op\":\"+U\",\"c\":2}", new String(json.render(Row.ofKind(RowKind.UPDATE_AFTER, 2L)), StandardCharsets.UTF_8));
    }
}
