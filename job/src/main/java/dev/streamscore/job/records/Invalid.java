package dev.streamscore.job.records;

/** Thrown inside the parser to turn a value into a dead letter; cheap (no stack trace). */
final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String format, Object... args) {
        super(String.format(format, args), null, false, false);
    }
}
