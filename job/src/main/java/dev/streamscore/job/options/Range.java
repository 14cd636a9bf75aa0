package dev.streamscore.job.options;

/**
 * The integers a numeric flag accepts, declared once with the flag's name: the command line's
 * parsing and the options' {@code build()} word their errors with it, e.g.
 * {@code --batch-size: expected an integer >= 1, got '0'}.
 *
 * @param flag the flag's name without dashes, e.g. {@code batch-size}
 */
public record Range(String flag, long min, long max) {

    public static Range atLeast(String flag, long min) {
        return new Range(flag, min, Long.MAX_VALUE);
    }

    public static Range between(String flag, long min, long max) {
        return new Range(flag, min, max);
    }

    /** {@code v} when it is in range. @throws IllegalArgumentException naming the flag and the range */
    public long check(long v) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(error(Long.toString(v)));
        }
        return v;
    }

    /**
     * {@code text} as an integer of at most {@code typeMax} (Integer.MAX_VALUE for an int), not yet
     * checked against the range; {@link #check} does that.
     *
     * @throws UsageException naming the flag and the range when it is not such an integer
     */
    public long parse(String text, long typeMax) {
        try {
            long v = Long.parseLong(text.strip());
            if (v <= typeMax) {
                return v;
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new UsageException(error(text));
    }

    /** {@code text} parsed and checked. @throws UsageException naming the flag and the range */
    public long parseChecked(String text, long typeMax) {
        long v = parse(text, typeMax);
        if (v < min || v > max) {
            throw new UsageException(error(text));
        }
        return v;
    }

    private String error(String got) {
        String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? String.format("an integer >= %d", min)
                : String.format("an integer from %d to %d", min, max);
        return String.format("--%s: expected %s, got '%s'", flag, range, got);
    }
}
