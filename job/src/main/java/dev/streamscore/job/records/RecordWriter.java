package dev.streamscore.job.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.streamscore.score.Scores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes every JSON record the job and the offline scorer produce: scores, dead letters (of
 * records and of refused model updates) and evaluations. One compact UTF-8 JSON object each, no
 * trailing newline; doubles as the shortest decimal that reads back to the same bits.
 */
public final class RecordWriter {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    /** For the reused generators of score records: one record after another, nothing between them. */
    private static final JsonFactory REUSED_JSON = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .rootValueSeparator("")
            .build();
    private static final ThreadLocal<Reused> REUSED = ThreadLocal.withInitial(Reused::new);

    private RecordWriter() {}

    /**
     * A thread's generator and the buffer it writes into, kept from one score record to the next:
     * the job writes one per record, and a new generator and a growing buffer each time made three
     * of every four bytes it allocated for the record's output.
     */
    private static final class Reused {
        final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
        final JsonGenerator generator;

        Reused() {
            try {
                generator = REUSED_JSON.createGenerator(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * {@code {"id": ..., "model": "name@version", "probabilities": [...], "predicted": 2, "loss": ...}}
     * for row {@code row} of {@code scores}; {@code loss} is present exactly when the row had a label.
     * Written by this thread's reused generator; one that failed half-way is dropped, not reused.
     */
    public static byte[] score(RecordId id, String modelId, Scores scores, int row) {
        Reused reused = REUSED.get();
        try {
            JsonGenerator g = reused.generator;
            g.writeStartObject();
            g.writeFieldName("id");
            if (id.numeric()) {
                g.writeNumber(id.text());
            } else {
                g.writeString(id.text());
            }
            g.writeStringField("model", modelId);
            g.writeArrayFieldStart("probabilities");
            for (int j = 0; j < scores.classes(); j++) {
                g.writeNumber(scores.probability(row, j));
            }
            g.writeEndArray();
            g.writeNumberField("predicted", scores.predicted(row));
            if (scores.hasLoss(row)) {
                g.writeNumberField("loss", scores.loss(row));
            }
            g.writeEndObject();
            g.flush();
            byte[] value = reused.buffer.toByteArray();
            reused.buffer.reset();
            return value;
        } catch (IOException | RuntimeException e) {
            REUSED.remove();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * {@code {"error": ..., "source": ..., "raw": ..., "raw_encoding": "utf8"|"base64"}}: {@code raw} is
     * the original value as text when it is valid UTF-8, else its base64 (RFC 4648, padded). A value
     * of more than {@code maxRawBytes} bytes (or one kept only in part) keeps its first bytes, cut
     * before a partial UTF-8 character, and adds {@code "raw_truncated": true} and
     * {@code "raw_bytes": N} (the original size), so a dead letter always fits a Kafka record:
     * escaping can make each raw byte at most 6 characters.
     */
    public static byte[] deadLetter(DeadLetter d, int maxRawBytes) {
        byte[] raw = d.raw();
        boolean truncated = d.rawBytes() > raw.length || raw.length > maxRawBytes;
        int kept = Math.min(raw.length, maxRawBytes);
        boolean text = Utf8.isValid(raw, Utf8.boundary(raw, kept));
        if (text) {
            kept = Utf8.boundary(raw, kept);
        }
        ByteArrayBuilder buffer = new ByteArrayBuilder(96 + kept * (text ? 1 : 2));
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            deadLetterFields(g, d.error(), d.source(), raw, kept, text);
            if (truncated) {
                g.writeBooleanField("raw_truncated", true);
                g.writeNumberField("raw_bytes", d.rawBytes());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * The dead letter of a refused model update, for {@code <model-topic>.dlq}: the dead-letter
     * fields with the raw value always in base64 (a model file is usually binary), cut like a
     * record's to its first {@code maxRawBytes} bytes with {@code "raw_truncated": true} and
     * {@code "raw_bytes": N} (a refused model must fit the sink too: base64 makes a model of
     * 800 kB more than a producer's default 1 MiB), then {@code model}, {@code version} and
     * {@code role} when they are known (null: left out).
     */
    public static byte[] modelRefusal(String reason, String source, byte[] raw, int maxRawBytes, String model,
                                      String version, String role) {
        int kept = Math.min(raw.length, maxRawBytes);
        ByteArrayBuilder buffer = new ByteArrayBuilder(192 + reason.length() + kept * 4 / 3);
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            deadLetterFields(g, reason, source, raw, kept, false);
            if (kept < raw.length) {
                g.writeBooleanField("raw_truncated", true);
                g.writeNumberField("raw_bytes", raw.length);
            }
            optional(g, "model", model);
            optional(g, "version", version);
            optional(g, "role", role);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * An evaluation, for {@code --eval-topic}: {@code {"model": "name@version", "role": "primary",
     * "subtask": 0, "window": 1000, "count": 1000, "mean_loss": 0.12, "accuracy": 0.97, "timestamp": ms}};
     * {@code mean_loss} and {@code accuracy} are null when not finite (an empty window).
     */
    public static byte[] evaluation(String modelId, String role, int subtask, int window, int count,
                                    double meanLoss, double accuracy, long timestamp) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(192);
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("model", modelId);
            g.writeStringField("role", role);
            g.writeNumberField("subtask", subtask);
            g.writeNumberField("window", window);
            g.writeNumberField("count", count);
            finiteOrNull(g, "mean_loss", meanLoss);
            finiteOrNull(g, "accuracy", accuracy);
            g.writeNumberField("timestamp", timestamp);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The contract's dead-letter fields, {@code raw} being the first {@code kept} bytes of {@code raw}. */
    private static void deadLetterFields(JsonGenerator g, String error, String source, byte[] raw, int kept, boolean text)
            throws IOException {
        g.writeStringField("error", error);
        g.writeStringField("source", source);
        g.writeStringField("raw", text ? new String(raw, 0, kept, StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(kept == raw.length ? raw : Arrays.copyOf(raw, kept)));
        g.writeStringField("raw_encoding", text ? "utf8" : "base64");
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void finiteOrNull(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }
}
