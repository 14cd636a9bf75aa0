/**
 * Compilation of a {@link dev.streamscore.graph.Graph} into an executable
 * {@link dev.streamscore.plan.CompiledGraph}: fixed order, inferred and checked widths, and
 * preallocated buffers reshaped per batch, so a steady-state forward pass allocates nothing.
 */
package dev.streamscore.plan;
