package dev.streamscore.job.lifecycle;

import java.util.Locale;

/**
 * What a model does in the job: the {@link #PRIMARY} model scores every record and names the
 * outputs; the {@link #SHADOW} model scores the same batches for evaluation only (its scores are
 * never written).
 */
public enum Role {
    PRIMARY, SHADOW;

    /** The Kafka header that names the role of a model update. */
    public static final String HEADER = "role";

    /** The header value and the name in metrics and evaluation records: {@code primary} or {@code shadow}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role a {@value #HEADER} header names; no header is {@link #PRIMARY}.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static Role ofHeader(String value) {
        if (value == null) {
            return PRIMARY;
        }
        for (Role r : values()) {
            if (r.label().equals(value.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException(String.format(
                "header %s: expected %s or %s, got '%s'", HEADER, PRIMARY.label(), SHADOW.label(), value));
    }
}
