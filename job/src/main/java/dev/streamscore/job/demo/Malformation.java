package dev.streamscore.job.demo;

import static dev.streamscore.job.demo.DemoRecords.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The ways a valid input record is spoiled so that the job must dead-letter it: the demo sends them
 * in turn among its records, and the job tests ({@code TestData}) mix them into theirs. Each kind
 * turns the parts of a valid record into the value to send.
 */
public enum Malformation {
    /** The JSON cut in the middle. */
    TRUNCATED_JSON("truncated JSON", (id, x, y) -> {
        String json = json(id, x, y);
        return utf8(json.substring(0, json.length() / 2));
    }),
    /** One feature short of the model's input width. */
    WRONG_FEATURE_COUNT("wrong feature count", (id, x, y) -> utf8(json(id, Arrays.copyOf(x, x.length - 1), y))),
    /** The middle feature written as {@code NaN} (not JSON, and not finite). */
    NAN_FEATURE("NaN feature", (id, x, y) -> {
        double[] spoiled = x.clone();
        spoiled[x.length / 2] = Double.NaN;
        return utf8(json(id, spoiled, y));
    }),
    /** A label that is no class index ({@code -1}). */
    BAD_LABEL("bad label", (id, x, y) -> utf8(json(id, x, -1))),
    /** The id's first character replaced by 0xc3: a UTF-8 lead byte without its continuation byte. */
    NON_UTF8("non-UTF-8 bytes", (id, x, y) -> {
        String json = json(id, x, y);
        byte[] bytes = utf8(json);
        bytes[json.indexOf(id)] = (byte) 0xc3; // the JSON is ASCII: char index = byte index
        return bytes;
    }),
    /** No value at all (null): a Kafka tombstone. */
    TOMBSTONE("tombstone (null)", (id, x, y) -> null),
    /** The record as a comma-separated line ({@code id,label,x0,x1,...}) instead of JSON. */
    NOT_JSON("not JSON", (id, x, y) -> utf8(String.format("%s,%d,%s", id, y,
            Arrays.stream(x).mapToObj(Double::toString).collect(Collectors.joining(","))))),
    /** An empty features array. */
    EMPTY_FEATURES("empty features", (id, x, y) -> utf8(json(id, new double[0], y))),
    /** The features array alone: JSON, but not an object. */
    JSON_ARRAY("array, not object", (id, x, y) -> utf8(Arrays.toString(x)));

    /** Makes the value of a spoiled record from a valid record's id, features ({@code x}) and class index ({@code y}). */
    private interface Spoiler {
        byte[] spoil(String id, double[] features, int label);
    }

    private final String description;
    private final Spoiler spoiler;

    Malformation(String description, Spoiler spoiler) {
        this.description = description;
        this.spoiler = spoiler;
    }

    /** What was done to the record, for the demo's summary, e.g. {@code truncated JSON}. */
    public String description() {
        return description;
    }

    /** The spoiled value (null for {@link #TOMBSTONE}) of the valid record {@code id} with these features and label. */
    public byte[] spoil(String id, double[] features, int label) {
        return spoiler.spoil(id, features, label);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
