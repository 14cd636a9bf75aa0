package dev.streamscore.sql.cli;

/**
 * One statement of a SQL file.
 *
 * @param sql    its text, from its first token to before its terminating {@code ;}
 * @param line   the line of its first token (from 1)
 * @param column the column of its first token (from 1)
 */
record Statement(String sql, int line, int column) {
    /**
     * The text preceded by line breaks and spaces so that its first token is at {@link #line()} and
     * {@link #column()}: the positions in Flink's messages are then those of the file.
     */
    String positioned() {
        return "\n".repeat(line - 1) + " ".repeat(column - 1) + sql;
    }

    /** The first word, upper case ({@code SELECT}, {@code INSERT}, {@code CREATE}, ...), or "" when it is a parenthesis. */
    String keyword() {
        int end = 0;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }
}
