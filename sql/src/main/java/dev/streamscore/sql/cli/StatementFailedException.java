package dev.streamscore.sql.cli;

/** A statement of the file failed: the message names the file, the statement's line and the reason. */
final class StatementFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    StatementFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
