package dev.streamscore.sql.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@code demo/digits-pixels.jsonl}, the demo data set with named pixel fields, from
 * {@code demo/digits.jsonl}: each line {@code {"id": ..., "label": n, "features": [64 numbers]}}
 * becomes {@code {"id": ..., "label": n, "pixels": {"p0": ..., ..., "p63": ...}}}, the numbers
 * written as they are in the source. Regenerate with
 * {@code java -cp ... dev.streamscore.sql.testing.NamedDigits demo/digits.jsonl demo/digits-pixels.jsonl};
 * {@code NamedDigitsTest} checks that the committed file is what this makes.
 */
public final class NamedDigits {
    private static final JsonFactory JSON = new JsonFactory();

    private NamedDigits() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: NamedDigits DIGITS.jsonl OUT.jsonl");
            System.exit(2);
        }
        Files.write(Path.of(args[1]), convert(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** One named-field line per input line, in order. */
    public static List<String> convert(List<String> lines) throws IOException {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(convert(line));
        }
        return out;
    }

    private static String convert(String line) throws IOException {
        String id = null;
        String label = null;
        List<String> features = new ArrayList<>();
        try (JsonParser p = JSON.createParser(line)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, line);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = value == JsonToken.VALUE_STRING ? quote(p.getText()) : p.getText();
                    case "label" -> label = p.getText();
                    case "features" -> {
                        expect(value, JsonToken.START_ARRAY, line);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            features.add(p.getText());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("{\"id\": ").append(id).append(", \"label\": ").append(label).append(", \"pixels\": {");
        for (int i = 0; i < features.size(); i++) {
            b.append(i == 0 ? "" : ", ").append("\"p").append(i).append("\": ").append(features.get(i));
        }
        return b.append("}}").toString();
    }

    private static void expect(JsonToken actual, JsonToken expected, String line) {
        if (actual != expected) {
            throw new IllegalArgumentException(String.format("expected %s, got %s in: %s", expected, actual, line));
        }
    }

    /** Ids of the demo data are plain ASCII names, so quoting needs no escapes. */
    private static String quote(String s) {
        return String.format("\"%s\"", s);
    }
}
