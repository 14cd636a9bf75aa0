package dev.streamscore.util;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Jackson's syntax and limit errors worded for users: one line, without what only a programmer
 * can act on (the parser features to enable, the {@code [Source: ...]} excerpt, the constraint
 * getter a limit comes from). The caller adds where the error is (line, column).
 */
public final class JsonErrors {
    private JsonErrors() {}

    /**
     * E.g. {@code Unexpected character ('x' (code 120)): expected a JSON value} or
     * {@code Non-standard token 'NaN'}.
     */
    public static String message(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int cut = message.indexOf('\n');
        message = (cut >= 0 ? message.substring(0, cut) : message)
                .replaceAll(" \\(start marker at \\[Source: [^]]*]\\)", "")
                .replaceAll(" ?\\[Source: [^]]*]", "")
                .replaceAll(", from `[^`]*`\\)", ")")
                .replaceAll(": enable `[^`]*` to allow", "")
                .replaceAll(" \\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)", " (JSON has none)");
        int expecting = message.indexOf(": was expecting (JSON String");
        if (expecting >= 0) {
            message = String.format("%s: expected a JSON value", message.substring(0, expecting));
        }
        return Excerpt.oneLine(message);
    }
}
