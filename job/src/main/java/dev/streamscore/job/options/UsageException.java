package dev.streamscore.job.options;

/** A bad or missing flag: the launcher prints the message and the command's usage, exit status 2. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
