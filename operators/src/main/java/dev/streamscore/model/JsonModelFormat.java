package dev.streamscore.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The streamscore JSON model format ({@value #FORMAT}): a graph and its parameters in one file,
 * read and written with Jackson's streaming API. Doubles are written with
 * {@link Double#toString(double)}, which round-trips, so save then load gives the same bits.
 * The format is described in {@code docs/model-format.md}.
 */
public final class JsonModelFormat {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "streamscore-model/1";

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonModelFormat() {}

    /**
     * A JSON model as read.
     *
     * @param name    the model's {@code name}, or null when the file does not set one
     * @param version the model's {@code version}, or null when the file does not set one
     * @param graph   the graph
     * @param featureFields the event fields the features come from (top-level {@code "features"}), or none
     */
    public record Document(String name, String version, Graph graph, List<String> featureFields) {}

    /**
     * Parses a JSON model.
     *
     * @throws ModelFormatException naming the node and field at fault (or the JSON syntax error and
     *                              its line and column)
     */
    public static Document read(byte[] bytes) {
        return JsonModelReader.read(bytes);
    }

    /** The model as UTF-8 JSON bytes (name and version included). */
    public static byte[] toBytes(Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the model as JSON to {@code out}, nodes in ascending id order; {@code out} is flushed,
     * not closed.
     *
     * @throws ModelFormatException when a parameter is NaN or infinite (JSON cannot hold it)
     */
    public static void write(Model model, OutputStream out) throws IOException {
        Graph graph = model.graph();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new JsonLayout());
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("name", model.name());
            g.writeStringField("version", model.version());
            if (!model.featureFields().isEmpty()) {
                g.writeArrayFieldStart("features");
                for (String f : model.featureFields()) {
                    g.writeString(f);
                }
                g.writeEndArray();
            }
            g.writeNumberField("output", graph.outputId());
            g.writeArrayFieldStart("nodes");
            for (Node n : graph.nodes()) {
                writeNode(g, n);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeNode(JsonGenerator g, Node n) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", n.id());
        g.writeStringField("op", n.op().jsonName());
        if (n.inputs().length > 0) {
            g.writeArrayFieldStart("inputs");
            for (int in : n.inputs()) {
                g.writeNumber(in);
            }
            g.writeEndArray();
        }
        if (n instanceof Node.Input input) {
            g.writeStringField("name", input.name());
            g.writeNumberField("width", input.width());
        } else if (n instanceof Node.Linear linear) {
            DMatrixRMaj w = linear.weight();
            g.writeArrayFieldStart("weight");
            for (int r = 0; r < w.numRows; r++) {
                g.writeStartArray();
                for (int c = 0; c < w.numCols; c++) {
                    writeFinite(g, w.get(r, c), n, "weight");
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            writeVector(g, "bias", linear.bias(), n);
        } else if (n instanceof Node.Unary unary && unary.op().attribute() != null) {
            g.writeFieldName(unary.op().attribute());
            writeFinite(g, unary.attribute(), n, unary.op().attribute());
        } else if (n instanceof Node.WithConstant c) {
            writeVector(g, "constant", c.constant(), n);
        }
        g.writeEndObject();
    }

    private static void writeVector(JsonGenerator g, String field, double[] values, Node n) throws IOException {
        g.writeArrayFieldStart(field);
        for (double v : values) {
            writeFinite(g, v, n, field);
        }
        g.writeEndArray();
    }

    private static void writeFinite(JsonGenerator g, double v, Node n, String field) throws IOException {
        if (!Double.isFinite(v)) {
            throw new ModelFormatException(String.format(
                    "node %d (%s): %s holds %s, which JSON cannot represent", n.id(), n.op().jsonName(), field, v));
        }
        g.writeNumber(v);
    }
}
