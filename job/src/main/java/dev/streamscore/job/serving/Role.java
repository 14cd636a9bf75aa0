package dev.streamscore.job.serving;

import dev.streamscore.util.EnumNames;

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
        return EnumNames.of(this, '_');
    }

    /**
     * {@code "<role> <name@version>"}: the key of one model version in one role, under which its
     * evaluation, its gauges and its last evaluation record are kept.
     */
    public String key(String modelId) {
        return String.format("%s %s", label(), modelId);
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
        Role role = EnumNames.find(values(), value.strip(), '_');
        if (role != null) {
            return role;
        }
        throw new IllegalArgumentException(String.format(
                "header %s: expected %s or %s, got '%s'", HEADER, PRIMARY.label(), SHADOW.label(), value));
    }
}
