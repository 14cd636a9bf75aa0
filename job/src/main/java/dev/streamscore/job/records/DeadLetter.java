package dev.streamscore.job.records;

import java.util.Objects;

/**
 * A value that cannot be scored.
 *
 * @param error  the reason, naming the field and the expected shape, e.g. {@code features: expected 64 numbers, got 63}
 * @param source where the value came from, e.g. {@code events@2:1045} (topic@partition:offset) or {@code input.jsonl:17}
 * @param raw    the original bytes (empty for a null value)
 */
public record DeadLetter(String error, String source, byte[] raw) implements ParseResult {
    public DeadLetter {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(raw, "raw");
    }
}
