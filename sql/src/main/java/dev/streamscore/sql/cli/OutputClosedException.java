package dev.streamscore.sql.cli;

/** Standard output was closed (e.g. piped into {@code head}) while rows were being printed. */
final class OutputClosedException extends Exception {
    private static final long serialVersionUID = 1L;

    OutputClosedException() {
        super("standard output was closed; the query was cancelled");
    }
}
