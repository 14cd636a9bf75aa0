package dev.streamscore.job.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Helpers of {@link RecordParser}: describing a token, naming where the parser is, checking
 * skipped values. Whatever a reason quotes from the value or the layout (a string, a number, a
 * field name, a path) goes through {@link #printable}, so a reason stays one short line whatever
 * the value holds.
 */
final class JsonValues {
    /** The most characters of a token a reason quotes. */
    private static final int PREVIEW = 24;
    /** The most characters of one field name in a path (a long real name still fits). */
    private static final int NAME = 64;
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

    /** {@code s} cut to {@value #PREVIEW} characters, escaped as in {@link #printable}. */
    static String preview(String s) {
        return printable(s, PREVIEW);
    }

    /**
     * {@code s} fit for a one-line reason: at most {@code max} characters of it followed by
     * {@code ...} when there were more, never cut inside a surrogate pair; control characters,
     * line and paragraph separators and lone surrogates are written as JSON escapes them,
     * {@code \\u} and four hex digits, so that a reason is one line of plain text whatever the
     * value held (a lone surrogate could not even be written as UTF-8).
     */
    static String printable(String s, int max) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        int i = 0;
        for (int kept = 0; i < s.length() && kept < max; kept++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
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
     * Inside an array the index is that of the current element. Names are shown by {@link #name}
     * and the path by {@link #shorten}, as {@link #path(String)} shows a layout's paths.
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
        return shorten(s.toString());
    }

    /**
     * A layout's dotted path ({@code merchant.risk}) as a reason shows it: shown as the parser
     * shows where it is in a record ({@link #path(JsonStreamContext)}), so a field's reasons name
     * it the same way whether it is missing or holds a bad value.
     */
    static String path(String dotted) {
        StringBuilder s = new StringBuilder();
        for (String name : dotted.split("\\.", -1)) {
            s.append(s.length() > 0 ? "." : "").append(name(name));
        }
        return shorten(s.toString());
    }

    /**
     * A field name for a reason: at most {@value #NAME} characters, escaped (see {@link #printable});
     * the empty name as {@code ""}, so that the reason names it.
     */
    static String name(String name) {
        return name.isEmpty() ? "\"\"" : printable(name, NAME);
    }

    /** A path of more than {@value #MAX_PATH} characters (deep nesting) as its start and its end, not cutting a character. */
    private static String shorten(String path) {
        if (path.length() <= MAX_PATH) {
            return path;
        }
        int head = MAX_PATH / 2;
        int tail = path.length() - MAX_PATH / 2;
        if (Character.isHighSurrogate(path.charAt(head - 1))) {
            head--;
        }
        if (Character.isLowSurrogate(path.charAt(tail))) {
            tail++;
        }
        return String.format("%s...%s", path.substring(0, head), path.substring(tail));
    }

    /**
     * The error of the field name the parser is on, which its object (where the parser is, just past the
     * name) already had, e.g. {@code meta.tags: duplicate field}; the path is the parser's, cut and escaped
     * as every path in a reason ({@link #path(JsonStreamContext)}).
     */
    static Invalid duplicate(JsonParser p) {
        return new Invalid("%s: duplicate field", path(p.getParsingContext()));
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
                        throw duplicate(p);
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
                    throw new Invalid("%s: %s is not a JSON number", where(p, t), preview(p.getText()));
                }
            }
            default -> { }
        }
    }
}
