/**
 * Forward graphs as descriptions: {@link dev.streamscore.graph.Node nodes} (op, inputs,
 * attributes) in a {@link dev.streamscore.graph.Graph}, their deterministic
 * {@link dev.streamscore.graph.TopologicalSort execution order}, and helpers that build graphs
 * ({@link dev.streamscore.graph.MlpBuilder}, {@link dev.streamscore.graph.Init}).
 */
package dev.streamscore.graph;
