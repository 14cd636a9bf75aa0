package dev.streamscore.sql.provider;

import dev.streamscore.sql.testing.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/** The demo data set {@code demo/digits.jsonl}: ids, 64 features and a label per record. */
record DigitsRows(List<String> ids, List<double[]> features, List<Integer> labels) {
    static final Path FILE = Path.of("../demo/digits.jsonl");

    static DigitsRows read() throws IOException {
        List<String> ids = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            JsonNode record = Json.parse(line);
            ids.add(record.get("id").asText());
            features.add(Json.doubles(record.get("features")));
            labels.add(record.get("label").asInt());
        }
        return new DigitsRows(ids, features, labels);
    }

    int size() {
        return ids.size();
    }
}
