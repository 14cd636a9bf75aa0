package dev.streamscore.sql.cli;

/** One-line reasons from Flink's exceptions, whose messages span lines and nest causes. */
final class Failures {
    private Failures() {}

    /**
     * The first line of each message along the cause chain that says something new, joined with
     * ": " (Flink often wraps the reason, e.g. "Unable to create a model provider for model 'm'" around
     * the provider's own message, or repeats a cause's message in its own).
     */
    static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            String first = message.strip().lines().findFirst().orElse("").strip();
            if (first.endsWith(".")) {
                first = first.substring(0, first.length() - 1);
            }
            if (first.isEmpty() || line.indexOf(first) >= 0) {
                continue;
            }
            if (line.length() > 0) {
                line.append(": ");
            }
            line.append(first);
        }
        return line.length() > 0 ? line.toString() : e.getClass().getSimpleName();
    }
}
