package dev.streamscore.job.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The records the demo sends: record {@code seq} is row {@code seq mod rows} of the data set,
 * keyed and identified {@code demo-<seq>}, labelled with the row's class; every
 * {@value #MALFORMED_EVERY}th record (from {@value #FIRST_MALFORMED} on) is spoiled instead, the
 * {@link Malformation}s taking turns. The key is what joins an output (score or dead letter) back
 * to the record it came from: the job writes outputs with their input's key.
 */
public final class DemoRecords {
    public static final int MALFORMED_EVERY = 250;
    public static final int FIRST_MALFORMED = 125;
    private static final String KEY_PREFIX = "demo-";
    private static final Malformation[] KINDS = Malformation.values();

    private final List<DemoDataSet.Row> rows;

    /** @param rows the labelled rows to cycle through (not empty) */
    public DemoRecords(List<DemoDataSet.Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the demo data set has no rows");
        }
        this.rows = List.copyOf(rows);
    }

    /** One record to send. {@code label} is -1 and {@code malformation} set for a spoiled record. */
    public record Record(int seq, String key, byte[] value, int label, Malformation malformation) {
        public Record {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public Record record(int seq) {
        DemoDataSet.Row row = row(seq);
        String key = key(seq);
        Malformation spoiled = malformation(seq);
        if (spoiled != null) {
            return new Record(seq, key, spoiled.apply(key, row.features(), row.label()), -1, spoiled);
        }
        return new Record(seq, key, json(key, row.features(), row.label()).getBytes(StandardCharsets.UTF_8),
                row.label(), null);
    }

    /** How record {@code seq} is spoiled, or null when it is valid. */
    public static Malformation malformation(int seq) {
        if (seq % MALFORMED_EVERY != FIRST_MALFORMED) {
            return null;
        }
        return KINDS[(seq / MALFORMED_EVERY) % KINDS.length];
    }

    /** How many of the first {@code count} records are spoiled. */
    public static int malformedCount(int count) {
        return count <= FIRST_MALFORMED ? 0 : (count - FIRST_MALFORMED - 1) / MALFORMED_EVERY + 1;
    }

    /** {@code demo-<seq>}: the Kafka key and the JSON id of record {@code seq}. */
    public static String key(int seq) {
        return KEY_PREFIX + seq;
    }

    /** The sequence number in a key made by {@link #key}, or -1 when it is not such a key. */
    public static int seq(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX) || key.length() == KEY_PREFIX.length()
                || key.length() > KEY_PREFIX.length() + 10) {
            return -1;
        }
        try {
            int seq = Integer.parseInt(key.substring(KEY_PREFIX.length()));
            return seq >= 0 && key.equals(key(seq)) ? seq : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * {@code {"id": "<id>", "features": [...], "label": <label>}}; integral features are written as
     * integers, others with {@link Double#toString} (non-finite ones as {@code NaN}/{@code Infinity}).
     */
    static String json(String id, double[] features, int label) {
        StringBuilder s = new StringBuilder(32 + features.length * 4);
        s.append("{\"id\": \"").append(id).append("\", \"features\": [");
        for (int i = 0; i < features.length; i++) {
            double x = features[i];
            s.append(i == 0 ? "" : ", ");
            if (x == Math.rint(x) && Math.abs(x) < 1e15) {
                s.append((long) x);
            } else {
                s.append(x);
            }
        }
        return s.append("], \"label\": ").append(label).append('}').toString();
    }

    private DemoDataSet.Row row(int seq) {
        return rows.get(seq % rows.size());
    }
}
