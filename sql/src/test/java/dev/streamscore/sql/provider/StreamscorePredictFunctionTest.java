package dev.streamscore.sql.provider;

import static dev.streamscore.sql.provider.Models.DIGITS_JSON;
import static dev.streamscore.sql.provider.Models.DIGITS_ONNX;
import static dev.streamscore.sql.provider.Models.digits;
import static dev.streamscore.sql.provider.Models.pixelsAnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.sql.testing.Json;
import dev.streamscore.sql.testing.OfflineScores;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryArrayData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predict function against {@code ./streamscore score} on the demo data set: the same bits for
 * the same feature vector, whatever the model format or the shape of the INPUT columns; and NULL
 * outputs, counted, for rows that cannot be scored.
 */
class StreamscorePredictFunctionTest {
    private static final List<Column> ALL_OUTPUTS = List.of(
            Column.physical("probabilities", DataTypes.ARRAY(DataTypes.DOUBLE())),
            Column.physical("predicted", DataTypes.INT()),
            Column.physical("loss", DataTypes.DOUBLE()),
            Column.physical("model", DataTypes.STRING()),
            Column.physical("log_probabilities", DataTypes.ARRAY(DataTypes.DOUBLE())),
            Column.physical("logits", DataTypes.ARRAY(DataTypes.DOUBLE())));
    private static final Column LABEL = Column.physical("label", DataTypes.INT());

    @TempDir
    static Path dir;
    private static DigitsRows rows;

    @BeforeAll
    static void readData() throws IOException {
        rows = DigitsRows.read();
    }

    private static GenericRowData pixelRow(double[] features, Object label) {
        GenericRowData row = new GenericRowData(65);
        for (int i = 0; i < 64; i++) {
            row.setField(i, features[i]);
        }
        row.setField(64, label);
        return row;
    }

    private static RowData only(Collection<RowData> out) {
        assertEquals(1, out.size());
        return out.iterator().next();
    }

    private static double[] doubles(ArrayData a) {
        return a.toDoubleArray();
    }

    /** probabilities, predicted, loss and model as {@code score} wrote them, compared bit for bit. */
    private static void assertSameAsScore(JsonNode expected, RowData actual) {
        assertArrayEquals(Json.doubles(expected.get("probabilities")), doubles(actual.getArray(0)), 0.0,
                expected.get("id").asText());
        for (int j = 0; j < 10; j++) {
            assertEquals(Double.doubleToLongBits(expected.get("probabilities").get(j).asDouble()),
                    Double.doubleToLongBits(actual.getArray(0).getDouble(j)));
        }
        assertEquals(expected.get("predicted").asInt(), actual.getInt(1));
        assertEquals(Double.doubleToLongBits(expected.get("loss").asDouble()), Double.doubleToLongBits(actual.getDouble(2)));
        assertEquals(expected.get("model").asText(), actual.getString(3).toString());
    }

    @Test
    void scoresEveryDemoRecordWithTheSameBitsAsScore() throws Exception {
        for (Path model : List.of(DIGITS_ONNX, DIGITS_JSON)) {
            Map<String, JsonNode> expected = OfflineScores.score(model, DigitsRows.FILE, dir);
            RecordingMetricGroup metrics = new RecordingMetricGroup();
            StreamscorePredictFunction f = Models.function(pixelsAnd(LABEL), ALL_OUTPUTS, digits(model, "label"), metrics);
            for (int r = 0; r < rows.size(); r++) {
                RowData out = only(f.predict(pixelRow(rows.features().get(r), rows.labels().get(r))));
                JsonNode score = expected.get(rows.ids().get(r));
                assertSameAsScore(score, out);
                // log-probabilities come from the loss's own numbers: log p[label] is -loss exactly
                double[] logP = doubles(out.getArray(4));
                assertEquals(Double.doubleToLongBits(-out.getDouble(2)), Double.doubleToLongBits(logP[rows.labels().get(r)]));
                double[] logits = doubles(out.getArray(5));
                double[] p = doubles(out.getArray(0));
                for (int j = 0; j < 10; j++) {
                    assertEquals(p[j], Math.exp(logP[j]), 1e-15);
                    assertEquals(logP[j] - logP[0], logits[j] - logits[0], 1e-12);
                }
            }
            assertEquals(rows.size(), metrics.count(PredictMetrics.ROWS_SCORED));
            assertEquals(0, metrics.count(PredictMetrics.INVALID_ROWS));
            assertEquals(rows.size(), metrics.histograms.get(PredictMetrics.SCORING_MICROS).getCount());
        }
    }

    /** One {@code ARRAY<DOUBLE>} per image row (8 pixels) instead of 64 scalar columns: the same bits. */
    @Test
    void arrayColumnsGiveTheSameBits() throws Exception {
        Map<String, JsonNode> expected = OfflineScores.score(DIGITS_ONNX, DigitsRows.FILE, dir);
        List<Column> input = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            input.add(Column.physical(String.format("row%d", i), DataTypes.ARRAY(DataTypes.DOUBLE())));
        }
        input.add(LABEL);
        StreamscorePredictFunction f = Models.function(input, ALL_OUTPUTS.subList(0, 4), digits(DIGITS_ONNX, "label"),
                new RecordingMetricGroup());
        for (int r = 0; r < rows.size(); r++) {
            double[] x = rows.features().get(r);
            GenericRowData row = new GenericRowData(9);
            for (int i = 0; i < 8; i++) {
                double[] part = Arrays.copyOfRange(x, 8 * i, 8 * i + 8);
                // both representations Flink uses: boxed elements (e.g. from the json format) and binary arrays
                row.setField(i, r % 2 == 0 ? BinaryArrayData.fromPrimitiveArray(part)
                        : new GenericArrayData(Arrays.stream(part).boxed().toArray()));
            }
            row.setField(8, rows.labels().get(r));
            assertSameAsScore(expected.get(rows.ids().get(r)), only(f.predict(row)));
        }
    }

    /**
     * Flink passes DESCRIPTOR columns without casting them to the INPUT types: integers, FLOAT and
     * DECIMAL values arriving for DOUBLE inputs are read by their own type, exactly.
     */
    @Test
    void readsValuesByTheirActualType() throws Exception {
        StreamscorePredictFunction f = Models.function(pixelsAnd(LABEL), ALL_OUTPUTS.subList(0, 3), digits(DIGITS_ONNX, "label"),
                new RecordingMetricGroup());
        double[] x = rows.features().get(5);
        GenericRowData asDoubles = pixelRow(x, rows.labels().get(5));
        GenericRowData mixed = pixelRow(x, (long) rows.labels().get(5));
        for (int i = 0; i < 64; i++) {
            int v = (int) x[i];
            assertEquals(x[i], v, 0.0);
            mixed.setField(i, switch (i % 5) {
                case 0 -> v;
                case 1 -> (long) v;
                case 2 -> (float) v;
                case 3 -> DecimalData.fromBigDecimal(BigDecimal.valueOf(v), 10, 2);
                default -> (short) v;
            });
        }
        RowData a = only(f.predict(asDoubles));
        RowData b = only(f.predict(mixed));
        assertArrayEquals(doubles(a.getArray(0)), doubles(b.getArray(0)), 0.0);
        assertEquals(a.getDouble(2), b.getDouble(2), 0.0);
    }

    @Test
    void rowsThatCannotBeScoredGetNullOutputsAndAreCounted() throws Exception {
        RecordingMetricGroup metrics = new RecordingMetricGroup();
        StreamscorePredictFunction f = Models.function(pixelsAnd(LABEL), ALL_OUTPUTS, digits(DIGITS_ONNX, "label"), metrics);
        double[] x = rows.features().get(0);
        List<GenericRowData> bad = new ArrayList<>();
        for (Object value : new Object[] {null, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            GenericRowData row = pixelRow(x, 0);
            row.setField(7, value);
            bad.add(row);
        }
        bad.add(pixelRow(x, 10));
        bad.add(pixelRow(x, -1));
        for (GenericRowData row : bad) {
            RowData out = only(f.predict(row));
            assertEquals(6, out.getArity());
            for (int i = 0; i < 6; i++) {
                assertTrue(out.isNullAt(i), String.format("output %d of %s", i, row));
            }
        }
        assertEquals(bad.size(), metrics.count(PredictMetrics.INVALID_ROWS));
        assertEquals(0, metrics.count(PredictMetrics.ROWS_SCORED));

        RowData unlabelled = only(f.predict(pixelRow(x, null)));
        assertFalse(unlabelled.isNullAt(0));
        assertEquals(0, unlabelled.getInt(1));
        assertTrue(unlabelled.isNullAt(2), "loss of a row whose label is NULL");
        assertEquals("digits@70636ad3aead", unlabelled.getString(3).toString());
        assertEquals(1, metrics.count(PredictMetrics.ROWS_SCORED));
        assertEquals(bad.size(), metrics.count(PredictMetrics.INVALID_ROWS));
    }

    /** A one-hot class-weights label gives the loss of the class index, bit for bit. */
    @Test
    void classWeightLabelsGiveTheLossOfTheirDistribution() throws Exception {
        List<Column> input = pixelsAnd(Column.physical("weights", DataTypes.ARRAY(DataTypes.DOUBLE())));
        StreamscorePredictFunction byWeights = Models.function(input, ALL_OUTPUTS.subList(0, 3), digits(DIGITS_ONNX, "weights"),
                new RecordingMetricGroup());
        StreamscorePredictFunction byIndex = Models.function(pixelsAnd(LABEL), ALL_OUTPUTS.subList(0, 3), digits(DIGITS_ONNX, "label"),
                new RecordingMetricGroup());
        for (int r = 0; r < 50; r++) {
            double[] oneHot = new double[10];
            oneHot[rows.labels().get(r)] = 1;
            RowData w = only(byWeights.predict(pixelRow(rows.features().get(r), new GenericArrayData(oneHot))));
            RowData i = only(byIndex.predict(pixelRow(rows.features().get(r), rows.labels().get(r))));
            assertEquals(Double.doubleToLongBits(i.getDouble(2)), Double.doubleToLongBits(w.getDouble(2)));
        }
        double[] half = new double[10];
        half[1] = 0.5;
        half[2] = 0.5;
        RowData soft = only(byWeights.predict(pixelRow(rows.features().get(0), new GenericArrayData(half))));
        assertFalse(soft.isNullAt(2));
        half[2] = 0.25;
        assertNull(((GenericRowData) only(byWeights.predict(pixelRow(rows.features().get(0), new GenericArrayData(half))))).getField(2));
    }

    @Test
    void refusesToOpenWhenTheFileChangedSincePlanning() throws Exception {
        Path copy = dir.resolve("changing.onnx");
        Files.copy(DIGITS_ONNX, copy);
        StreamscorePredictProvider provider = (StreamscorePredictProvider) Models.provider(
                pixelsAnd(LABEL), ALL_OUTPUTS.subList(0, 1), digits(copy, "label"));
        Files.copy(DIGITS_JSON, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StreamscorePredictFunction f = (StreamscorePredictFunction) provider.createPredictFunction(null);
        IOException e = assertThrows(IOException.class, () -> f.open(new RecordingMetricGroup()));
        assertEquals(String.format("model file %s changed since the statement was planned: content %s, planned with "
                        + "70636ad3aead; plan the statement again", provider.binding().path(),
                dev.streamscore.sql.engine.EngineModel.contentVersion(Files.readAllBytes(copy))), e.getMessage());
    }
}
