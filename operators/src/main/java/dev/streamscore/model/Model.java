package dev.streamscore.model;

import dev.streamscore.graph.Graph;
import java.util.List;
import java.util.Objects;

/**
 * A named, versioned forward graph: what the engine scores with.
 *
 * @param name          the model's name (from the file name, the JSON model, or a model update's key)
 * @param version       the version: set by the model, or the first 12 hex digits of the SHA-256 of its bytes
 * @param graph         the forward graph
 * @param featureFields the event fields the model's features come from, in input order (top-level
 *                      names or dotted paths such as {@code merchant.risk}), when the model names
 *                      them; empty when it does not
 */
public record Model(String name, String version, Graph graph, List<String> featureFields) {
    public Model {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(graph, "graph");
        featureFields = List.copyOf(featureFields);
    }

    /** A model that names no feature fields. */
    public Model(String name, String version, Graph graph) {
        this(name, version, graph, List.of());
    }

    /** {@code name@version}, as written on every output record. */
    public String id() {
        return name + "@" + version;
    }
}
