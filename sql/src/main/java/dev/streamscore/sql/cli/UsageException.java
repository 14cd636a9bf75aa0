package dev.streamscore.sql.cli;

/** A bad or missing flag: the command prints the message and its usage and exits with status 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
