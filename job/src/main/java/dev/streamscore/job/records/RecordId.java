package dev.streamscore.job.records;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A record id: a JSON string, or a JSON number kept as its text so that it is written back
 * exactly as it came ({@code 007} is not JSON, but {@code 1e3} stays {@code 1e3}).
 *
 * @param text    the string's content, or the number's JSON text
 * @param numeric true when the id is written as a JSON number
 */
public record RecordId(String text, boolean numeric) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** @throws IllegalArgumentException when {@code numeric} and {@code text} is not a JSON number */
    public RecordId {
        Objects.requireNonNull(text, "text");
        if (numeric && !JSON_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException(String.format("not a JSON number: '%s'", text));
        }
    }

    /** An id written as a JSON string. */
    public static RecordId ofString(String text) {
        return new RecordId(text, false);
    }

    /** An id written as a JSON number; {@code text} must be JSON number text. */
    public static RecordId ofNumber(String text) {
        return new RecordId(text, true);
    }

    /** An id written as a JSON integer, e.g. a line number. */
    public static RecordId ofNumber(long value) {
        return new RecordId(Long.toString(value), true);
    }

    @Override
    public String toString() {
        return text;
    }
}
