package dev.streamscore.model;

import dev.streamscore.util.Excerpt;

/**
 * A model file or update that cannot be read; the message names the node, op or field at fault.
 * The message is kept to one line of at most {@link Excerpt#MESSAGE} characters, whatever names
 * the file holds.
 */
public class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(Excerpt.oneLine(message));
    }

    public ModelFormatException(String message, Throwable cause) {
        super(Excerpt.oneLine(message), cause);
    }
}
