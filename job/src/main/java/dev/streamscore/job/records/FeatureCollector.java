package dev.streamscore.job.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one record's named feature fields, in whatever order they arrive, and assembles the
 * feature vector in the layout's order. Reuses its buffers from record to record: one per parser,
 * one thread at a time.
 */
final class FeatureCollector {
    private final int width;
    /** The fields' paths as reasons show them. */
    private final String[] fields;
    /** The numbers as they arrived; at most {@code width} are kept (more is a wrong width anyway). */
    private final double[] arrived;
    private final int[] start;
    private final int[] count;
    private final boolean[] array;
    private int total;

    FeatureCollector(int width, String[] fields) {
        this.width = width;
        this.fields = fields;
        this.arrived = new double[width];
        this.start = new int[fields.length];
        this.count = new int[fields.length];
        this.array = new boolean[fields.length];
    }

    /** Forgets the previous record. */
    void reset() {
        Arrays.fill(count, -1);
        total = 0;
    }

    /** Reads field {@code slot}'s value, the parser on its first token {@code v}: a number, or an array of numbers. */
    void read(JsonParser p, JsonToken v, int slot) throws IOException, Invalid {
        start[slot] = total;
        if (v == JsonToken.START_ARRAY) {
            array[slot] = true;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                put(RecordParser.finite(p, t, "a finite number"));
            }
        } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            array[slot] = false;
            put(RecordParser.finite(p, v, "a finite number or an array of finite numbers"));
        } else {
            throw new Invalid("%s: expected a finite number or an array of finite numbers, got %s",
                    fields[slot], JsonValues.describe(p, v));
        }
        count[slot] = total - start[slot];
    }

    private void put(double x) {
        if (total < width) {
            arrived[total] = x;
        }
        total++;
    }

    /** The feature vector, fields in the layout's order. @throws Invalid naming a missing field, or the widths */
    double[] assemble() throws Invalid {
        for (int i = 0; i < fields.length; i++) {
            if (count[i] < 0) {
                throw new Invalid("%s: missing, expected a finite number or an array of finite numbers", fields[i]);
            }
        }
        if (total != width) {
            throw new Invalid("features: the fields give %d numbers, expected %d%s", total, width, arrays());
        }
        double[] features = new double[width];
        int at = 0;
        for (int i = 0; i < fields.length; i++) {
            System.arraycopy(arrived, start[i], features, at, count[i]);
            at += count[i];
        }
        return features;
    }

    /**
     * The array fields and their lengths, for a width message: {@code  (history: an array of 61)};
     * the first {@value FieldPaths#SHOWN} and a count when there are more.
     */
    private String arrays() {
        List<String> arrays = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (array[i]) {
                arrays.add(String.format("%s: an array of %d", fields[i], count[i]));
            }
        }
        return arrays.isEmpty() ? "" : String.format(" (%s)", FieldPaths.shortList(arrays));
    }
}
