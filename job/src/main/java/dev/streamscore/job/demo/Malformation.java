package dev.streamscore.job.demo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The ways the demo spoils a record, each one a dead letter for the job. Each takes the parts of a
 * valid record and returns the value bytes to send.
 */
public enum Malformation {
    /** The JSON cut in the middle. */
    TRUNCATED_JSON("truncated JSON") {
        @Override
        byte[] apply(String id, double[] features, int label) {
            String json = DemoRecords.json(id, features, label);
            return utf8(json.substring(0, json.length() / 2));
        }
    },
    /** One feature short of the model's input width. */
    WRONG_FEATURE_COUNT("wrong feature count") {
        @Override
        byte[] apply(String id, double[] features, int label) {
            return utf8(DemoRecords.json(id, Arrays.copyOf(features, features.length - 1), label));
        }
    },
    /** A feature written as {@code NaN} (not JSON, and not finite). */
    NAN_FEATURE("NaN feature") {
        @Override
        byte[] apply(String id, double[] features, int label) {
            double[] spoiled = features.clone();
            spoiled[spoiled.length / 2] = Double.NaN;
            return utf8(DemoRecords.json(id, spoiled, label));
        }
    },
    /** A label that is no class index ({@code -1}). */
    BAD_LABEL("bad label") {
        @Override
        byte[] apply(String id, double[] features, int label) {
            return utf8(DemoRecords.json(id, features, -1));
        }
    },
    /** A byte that is not valid UTF-8 (0xff) inside the id string. */
    NON_UTF8("non-UTF-8 bytes") {
        @Override
        byte[] apply(String id, double[] features, int label) {
            String json = DemoRecords.json(id, features, label);
            byte[] bytes = utf8(json);
            bytes[json.indexOf(id)] = (byte) 0xff; // the JSON is ASCII: char index = byte index
            return bytes;
        }
    };

    private final String description;

    Malformation(String description) {
        this.description = description;
    }

    /** What was done to the record, for the summary, e.g. {@code truncated JSON}. */
    public String description() {
        return description;
    }

    /** The spoiled value of the record {@code id} with these features and label. */
    abstract byte[] apply(String id, double[] features, int label);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
