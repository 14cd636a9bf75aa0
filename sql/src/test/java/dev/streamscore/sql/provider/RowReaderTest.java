package dev.streamscore.sql.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryArrayData;
import org.junit.jupiter.api.Test;

/** Why a row cannot be scored, naming the column; and what is read when it can. */
class RowReaderTest {
    /** {@code a DOUBLE, xs ARRAY<DOUBLE>, fs ARRAY<FLOAT>, label INT} for a model of 5 features and 3 classes. */
    private static final InputLayout LAYOUT = new InputLayout(List.of(
            new InputColumn("a", 0, InputColumn.Kind.DOUBLE, 0, 0),
            new InputColumn("xs", 1, InputColumn.Kind.ARRAY_OF_DOUBLE, 0, 0),
            new InputColumn("fs", 2, InputColumn.Kind.ARRAY_OF_FLOAT, 0, 0)),
            new InputColumn("label", 3, InputColumn.Kind.INTEGER, 0, 0), 5, 3);
    private static final InputLayout WEIGHTS = new InputLayout(LAYOUT.features(),
            new InputColumn("w", 3, InputColumn.Kind.ARRAY_OF_DOUBLE, 0, 0), 5, 3);

    private static String read(InputLayout layout, Object a, Object xs, Object fs, Object label) {
        return new RowReader(layout).read(GenericRowData.of(a, xs, fs, label));
    }

    private static GenericArrayData boxed(Object... values) {
        return new GenericArrayData(values);
    }

    @Test
    void readsFeaturesInColumnOrderAndTheLabel() {
        RowReader reader = new RowReader(LAYOUT);
        assertNull(reader.read(GenericRowData.of(1.5, BinaryArrayData.fromPrimitiveArray(new double[] {2, 3}),
                BinaryArrayData.fromPrimitiveArray(new float[] {0.1f, 5}), 2)));
        assertArrayEquals(new double[] {1.5, 2, 3, 0.1f, 5}, reader.features(), 0.0);
        assertEquals(2, reader.labelIndex());
        assertNull(reader.labelDistribution());
        assertNull(reader.read(GenericRowData.of(1.5, boxed(2.0), boxed(3.0f, 4.0f, 5.0f), null)));
        assertArrayEquals(new double[] {1.5, 2, 3, 4, 5}, reader.features(), 0.0);
        assertEquals(-1, reader.labelIndex());
    }

    @Test
    void namesTheColumnOfANullOrNonFiniteFeature() {
        GenericArrayData two = boxed(1.0, 2.0);
        GenericArrayData one = boxed(1.0f);
        assertEquals("feature column 'a' is NULL", read(LAYOUT, null, two, one, 0));
        assertEquals("feature column 'a' is NaN", read(LAYOUT, Double.NaN, two, one, 0));
        assertEquals("feature column 'a' is -Infinity", read(LAYOUT, Double.NEGATIVE_INFINITY, two, one, 0));
        assertEquals("feature column 'xs' is NULL", read(LAYOUT, 1.0, null, one, 0));
        assertEquals("feature column 'xs' has a NULL at index 1", read(LAYOUT, 1.0, boxed(1.0, null), one, 0));
        assertEquals("feature column 'xs' has Infinity at index 0", read(LAYOUT, 1.0, boxed(Double.POSITIVE_INFINITY, 1.0), one, 0));
        assertEquals("feature column 'fs' has NaN at index 0",
                read(LAYOUT, 1.0, two, BinaryArrayData.fromPrimitiveArray(new float[] {Float.NaN}), 0));
        assertEquals("feature column 'a': a BinaryStringData is not a number",
                read(LAYOUT, StringData.fromString("1"), two, one, 0));
    }

    @Test
    void namesTheWidthOfArraysThatDoNotFit() {
        assertEquals("the feature columns give 4 numbers; the model takes 5", read(LAYOUT, 1.0, boxed(1.0, 2.0), boxed(1.0f), 0));
        assertEquals("the feature columns give more than the model's 5 numbers at column 'fs'",
                read(LAYOUT, 1.0, boxed(1.0, 2.0, 3.0), boxed(1.0f, 2.0f), 0));
        InputLayout arrayFirst = new InputLayout(List.of(
                new InputColumn("xs", 0, InputColumn.Kind.ARRAY_OF_DOUBLE, 0, 0),
                new InputColumn("a", 1, InputColumn.Kind.DOUBLE, 0, 0)), null, 3, 3);
        assertEquals("the feature columns give more than the model's 3 numbers at column 'a'",
                new RowReader(arrayFirst).read(GenericRowData.of(boxed(1.0, 2.0, 3.0), 4.0)));
    }

    /** Flink passes an ARRAY<INT> table column as it is for an ARRAY<DOUBLE> input: refused, not misread. */
    @Test
    void refusesBinaryArraysOfAnotherElementWidth() {
        assertEquals("feature column 'xs' does not hold DOUBLE elements (Flink passes the table column as it is: "
                        + "CAST it to ARRAY<DOUBLE>)",
                read(LAYOUT, 1.0, BinaryArrayData.fromPrimitiveArray(new int[] {1, 2}), boxed(1.0f, 2.0f), 0));
        assertEquals("feature column 'fs' does not hold FLOAT elements (Flink passes the table column as it is: "
                        + "CAST it to ARRAY<FLOAT>)",
                read(LAYOUT, 1.0, boxed(1.0), BinaryArrayData.fromPrimitiveArray(new double[] {1, 2, 3}), 0));
        // generic arrays carry their element type: integers are read as numbers
        assertNull(read(LAYOUT, 1.0, new GenericArrayData(new int[] {1, 2}), new GenericArrayData(new long[] {3, 4}), 0));
    }

    @Test
    void namesTheLabelWhenItIsOutOfRange() {
        GenericArrayData two = boxed(1.0, 2.0);
        GenericArrayData one = boxed(1.0f, 2.0f);
        assertEquals("label column 'label' is 3; a class index must be an integer in [0, 3)", read(LAYOUT, 1.0, two, one, 3));
        assertEquals("label column 'label' is -1; a class index must be an integer in [0, 3)", read(LAYOUT, 1.0, two, one, -1L));
        assertEquals("label column 'w' has 2 class weights; the model has 3 classes",
                read(WEIGHTS, 1.0, two, one, boxed(0.5, 0.5)));
        assertEquals("label column 'w' has -0.5 at index 1; class weights must not be negative",
                read(WEIGHTS, 1.0, two, one, boxed(1.0, -0.5, 0.5)));
        assertEquals("label column 'w' sums to 0.9; class weights must sum to 1", read(WEIGHTS, 1.0, two, one, boxed(0.5, 0.4, 0.0)));
        assertEquals("label column 'w' has a NULL at index 2", read(WEIGHTS, 1.0, two, one, boxed(0.5, 0.5, null)));
        RowReader reader = new RowReader(WEIGHTS);
        assertNull(reader.read(GenericRowData.of(1.0, two, one, boxed(0.25, 0.25, 0.5))));
        assertArrayEquals(new double[] {0.25, 0.25, 0.5}, reader.labelDistribution(), 0.0);
        assertEquals(-1, reader.labelIndex());
    }
}
