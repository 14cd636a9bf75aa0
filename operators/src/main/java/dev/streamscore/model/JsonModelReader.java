package dev.streamscore.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamscore.graph.Graph;
import dev.streamscore.util.Excerpt;
import dev.streamscore.util.JsonErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the streamscore JSON model format with Jackson's streaming parser: top-level fields here,
 * the fields of each node in {@link JsonNodeFields}. Numbers are parsed to the nearest double
 * (the written {@link Double#toString(double)} form comes back bit for bit); non-finite values,
 * unknown fields and duplicate keys are refused.
 */
final class JsonModelReader {
    private static final String TOP_FIELDS = "format, name, version, features, output, nodes";

    private JsonModelReader() {}

    static JsonModelFormat.Document read(byte[] bytes) {
        try (JsonParser p = JsonModelFormat.FACTORY.createParser(bytes)) {
            return readModel(p);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : String.format(" at line %d, column %d", at.getLineNr(), at.getColumnNr());
            throw new ModelFormatException(String.format("invalid JSON%s: %s", where, JsonErrors.message(e)), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonModelFormat.Document readModel(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new ModelFormatException("a streamscore JSON model must be a JSON object");
        }
        String format = null;
        String name = null;
        String version = null;
        Integer output = null;
        List<JsonNodeFields> nodes = null;
        List<String> features = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "format" -> {
                    format = string(p, "format");
                    checkFormat(format);
                }
                case "name" -> name = nonEmptyString(p, "name");
                case "version" -> version = nonEmptyString(p, "version");
                case "features" -> features = FeatureFields.check(strings(p, "features"), "features");
                case "output" -> output = integer(p, "output");
                case "nodes" -> nodes = readNodes(p);
                default -> throw new ModelFormatException(String.format(
                        "unknown top-level field '%s'; valid fields are %s", Excerpt.text(field), TOP_FIELDS));
            }
        }
        if (p.nextToken() != null) {
            throw new ModelFormatException(String.format(
                    "unexpected content after the model object at line %d", p.currentLocation().getLineNr()));
        }
        if (format == null) {
            throw new ModelFormatException(String.format("missing field 'format' (expected \"%s\")", JsonModelFormat.FORMAT));
        }
        if (output == null) {
            throw new ModelFormatException("missing field 'output' (the id of the output node)");
        }
        if (nodes == null || nodes.isEmpty()) {
            throw new ModelFormatException("missing field 'nodes' (a non-empty array of nodes)");
        }
        Graph.Builder builder = Graph.builder();
        for (JsonNodeFields n : nodes) {
            try {
                builder.node(n.toNode());
            } catch (IllegalArgumentException e) {
                throw e instanceof ModelFormatException mfe ? mfe : new ModelFormatException(e.getMessage(), e);
            }
        }
        try {
            return new JsonModelFormat.Document(name, version, builder.output(output).build(), features);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
    }

    private static void checkFormat(String format) {
        if (!JsonModelFormat.FORMAT.equals(format)) {
            throw new ModelFormatException(String.format(
                    "unsupported format '%s'; this reader understands \"%s\"", Excerpt.text(format), JsonModelFormat.FORMAT));
        }
    }

    private static List<JsonNodeFields> readNodes(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ModelFormatException("'nodes' must be an array of node objects");
        }
        List<JsonNodeFields> nodes = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new ModelFormatException(String.format("nodes[%d] must be an object", nodes.size()));
            }
            nodes.add(JsonNodeFields.read(p, nodes.size()));
        }
        return nodes;
    }

    // ---- value readers shared with JsonNodeFields; the parser is on the value's first token. ----
    // ---- `what` names the value in messages (its toString is called only when one is written, ----
    // ---- so that reading a large model formats nothing per number).                             ----

    /** The {@code index}-th element of {@code of}, e.g. {@code node 3 (linear): weight[2]}, named only when needed. */
    record Indexed(Object of, int index) {
        @Override
        public String toString() {
            return String.format("%s[%d]", of, index);
        }
    }

    static String string(JsonParser p, Object what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new ModelFormatException(String.format("%s must be a string, got %s", what, describe(p)));
        }
        return p.getText();
    }

    static String nonEmptyString(JsonParser p, Object what) throws IOException {
        String s = string(p, what);
        if (s.isEmpty()) {
            throw new ModelFormatException(String.format("%s must not be empty", what));
        }
        return s;
    }

    static int integer(JsonParser p, Object what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new ModelFormatException(String.format("%s must be an integer, got %s", what, describe(p)));
        }
        return p.getIntValue();
    }

    static double number(JsonParser p, Object what) throws IOException {
        return number(p, what, -1);
    }

    /** The number {@code what[index]} (just {@code what} for a negative index). */
    private static double number(JsonParser p, Object what, int index) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new ModelFormatException(String.format("%s must be a number, got %s", name(what, index), describe(p)));
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw new ModelFormatException(String.format("%s is not a finite double: %s", name(what, index),
                    Excerpt.text(p.getText())));
        }
        return v;
    }

    private static Object name(Object what, int index) {
        return index < 0 ? what : new Indexed(what, index);
    }

    static double[] numbers(JsonParser p, Object what) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ModelFormatException(String.format("%s must be an array of numbers, got %s", what, describe(p)));
        }
        double[] values = new double[16];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n] = number(p, what, n);
            n++;
        }
        return Arrays.copyOf(values, n);
    }

    static List<String> strings(JsonParser p, Object what) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ModelFormatException(String.format("%s must be an array of field names, got %s", what, describe(p)));
        }
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(string(p, new Indexed(what, values.size())));
        }
        return values;
    }

    static int[] integers(JsonParser p, Object what) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ModelFormatException(String.format("%s must be an array of node ids, got %s", what, describe(p)));
        }
        List<Integer> ids = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            ids.add(integer(p, new Indexed(what, ids.size())));
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            return "an array";
        }
        if (t == JsonToken.START_OBJECT) {
            return "an object";
        }
        return t == null ? "nothing" : String.format("'%s'", Excerpt.text(p.getText()));
    }
}
