/**
 * Dense numerical kernels behind one small interface, {@link dev.streamscore.kernel.DenseKernels};
 * {@link dev.streamscore.kernel.ScalarKernels} is the portable default.
 */
package dev.streamscore.kernel;
