package dev.streamscore.job.testing;

/** Writing JSON text by hand in the fuzz generators. */
public final class Json {
    private Json() {}

    /**
     * {@code s} as a JSON string literal. Quotes, backslashes, control characters and lone
     * surrogates are always escaped (a lone surrogate has no UTF-8 form); with {@code escapeAll}
     * every other non-ASCII character is written as {@code \}{@code uXXXX} too.
     */
    public static String quote(String s, boolean escapeAll) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (escapeAll && c > 0x7e) || (Character.isSurrogate(c) && !pair
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
