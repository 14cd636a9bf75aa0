package dev.streamscore.model;

/**
 * A model file or update that cannot be read; the message names the node, op or field at fault.
 * The message is one line of at most {@value #MAX_MESSAGE} characters (and a count of the rest),
 * whatever names the file holds: a refused model's reason goes to logs and to a dead-letter topic.
 */
public class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** The most characters of a message kept. */
    static final int MAX_MESSAGE = 1_000;

    public ModelFormatException(String message) {
        super(oneLine(message));
    }

    public ModelFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * {@code message} with line breaks as spaces, cut to {@value #MAX_MESSAGE} characters (not
     * inside a surrogate pair): the form of every message about a model, also of those made
     * outside the readers (a model update's refusal).
     */
    public static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        String line = message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')
                .replace('\u2028', ' ').replace('\u2029', ' ');
        if (line.length() <= MAX_MESSAGE) {
            return line;
        }
        int keep = Character.isHighSurrogate(line.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE;
        return String.format("%s... (%d more characters)", line.substring(0, keep), line.length() - keep);
    }
}
