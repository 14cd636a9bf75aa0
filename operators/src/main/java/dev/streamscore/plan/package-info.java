/**
 * Compilation of a {@link dev.streamscore.graph.Graph} into its {@link dev.streamscore.plan.Plan}:
 * fixed order, inferred and checked widths, and preallocated buffers reshaped per batch, so a
 * steady-state forward pass allocates nothing.
 */
package dev.streamscore.plan;
