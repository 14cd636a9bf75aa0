package dev.streamscore.job.records;

import java.util.Objects;

/**
 * A value that cannot be scored.
 *
 * @param error    the reason, naming the field and the expected shape, e.g. {@code features: expected 64 numbers, got 63}
 * @param source   where the value came from, e.g. {@code events@2:1045} (topic@partition:offset) or {@code input.jsonl:17}
 * @param raw      the original bytes, or their first bytes when the value was too large to keep whole
 *                 (empty for a null value)
 * @param rawBytes the size of the original value: {@code raw.length}, or more when {@code raw} is a prefix
 */
public record DeadLetter(String error, String source, byte[] raw, long rawBytes) implements ParseResult {
    public DeadLetter {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(raw, "raw");
        if (rawBytes < raw.length) {
            throw new IllegalArgumentException(String.format(
                    "rawBytes %d is less than the %d raw bytes kept", rawBytes, raw.length));
        }
    }

    /** A dead letter that keeps its whole value. */
    public DeadLetter(String error, String source, byte[] raw) {
        this(error, source, raw, raw.length);
    }
}
