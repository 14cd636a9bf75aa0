package dev.streamscore.job.cli;

/** A failure with a one-line reason for the user (exit status 1), e.g. a model that does not load. */
public class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
