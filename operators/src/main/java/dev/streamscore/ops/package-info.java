/**
 * The maths of each op, as small static functions over EJML {@code DMatrixRMaj} in float64:
 * inputs first, output last; the output is reshaped (never reallocated when large enough) and
 * overwritten; nothing is allocated.
 */
package dev.streamscore.ops;
