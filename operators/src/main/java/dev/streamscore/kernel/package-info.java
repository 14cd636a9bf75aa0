/**
 * Dense numerical kernels behind one small interface, {@link dev.streamscore.kernel.DenseKernels}:
 * {@code y = x·Wᵀ + b} with W and b prepared once per layer, when a plan is compiled.
 *
 * <ul>
 *   <li>{@code VectorKernels} (package-private): a register-tiled, packed-weight GEMM on
 *       {@code jdk.incubator.vector}, used when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector}; only it, {@code VectorTiles} and
 *       {@code VectorWarmUp} link against the module, and they are loaded by name only once the
 *       module is known to be present ({@code KernelSelection}).</li>
 *   <li>{@link dev.streamscore.kernel.ScalarKernels}: the portable plain-Java fallback.</li>
 * </ul>
 * Both compute every output element with the same fused multiply-add chain (k ascending, then the
 * bias), so they give identical bits, whatever the batch size or tile.
 * {@link dev.streamscore.kernel.DenseKernels#best()} says which one this JVM uses, and why.
 */
package dev.streamscore.kernel;
