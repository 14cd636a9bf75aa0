package dev.streamscore.job.lifecycle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The JSON records of the model lifecycle, one compact UTF-8 object each (doubles round-trip):
 * <ul>
 *   <li>a refused model update, for {@code <model-topic>.dlq}:
 *   {@code {"error": ..., "source": "models@0:12", "raw": <base64>, "raw_encoding": "base64",
 *   "model": name, "version": v, "role": "primary"}} (model, version and role only when known);</li>
 *   <li>an evaluation, for {@code --eval-topic}: {@code {"model": "name@version", "role": "primary",
 *   "subtask": 0, "window": 1000, "count": 1000, "mean_loss": 0.12, "accuracy": 0.97, "timestamp": ms}}.</li>
 * </ul>
 */
public final class LifecycleRecords {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private LifecycleRecords() {}

    /** The dead letter of a refused update: the contract's dead-letter fields, the raw value always base64. */
    public static byte[] refusal(UpdateDecision.Refuse refusal, ModelUpdate update) {
        byte[] raw = update.value() == null ? new byte[0] : update.value();
        ByteArrayBuilder buffer = new ByteArrayBuilder(160 + raw.length * 4 / 3);
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("error", refusal.reason());
            g.writeStringField("source", update.source());
            g.writeStringField("raw", Base64.getEncoder().encodeToString(raw));
            g.writeStringField("raw_encoding", "base64");
            if (refusal.name() != null) {
                g.writeStringField("model", refusal.name());
            }
            if (refusal.version() != null) {
                g.writeStringField("version", refusal.version());
            }
            if (refusal.role() != null) {
                g.writeStringField("role", refusal.role().label());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** One evaluation record; {@code mean_loss} and {@code accuracy} are null when not finite (an empty window). */
    public static byte[] evaluation(String modelId, Role role, int subtask, RollingEvaluation e, long timestamp) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(192);
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("model", modelId);
            g.writeStringField("role", role.label());
            g.writeNumberField("subtask", subtask);
            g.writeNumberField("window", e.window());
            g.writeNumberField("count", e.count());
            number(g, "mean_loss", e.meanLoss());
            number(g, "accuracy", e.accuracy());
            g.writeNumberField("timestamp", timestamp);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return buffer.toByteArray();
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }
}
