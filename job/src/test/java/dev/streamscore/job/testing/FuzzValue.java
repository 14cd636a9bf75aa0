package dev.streamscore.job.testing;

import java.nio.charset.StandardCharsets;

/**
 * A generated input (a record value or a model file) and the generator that made it, for the
 * counts the fuzz tests print and for readable failure reports.
 *
 * @param kind  the generator, e.g. {@code mutated} or {@code hostile:deep-nesting}
 * @param bytes the value; null for a Kafka tombstone
 */
public record FuzzValue(String kind, byte[] bytes) {
    private static final int PREVIEW = 160;

    /** The generator family: the kind up to its first ':'. */
    public String family() {
        int colon = kind.indexOf(':');
        return colon < 0 ? kind : kind.substring(0, colon);
    }

    /** The kind, the size and the first bytes, control and non-ASCII bytes escaped: what a failure report shows. */
    @Override
    public String toString() {
        if (bytes == null) {
            return String.format("%s: null", kind);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, PREVIEW); i++) {
            int c = bytes[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return String.format("%s: %d bytes: %s%s", kind, bytes.length, s, bytes.length > PREVIEW ? "..." : "");
    }

    /** The bytes as UTF-8 text (for generators that build values as text). */
    public static FuzzValue text(String kind, String text) {
        return new FuzzValue(kind, text.getBytes(StandardCharsets.UTF_8));
    }
}
