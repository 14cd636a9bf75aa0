package dev.streamscore.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flat JSON object as the job and {@code score} write them (scores, dead letters): each field
 * a string, a number kept as written (also {@code true}, {@code false}, {@code null}), or an array
 * of such values. Reading fails the test when the text is anything else or has more after the
 * object; asking for a field as the wrong kind fails it too.
 */
public final class JsonFields {
    private static final JsonFactory JSON = new JsonFactory();

    /** A field's value: its kind, its text (a string unescaped, a number as written) or its items' texts. */
    private record Value(JsonToken kind, String text, List<String> items) {}

    private final String json;
    private final Map<String, Value> fields;

    private JsonFields(String json, Map<String, Value> fields) {
        this.json = json;
        this.fields = fields;
    }

    public static JsonFields parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    public static JsonFields parse(String json) {
        Map<String, Value> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken(), json);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken kind = p.nextToken();
                if (kind == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.getText());
                    }
                    fields.put(name, new Value(kind, null, List.copyOf(items)));
                } else {
                    fields.put(name, new Value(kind, p.getText(), null));
                }
            }
            assertEquals(JsonToken.END_OBJECT, p.currentToken(), json);
            assertEquals(null, p.nextToken(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(String.format("not JSON: %s", json), e);
        }
        return new JsonFields(json, fields);
    }

    /** Each non-empty line of {@code text}, read. */
    public static List<JsonFields> lines(String text) {
        return text.lines().filter(l -> !l.isEmpty()).map(JsonFields::parse).toList();
    }

    /** The field names in the order written. */
    public List<String> names() {
        return List.copyOf(fields.keySet());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The value of the string field {@code name}, unescaped. */
    public String string(String name) {
        return value(name, JsonToken.VALUE_STRING).text();
    }

    /** The number {@code name} exactly as written, e.g. {@code -1.5e3}. */
    public String number(String name) {
        Value v = get(name);
        if (v.kind() != JsonToken.VALUE_NUMBER_INT && v.kind() != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new AssertionError(String.format("field %s: expected a number, got %s in %s", name, v.kind(), json));
        }
        return v.text();
    }

    /** The items of the array {@code name}, as written (numbers) or unescaped (strings). */
    public List<String> list(String name) {
        return value(name, JsonToken.START_ARRAY).items();
    }

    /** The text of a string or number {@code name} (whichever it is), or null when absent. */
    public String text(String name) {
        Value v = fields.get(name);
        return v == null ? null : v.text();
    }

    @Override
    public String toString() {
        return json;
    }

    private Value value(String name, JsonToken kind) {
        Value v = get(name);
        if (v.kind() != kind) {
            throw new AssertionError(String.format("field %s: expected %s, got %s in %s", name, kind, v.kind(), json));
        }
        return v;
    }

    private Value get(String name) {
        Value v = fields.get(name);
        if (v == null) {
            throw new AssertionError(String.format("no field %s in %s", name, json));
        }
        return v;
    }
}
