package dev.streamscore.job.demo;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.model.ModelLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The bundled model and data set (class-path resources: the job jar carries the repository's
 * {@code demo/} folder) and the records the demo makes of them. Record {@code seq} is row
 * {@code seq mod rows}, keyed and identified {@code demo-<seq>}, labelled with the row's class;
 * every {@value #MALFORMED_EVERY}th record from the {@value #FIRST_MALFORMED}th on is spoiled
 * instead, the {@link Malformation}s taking turns. The key joins an output (score or dead letter)
 * back to its record: the job writes each output with its input's key.
 *
 * @param model the model, {@code digits@<content hash>}
 * @param rows  the labelled rows, in file order, checked against the model by the job's record parser
 */
public record DemoRecords(LoadedModel model, List<Row> rows) {
    public static final String MODEL_RESOURCE = "/demo/digits.onnx";
    public static final String DATA_RESOURCE = "/demo/digits.jsonl";
    public static final int MALFORMED_EVERY = 250;
    public static final int FIRST_MALFORMED = 125;
    private static final String KEY_PREFIX = "demo-";
    private static final Pattern KEY = Pattern.compile("demo-(0|[1-9][0-9]{0,9})");
    private static final Malformation[] KINDS = Malformation.values();

    /** A data set row: the features and the class index. */
    public record Row(double[] features, int label) {}

    /** One record to send; when it is spoiled, {@code malformation} is set, {@code label} -1 and {@code value} maybe null. */
    public record Record(int seq, String key, byte[] value, int label, Malformation malformation) {}

    /** @throws IOException when a resource is missing, or a row is not a labelled record for the model */
    public static DemoRecords load() throws IOException {
        byte[] bytes = resource(MODEL_RESOURCE);
        LoadedModel model = LoadedModel.load(new ModelBytes("digits", ModelLoader.contentVersion(bytes), bytes), 1);
        RecordParser parser = new RecordParser(model.inputWidth(), model.classes());
        List<Row> rows = new ArrayList<>();
        String[] lines = new String(resource(DATA_RESOURCE), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String where = String.format("%s:%d", DATA_RESOURCE, i + 1);
            if (lines[i].isBlank()) {
                continue;
            }
            ParseResult parsed = parser.parse(lines[i].getBytes(StandardCharsets.UTF_8), RecordId.ofNumber(i + 1), where);
            if (!(parsed instanceof InputRecord in && in.label() != null && in.label().isIndex())) {
                throw new IOException(String.format("%s: expected a record labelled with a class index: %s", where,
                        parsed instanceof DeadLetter bad ? bad.error() : "no label, or not an index"));
            }
            rows.add(new Row(in.features(), in.label().index()));
        }
        if (rows.isEmpty()) {
            throw new IOException(String.format("%s has no rows", DATA_RESOURCE));
        }
        return new DemoRecords(model, List.copyOf(rows));
    }

    public Record record(int seq) {
        Row row = rows.get(seq % rows.size());
        String key = key(seq);
        Malformation spoiled = malformation(seq);
        return spoiled != null
                ? new Record(seq, key, spoiled.spoil(key, row.features(), row.label()), -1, spoiled)
                : new Record(seq, key, json(key, row.features(), row.label()).getBytes(StandardCharsets.UTF_8),
                        row.label(), null);
    }

    /** How record {@code seq} is spoiled, or null when it is valid. */
    public static Malformation malformation(int seq) {
        return seq % MALFORMED_EVERY != FIRST_MALFORMED ? null : KINDS[(seq / MALFORMED_EVERY) % KINDS.length];
    }

    /** {@code demo-<seq>}: the Kafka key and the JSON id of record {@code seq}. */
    public static String key(int seq) {
        return KEY_PREFIX + seq;
    }

    /** The sequence number in a key made by {@link #key}, or -1 when it is not such a key. */
    public static int seq(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return -1;
        }
        long seq = Long.parseLong(key.substring(KEY_PREFIX.length()));
        return seq <= Integer.MAX_VALUE ? (int) seq : -1;
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
            s.append(x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x));
        }
        return s.append("], \"label\": ").append(label).append('}').toString();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoRecords.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(String.format(
                        "the bundled demo file %s is not on the class path (build the job jar with 'mvn package')", name));
            }
            return in.readAllBytes();
        }
    }
}
