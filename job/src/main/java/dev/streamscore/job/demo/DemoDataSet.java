package dev.streamscore.job.demo;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.model.ModelLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled demo model and data set, read from the class path (the job jar carries the
 * repository's {@code demo/} folder as {@code demo/...} resources): the model
 * {@value #MODEL_RESOURCE} and the labelled rows of {@value #DATA_RESOURCE}, checked against the model.
 *
 * @param model the model, named and versioned by the model rules ({@code digits@<sha-256 prefix>})
 * @param rows  the labelled rows, in file order
 */
public record DemoDataSet(LoadedModel model, List<Row> rows) {
    public static final String MODEL_RESOURCE = "/demo/digits.onnx";
    public static final String DATA_RESOURCE = "/demo/digits.jsonl";
    private static final String MODEL_NAME = "digits";

    /** A data set row: the features and the class index. */
    public record Row(double[] features, int label) {}

    /**
     * Loads both resources.
     *
     * @throws IOException when a resource is missing or a row does not fit the model
     */
    public static DemoDataSet load() throws IOException {
        byte[] bytes;
        try (InputStream in = resource(MODEL_RESOURCE)) {
            bytes = in.readAllBytes();
        }
        LoadedModel model = LoadedModel.load(new ModelBytes(MODEL_NAME, ModelLoader.contentVersion(bytes), bytes), 1);
        return new DemoDataSet(model, rows(new RecordParser(model.inputWidth(), model.classes())));
    }

    private static List<Row> rows(RecordParser parser) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource(DATA_RESOURCE), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = String.format("%s:%d", DATA_RESOURCE, number);
                ParseResult parsed = parser.parse(line.getBytes(StandardCharsets.UTF_8), RecordId.ofNumber(number), where);
                if (parsed instanceof DeadLetter bad) {
                    throw new IOException(String.format("%s: %s", where, bad.error()));
                }
                InputRecord record = (InputRecord) parsed;
                if (record.label() == null || !record.label().isIndex()) {
                    throw new IOException(String.format("%s: expected a class index label", where));
                }
                rows.add(new Row(record.features(), record.label().index()));
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(String.format("%s has no rows", DATA_RESOURCE));
        }
        return rows;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoDataSet.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(String.format(
                    "the bundled demo file %s is not on the class path (build the job jar with 'mvn package')", name));
        }
        return in;
    }
}
