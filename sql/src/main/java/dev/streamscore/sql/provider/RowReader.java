package dev.streamscore.sql.provider;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.RowData;

/**
 * Reads the feature vector and the label of one input row of ML_PREDICT into buffers it owns
 * (reused from row to row). A row that cannot be scored is reported with the reason, naming the
 * column; it never throws for bad data.
 */
final class RowReader {
    private final InputLayout layout;
    private final double[] features;
    private final double[] distribution;
    private int labelIndex;
    private boolean hasDistribution;

    RowReader(InputLayout layout) {
        this.layout = layout;
        this.features = new double[layout.inputWidth()];
        this.distribution = new double[layout.classes()];
    }

    /**
     * Reads {@code row} into {@link #features()} and the label.
     *
     * @return null when the row can be scored, else the reason it cannot (naming the column)
     */
    String read(RowData row) {
        int filled = 0;
        for (InputColumn column : layout.features()) {
            final int pos = column.position();
            if (row.isNullAt(pos)) {
                return String.format("feature column '%s' is NULL", column.name());
            }
            try {
                ArrayData array = column.kind().isArray() ? row.getArray(pos) : null;
                int width = array == null ? 1 : array.size();
                if (filled + width > features.length) {
                    return String.format("the feature columns give more than the model's %d numbers at column '%s'",
                            features.length, column.name());
                }
                if (array != null) {
                    String error = ColumnValues.copyArray(array, column.kind(), features, filled);
                    if (error != null) {
                        return String.format("feature column '%s' %s", column.name(), error);
                    }
                    filled += array.size();
                } else {
                    double v = ColumnValues.scalar(row, column);
                    if (!Double.isFinite(v)) {
                        return String.format("feature column '%s' is %s", column.name(), v);
                    }
                    features[filled++] = v;
                }
            } catch (IllegalArgumentException e) {
                return String.format("feature column '%s': %s", column.name(), e.getMessage());
            }
        }
        if (filled != features.length) {
            return String.format("the feature columns give %d numbers; the model takes %d", filled, features.length);
        }
        try {
            return readLabel(row);
        } catch (IllegalArgumentException e) {
            return String.format("label column '%s': %s", layout.label().name(), e.getMessage());
        }
    }

    /**
     * A class index must be an integer in {@code [0, classes)}; class weights must be {@code classes}
     * non-negative numbers summing to 1 within {@code 1e-9·classes} (the record rules).
     */
    private String readLabel(RowData row) {
        labelIndex = -1;
        hasDistribution = false;
        InputColumn label = layout.label();
        if (label == null || row.isNullAt(label.position())) {
            return null;
        }
        final int classes = distribution.length;
        if (!label.kind().isArray()) {
            double index = ColumnValues.scalar(row, label);
            boolean integer = ColumnValues.isInteger(row, label.position());
            if (!integer || !(index >= 0 && index < classes)) {
                return String.format("label column '%s' is %s; a class index must be an integer in [0, %d)",
                        label.name(), integer ? Long.toString((long) index) : Double.toString(index), classes);
            }
            labelIndex = (int) index;
            return null;
        }
        ArrayData array = row.getArray(label.position());
        if (array.size() != classes) {
            return String.format("label column '%s' has %d class weights; the model has %d classes",
                    label.name(), array.size(), classes);
        }
        String error = ColumnValues.copyArray(array, label.kind(), distribution, 0);
        if (error != null) {
            return String.format("label column '%s' %s", label.name(), error);
        }
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            if (distribution[i] < 0) {
                return String.format("label column '%s' has %s at index %d; class weights must not be negative",
                        label.name(), distribution[i], i);
            }
            sum += distribution[i];
        }
        if (Math.abs(sum - 1) > 1e-9 * classes) {
            return String.format("label column '%s' sums to %s; class weights must sum to 1", label.name(), sum);
        }
        hasDistribution = true;
        return null;
    }

    /** The features of the last row read (a buffer owned by this reader). */
    double[] features() {
        return features;
    }

    /** The class index of the last row read, or -1. */
    int labelIndex() {
        return labelIndex;
    }

    /** The class weights of the last row read (a buffer owned by this reader), or null. */
    double[] labelDistribution() {
        return hasDistribution ? distribution : null;
    }
}
