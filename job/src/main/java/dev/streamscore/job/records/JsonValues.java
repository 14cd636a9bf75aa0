package dev.streamscore.job.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Helpers of {@link RecordParser}: describing a token, naming where the parser is, checking
 * skipped values. Whatever a reason quotes from the value (a string, a number, a field name, a
 * path) goes through {@link #printable}, so a reason stays one short line whatever the value holds.
 */
final class JsonValues {
    /** The most characters of a token or of a field name a reason quotes. */
    private static final int PREVIEW = 24;
    /** The most characters of a path a reason gives (the start and the end of a longer one). */
    private static final int MAX_PATH = 100;

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
        return printable(s, PREVIEW);
    }

    /**
     * {@code s} fit for a one-line reason: at most {@code max} characters of it followed by
     * {@code ...} when there were more, never cut inside a surrogate pair; control characters,
     * line and paragraph separators and lone surrogates written as JSON escapes them,
     * {@code \\u} and four hex digits, so that a reason is one line of plain text whatever the
     * value held.
     */
    static String printable(String s, int max) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        int i = 0;
        for (int kept = 0; i < s.length() && kept < max; kept++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                out.append(c).append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
            i++;
        }
        return i < s.length() ? out.append("...").toString() : out.toString();
    }

    /** Where the token {@code t} just read is, e.g. {@code features[3]} (also when it starts an array or object). */
    static String where(JsonParser p, JsonToken t) {
        JsonStreamContext context = p.getParsingContext();
        return path(t.isStructStart() ? context.getParent() : context);
    }

    /**
     * Where the parser is, e.g. {@code features[3]} or {@code meta.tags[0]}; empty at the top level.
     * Inside an array the index is that of the current element. Names are cut like tokens, and a
     * path of more than {@value #MAX_PATH} characters (deep nesting) keeps its start and its end.
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
                s.append(s.length() > 0 ? "." : "").append(name(c.getCurrentName()));
            }
        }
        return s.length() <= MAX_PATH ? s.toString()
                : String.format("%s...%s", s.substring(0, MAX_PATH / 2), s.substring(s.length() - MAX_PATH / 2));
    }

    /** A field name for a reason (see {@link #printable}); the empty name as {@code ""}, so that the reason names it. */
    static String name(String name) {
        return name.isEmpty() ? "\"\"" : printable(name, PREVIEW);
    }

    /**
     * Reads past the value starting at token {@code t}, checking what the tokenizer does not:
     * no duplicate field names and no NaN or Infinity, which are not JSON.
     */
    static void skip(JsonParser p, JsonToken t) throws IOException, Invalid {
        switch (t) {
            case START_OBJECT -> {
                Set<String> names = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    if (names == null) {
                        names = new HashSet<>();
                    }
                    if (!names.add(p.currentName())) {
                        throw new Invalid("%s: duplicate field", path(p.getParsingContext()));
                    }
                    skip(p, p.nextToken());
                }
            }
            case START_ARRAY -> {
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    skip(p, next);
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
