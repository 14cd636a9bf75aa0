package dev.streamscore.sql.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL file into statements. A {@code ;} ends a statement unless it is inside a string
 * literal ({@code '...'} with {@code ''} for a quote), a quoted identifier ({@code "..."} or
 * {@code `...`}), a comment ({@code -- ...} to the end of the line, {@code /* ... *}{@code /}), or
 * inside {@code EXECUTE STATEMENT SET BEGIN ... END}, which is one statement. Text that is only
 * white space and comments is not a statement; the last statement needs no {@code ;}.
 */
final class SqlScript {
    private final String text;
    private final List<Statement> statements = new ArrayList<>();
    /** The statement's words outside literals and comments, upper case, for the BEGIN ... END rule. */
    private final StringBuilder words = new StringBuilder();
    private int start = -1;
    private int startLine;
    private int startColumn;
    private int line = 1;
    private int lineStart;

    private SqlScript(String text) {
        this.text = text;
    }

    /** The statements of {@code text}, in order. */
    static List<Statement> split(String text) {
        SqlScript script = new SqlScript(text);
        script.scan();
        return script.statements;
    }

    private void scan() {
        int i = 0;
        final int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                i = skipTo(i, "\n");
                words.append(' ');
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = skipTo(i + 2, "*/");
                words.append(' ');
            } else if (c == '\'' || c == '"' || c == '`') {
                begin(i);
                i = skipQuoted(i, c);
                words.append(' ');
            } else if (c == ';' && !insideStatementSet()) {
                end(i);
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    begin(i);
                }
                if (start >= 0) {
                    words.append(Character.toUpperCase(c));
                }
                if (c == '\n') {
                    newLine(i);
                }
                i++;
            }
        }
        end(n);
    }

    /** Marks the start of a statement at {@code i} unless one has started. */
    private void begin(int i) {
        if (start < 0) {
            start = i;
            startLine = line;
            startColumn = i - lineStart + 1;
        }
    }

    /** Ends the current statement (if any) before {@code i}. */
    private void end(int i) {
        if (start >= 0) {
            statements.add(new Statement(text.substring(start, i).strip(), startLine, startColumn));
        }
        start = -1;
        words.setLength(0);
    }

    private void newLine(int i) {
        line++;
        lineStart = i + 1;
    }

    /** Index just after {@code terminator} searched from {@code from} (counting lines), or the end of the text. */
    private int skipTo(int from, String terminator) {
        int i = from;
        while (i < text.length()) {
            if (text.startsWith(terminator, i)) {
                if (terminator.equals("\n")) {
                    newLine(i);
                }
                return i + terminator.length();
            }
            if (text.charAt(i) == '\n') {
                newLine(i);
            }
            i++;
        }
        return i;
    }

    /** Index just after the quoted text opened at {@code open}; a doubled quote character is part of it. */
    private int skipQuoted(int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\n') {
                newLine(i);
            }
            i++;
        }
        return i;
    }

    /** True inside {@code EXECUTE STATEMENT SET BEGIN ...} until its {@code END}. */
    private boolean insideStatementSet() {
        String w = words.toString().trim().replaceAll("\\s+", " ");
        return w.startsWith("EXECUTE STATEMENT SET") && !w.matches(".*\\bEND");
    }
}
