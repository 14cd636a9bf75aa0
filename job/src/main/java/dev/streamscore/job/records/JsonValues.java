package dev.streamscore.job.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Helpers of {@link RecordParser}: describing a token, naming where the parser is, checking skipped values. */
final class JsonValues {
    private static final int PREVIEW = 24;

    private JsonValues() {}

    /** What the current token is, for an error message: {@code an object}, {@code the string "abc"}, {@code 12}. */
    static String describe(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> String.format("the string \"%s\"", preview(p.getText()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> preview(p.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static String preview(String s) {
        return s.length() <= PREVIEW ? s : s.substring(0, PREVIEW) + "...";
    }

    /** Where the token {@code t} just read is, e.g. {@code features[3]} (also when it starts an array or object). */
    static String where(JsonParser p, JsonToken t) {
        JsonStreamContext context = p.getParsingContext();
        return path(t.isStructStart() ? context.getParent() : context);
    }

    /**
     * Where the parser is, e.g. {@code features[3]} or {@code meta.tags[0]}; empty at the top level.
     * Inside an array the index is that of the current element.
     */
    static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder s = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                s.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
            } else if (c.getCurrentName() != null) {
                s.append(s.length() > 0 ? "." : "").append(c.getCurrentName());
            }
        }
        return s.toString();
    }

    /**
     * The error of a field name {@code name} that its object (where the parser is, just past the
     * name) already had, e.g. {@code meta.tags: duplicate field}.
     */
    static Invalid duplicate(JsonParser p, String name) {
        String object = path(p.getParsingContext().getParent());
        return new Invalid("%s: duplicate field", object.isEmpty() ? name : String.format("%s.%s", object, name));
    }

    /**
     * Reads past the value starting at token {@code t}, checking what the tokenizer does not: no
     * NaN or Infinity, which are not JSON, and no name twice in an object ({@code names}).
     */
    static void skip(JsonParser p, JsonToken t, FieldNames names) throws IOException, Invalid {
        switch (t) {
            case START_OBJECT -> {
                names.enter();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (!names.add(name)) {
                        throw duplicate(p, name);
                    }
                    skip(p, p.nextToken(), names);
                }
                names.exit();
            }
            case START_ARRAY -> {
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    skip(p, next, names);
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                if (p.isNaN()) {
                    throw new Invalid("%s: %s is not a JSON number", where(p, t), p.getText());
                }
            }
            default -> { }
        }
    }
}
