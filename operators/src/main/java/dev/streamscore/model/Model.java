package dev.streamscore.model;

import dev.streamscore.graph.Graph;
import java.util.Objects;

/**
 * A named, versioned forward graph: what the engine scores with.
 *
 * @param name    the model's name (from the file name, the JSON model, or a model update's key)
 * @param version the version: set by the model, or the first 12 hex digits of the SHA-256 of its bytes
 * @param graph   the forward graph
 */
public record Model(String name, String version, Graph graph) {
    public Model {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(graph, "graph");
    }

    /** {@code name@version}, as written on every output record. */
    public String id() {
        return name + "@" + version;
    }
}
