package dev.streamscore.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * The layout of written JSON models: one top-level field per line, one node per line, everything
 * inside a node on that line. Decides by the generator's output context, so it holds no state.
 */
final class JsonLayout implements PrettyPrinter {

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (isModelObject(g.getOutputContext())) {
            g.writeRaw("\n  ");
        }
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(isModelObject(g.getOutputContext()) ? ",\n  " : ", ");
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        g.writeRaw(isModelObject(g.getOutputContext()) ? "\n}" : "}");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (isNodeList(g.getOutputContext())) {
            g.writeRaw("\n    ");
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(isNodeList(g.getOutputContext()) ? ",\n    " : ", ");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        g.writeRaw(isNodeList(g.getOutputContext()) && values > 0 ? "\n  ]" : "]");
    }

    private static boolean isModelObject(JsonStreamContext c) {
        return c.inObject() && c.getParent() != null && c.getParent().inRoot();
    }

    private static boolean isNodeList(JsonStreamContext c) {
        return c.inArray() && c.getParent() != null && isModelObject(c.getParent());
    }
}
