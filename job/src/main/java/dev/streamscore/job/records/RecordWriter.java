package dev.streamscore.job.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.streamscore.score.Score;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes output and dead-letter records: one compact JSON object, UTF-8, no trailing newline.
 * Doubles are written as the shortest decimal that reads back to the same bits.
 */
public final class RecordWriter {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private RecordWriter() {}

    /**
     * {@code {"id": ..., "model": "name@version", "probabilities": [...], "predicted": 2, "loss": ...}};
     * {@code loss} is present exactly when {@link Score#hasLoss()}.
     */
    public static byte[] score(RecordId id, String modelId, Score score) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(64 + 24 * score.probabilities().length);
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeFieldName("id");
            if (id.numeric()) {
                g.writeNumber(id.text());
            } else {
                g.writeString(id.text());
            }
            g.writeStringField("model", modelId);
            g.writeArrayFieldStart("probabilities");
            for (double p : score.probabilities()) {
                g.writeNumber(p);
            }
            g.writeEndArray();
            g.writeNumberField("predicted", score.predicted());
            if (score.hasLoss()) {
                g.writeNumberField("loss", score.loss());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * {@code {"error": ..., "source": ..., "raw": ..., "raw_encoding": "utf8"|"base64"}}: {@code raw} is
     * the original value as text when it is valid UTF-8, else its base64 (RFC 4648, padded).
     */
    public static byte[] deadLetter(DeadLetter d) {
        boolean text = Utf8.isValid(d.raw());
        ByteArrayBuilder buffer = new ByteArrayBuilder(96 + d.raw().length * (text ? 1 : 2));
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("error", d.error());
            g.writeStringField("source", d.source());
            g.writeStringField("raw", text
                    ? new String(d.raw(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(d.raw()));
            g.writeStringField("raw_encoding", text ? "utf8" : "base64");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
