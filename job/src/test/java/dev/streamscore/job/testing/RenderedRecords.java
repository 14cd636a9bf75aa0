package dev.streamscore.job.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of the records the job writes, as a consumer of its topics sees them: one strict JSON
 * object each, dead letters within the size the sink was configured for, scores well formed.
 */
public final class RenderedRecords {
    /**
     * What a dead letter may take beyond its raw bytes (6 characters per byte at worst), as the
     * job's producer settings allow for (KafkaSettings.DEAD_LETTER_OVERHEAD).
     */
    public static final int DEAD_LETTER_OVERHEAD = 4096;
    /** The longest reason a dead letter gives, in characters, so that it fits that overhead. */
    public static final int MAX_REASON = 400;

    private static final Set<String> DEAD_LETTER_FIELDS = Set.of("error", "source", "raw", "raw_encoding",
            "raw_truncated", "raw_bytes");

    private RenderedRecords() {}

    /**
     * Checks a rendered dead letter and returns its reason: strict JSON with the contract's fields,
     * at most {@code 6·maxRaw + }{@value #DEAD_LETTER_OVERHEAD} bytes, a one-line reason of at most
     * {@value #MAX_REASON} characters, {@code source} as given, and {@code raw} the first bytes of
     * the value (as many as {@code maxRaw} allows, less a cut character), marked truncated with the
     * original size exactly when it is not all of it.
     *
     * @param value the value (or the part of it the job kept, for an oversized one); null for a tombstone
     * @param size  the size of the whole value
     */
    public static String assertDeadLetter(byte[] rendered, byte[] value, long size, int maxRaw, String source) {
        String text = new String(rendered, UTF_8);
        assertTrue(rendered.length <= 6L * maxRaw + DEAD_LETTER_OVERHEAD, () -> String.format(
                "a dead letter of %d bytes is over 6 x %d + %d: %s", rendered.length, maxRaw, DEAD_LETTER_OVERHEAD,
                preview(text)));
        Map<?, ?> fields = object(rendered);
        assertTrue(DEAD_LETTER_FIELDS.containsAll(fields.keySet()), () -> String.format("fields %s", fields.keySet()));
        String error = string(fields, "error");
        assertReason(error);
        assertEquals(source, string(fields, "source"));
        String encoding = string(fields, "raw_encoding");
        String raw = string(fields, "raw");
        byte[] kept = switch (encoding) {
            case "utf8" -> raw.getBytes(UTF_8);
            case "base64" -> Base64.getDecoder().decode(raw);
            default -> throw new AssertionError(String.format("raw_encoding %s", encoding));
        };
        byte[] original = value == null ? new byte[0] : value;
        assertTrue(kept.length <= maxRaw, () -> String.format("%d raw bytes kept, over %d", kept.length, maxRaw));
        assertTrue(kept.length <= original.length && Arrays.equals(kept, Arrays.copyOf(original, kept.length)),
                () -> String.format("raw is not the start of the value: %s", preview(text)));
        assertTrue(kept.length >= Math.min(maxRaw, original.length) - 3,
                () -> String.format("only %d of %d raw bytes kept within %d", kept.length, original.length, maxRaw));
        boolean truncated = kept.length < size;
        assertEquals(truncated, fields.containsKey("raw_truncated"), text.length() < 300 ? text : "raw_truncated");
        if (truncated) {
            assertEquals(Boolean.TRUE, fields.get("raw_truncated"));
            assertEquals(new StrictJson.Num(Long.toString(size)), fields.get("raw_bytes"));
        } else {
            assertTrue(!fields.containsKey("raw_bytes"), "raw_bytes only when truncated");
        }
        return error;
    }

    /**
     * A reason is one line of printable characters (no control character, line or paragraph
     * separator or lone surrogate), not blank, at most {@value #MAX_REASON} characters.
     */
    public static void assertReason(String reason) {
        assertTrue(reason != null && !reason.isBlank(), "a reason");
        assertTrue(reason.length() <= MAX_REASON, () -> String.format("a reason of %d characters: %s",
                reason.length(), preview(reason)));
        assertTrue(reason.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029),
                () -> String.format("a reason with a control character or line break: %s", preview(reason)));
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < reason.length() && Character.isLowSurrogate(reason.charAt(i + 1));
            int at = i;
            assertTrue(!Character.isSurrogate(c) || paired, () -> String.format("a lone surrogate at %d: %s", at, preview(reason)));
            if (paired) {
                i++;
            }
        }
    }

    /**
     * Checks a rendered score of a record of {@code classes} classes: strict JSON with {@code id},
     * {@code model}, {@code probabilities} (finite, in [0, 1], summing to 1 within 1e-9),
     * {@code predicted} (their arg-max, lowest index on ties) and {@code loss} (finite, and present
     * exactly when {@code labelled}).
     */
    public static Map<?, ?> assertScore(byte[] rendered, int classes, boolean labelled, String model) {
        Map<?, ?> fields = object(rendered);
        Set<String> expected = labelled ? Set.of("id", "model", "probabilities", "predicted", "loss")
                : Set.of("id", "model", "probabilities", "predicted");
        assertEquals(expected, fields.keySet());
        assertEquals(model, fields.get("model"));
        Object id = fields.get("id");
        assertTrue(id instanceof String || id instanceof StrictJson.Num, () -> String.format("id %s", id));
        List<?> p = (List<?>) fields.get("probabilities");
        assertEquals(classes, p.size());
        double sum = 0;
        int best = 0;
        for (int j = 0; j < classes; j++) {
            double pj = ((StrictJson.Num) p.get(j)).value();
            assertTrue(Double.isFinite(pj) && pj >= 0 && pj <= 1, () -> String.format("probabilities %s", p));
            sum += pj;
            if (pj > ((StrictJson.Num) p.get(best)).value()) {
                best = j;
            }
        }
        double total = sum;
        assertTrue(Math.abs(total - 1) <= 1e-9, () -> String.format("probabilities %s sum to %s", p, total));
        assertEquals(new StrictJson.Num(Integer.toString(best)), fields.get("predicted"), "the arg-max");
        if (labelled) {
            double loss = ((StrictJson.Num) fields.get("loss")).value();
            assertTrue(Double.isFinite(loss), () -> String.format("loss %s", loss));
        }
        return fields;
    }

    private static Map<?, ?> object(byte[] rendered) {
        try {
            if (StrictJson.parse(rendered) instanceof Map<?, ?> m) {
                return m;
            }
        } catch (StrictJson.NotJson e) {
            fail(String.format("not strict JSON (%s): %s", e.getMessage(), preview(new String(rendered, UTF_8))));
        }
        throw new AssertionError(String.format("not a JSON object: %s", preview(new String(rendered, UTF_8))));
    }

    private static String string(Map<?, ?> fields, String name) {
        if (fields.get(name) instanceof String s) {
            return s;
        }
        throw new AssertionError(String.format("%s: expected a string, got %s", name, fields.get(name)));
    }

    private static String preview(String s) {
        return s.length() <= 300 ? s : String.format("%s... (%d characters)", s.substring(0, 300), s.length());
    }
}
