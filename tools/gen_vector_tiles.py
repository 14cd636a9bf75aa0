#!/usr/bin/python3
"""Writes operators/src/main/java/dev/streamscore/kernel/VectorTiles.java: the register tiles of the
vector kernels, one method per shape (ROWS or 1 rows × 1 to 4 vectors of outputs), so that every
accumulator is a local variable the JIT keeps in a register.

    /usr/bin/python3 tools/gen_vector_tiles.py [--rows R] [--unroll U]

A tile computes a range [k0, k1) of the k steps: it starts from +0.0 (the first range) or from the
partial sums it stored in y (a later range), and adds the bias after the last range. Storing a
double and loading it again is exact, so cutting the k loop into ranges (cache blocking) changes
the instructions, not the arithmetic. With --unroll U > 1 the k loop is unrolled by U (each
accumulator still takes its k steps in ascending order, one fused multiply-add each), then
finishes one step at a time; the committed tiles use the default, 1. The loop's bounds and
indices are affine in k, so the JIT's range-check elimination applies.

Measured here (Xeon, AVX-512, JDK 17, rows per CPU-second, 784->256 and 64->64 layers): 5 rows
× 4 vectors (20 accumulators) beat 4 × 3 by 10-20% and 6 × 4 or 8 × 3 by a few percent (those
spill more general registers); unrolling by 4 gives tiles C1 cannot compile ("out of virtual
registers"), by 2 measured no slower.
"""
import argparse
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir))
OUT = os.path.join(ROOT, "operators", "src", "main", "java", "dev", "streamscore", "kernel", "VectorTiles.java")
ROWS = 5
UNROLL = 1
MAX_VECTORS = 4


def vec(n, unit="V"):
    return "0" if n == 0 else (unit if n == 1 else "%d * %s" % (n, unit))


def plus(base, term):
    return base if term == "0" else "%s + %s" % (base, term)


def step(L, rows, nv, k, indent):
    """One k step: nv weight vectors of panel row k, then per row one broadcast and nv FMAs."""
    pad = " " * indent
    index = k if k == "k" else "(%s)" % k
    for v in range(nv):
        L.append("%sfinal DoubleVector w%d = DoubleVector.fromArray(S, pw, %s);" % (pad, v, plus("p0 + %s * %s" % (index, vec(nv)), vec(v))))
    for i in range(rows):
        decl = "DoubleVector u" if i == 0 else "u"
        L.append("%s%s = DoubleVector.broadcast(S, x[r%d + %s]);" % (pad, decl, i, k))
        L.append("%s%s" % (pad, " ".join("a%d%d = u.fma(w%d, a%d%d);" % (i, v, v, i, v) for v in range(nv))))


def row_offset(i):
    return "y0" if i == 0 else ("y0 + ys" if i == 1 else "y0 + %d * ys" % i)


def tile(rows, nv, unroll):
    L = []
    L.append("    /** %d row%s × %d vector%s of outputs. */" % (rows, "s" if rows > 1 else "", nv, "s" if nv > 1 else ""))
    L.append("    static void tile%dx%d(double[] x, int x0, int n, int k0, int k1, double[] pw, int p0, double[] bp, int j0," % (rows, nv))
    L.append("                         double[] y, int y0, int ys, boolean first, boolean last) {")
    for i in range(rows):
        for v in range(nv):
            L.append("        DoubleVector a%d%d = first ? DoubleVector.zero(S) : DoubleVector.fromArray(S, y, %s);"
                     % (i, v, plus(row_offset(i), vec(v))))
    for i in range(rows):
        L.append("        final int r%d = %s;" % (i, "x0" if i == 0 else ("x0 + n" if i == 1 else "x0 + %d * n" % i)))
    if unroll == 1:
        L.append("        for (int k = k0; k < k1; k++) {")
        step(L, rows, nv, "k", 12)
        L.append("        }")
    else:
        L.append("        final int kEnd = k0 + ((k1 - k0) & ~%d);" % (unroll - 1))
        L.append("        int k = k0;")
        L.append("        for (; k < kEnd; k += %d) {" % unroll)
        for u in range(unroll):
            L.append("            {")
            step(L, rows, nv, "k" if u == 0 else "k + %d" % u, 16)
            L.append("            }")
        L.append("        }")
        L.append("        for (; k < k1; k++) {")
        step(L, rows, nv, "k", 12)
        L.append("        }")
    L.append("        if (last) {")
    for v in range(nv):
        L.append("            final DoubleVector b%d = DoubleVector.fromArray(S, bp, %s);" % (v, plus("j0", vec(v))))
    for i in range(rows):
        L.append("            " + " ".join("a%d%d = a%d%d.add(b%d);" % (i, v, i, v, v) for v in range(nv)))
    L.append("        }")
    for i in range(rows):
        for v in range(nv):
            L.append("        a%d%d.intoArray(y, %s);" % (i, v, plus(row_offset(i), vec(v))))
    L.append("    }")
    return "\n".join(L)


def dispatch(name, rows):
    L = ["    /** The %s tile of {@code nv} vectors (1 to %d). */" % ("%d-row" % rows, MAX_VECTORS),
         "    static void %s(int nv, double[] x, int x0, int n, int k0, int k1, double[] pw, int p0, double[] bp, int j0," % name,
         "                   double[] y, int y0, int ys, boolean first, boolean last) {",
         "        switch (nv) {"]
    for nv in range(1, MAX_VECTORS + 1):
        label = "default" if nv == MAX_VECTORS else "case %d" % nv
        L.append("            %s -> tile%dx%d(x, x0, n, k0, k1, pw, p0, bp, j0, y, y0, ys, first, last);" % (label, rows, nv))
    L.append("        }")
    L.append("    }")
    return "\n".join(L)


HEADER = '''package dev.streamscore.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link VectorKernels}, generated by {@code tools/gen_vector_tiles.py} (edit
 * that, not this): {@code tileRxN} computes R rows ({@link #ROWS}, or 1 for the last rows of a
 * batch) × N vectors of outputs (N·V outputs, V = the preferred species' lanes, N = 1 to
 * {@link #MAX_VECTORS}) in R·N accumulators, over the k steps {@code [k0, k1)}.
 *
 * <p>Operands: rows {@code x0, x0+n, ...} of {@code x} (width n); the weight panel at {@code p0} in
 * {@code pw}, k-major ({@code pw[p0 + k·N·V + c] = W[j0 + c][k]}, zero-padded past the last
 * output), so each k step loads N contiguous vectors; the padded bias {@code bp} at {@code j0}.
 * Modifies {@code y}: the R×N·V outputs, at {@code y0} with row stride {@code ys}.
 *
 * <p>Each lane is one output element's chain: {@code acc = fma(x[i][k], W[j][k], acc)} for k
 * ascending from +0.0, then {@code acc + b[j]}, the order {@link DenseKernels} documents, so every
 * tile gives the bits of {@link ScalarKernels}. A call continues the chain: it starts from +0.0 when
 * {@code first}, else from the partial sums a previous call stored in y (exact: a double is stored
 * and loaded unchanged), and adds the bias only when {@code last}.
 * %s No vector escapes a method, so once JIT-compiled nothing is allocated.
 */
final class VectorTiles {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int V = S.length();
    /** Rows of the main tiles. */
    static final int ROWS = %d;
    /** The widest tile, in vectors. */
    static final int MAX_VECTORS = %d;

    private VectorTiles() {}

'''


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--unroll", type=int, default=UNROLL)
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    body = "\n\n".join([dispatch("rows", args.rows), dispatch("one", 1)]
                         + [tile(rows, nv, args.unroll) for rows in (args.rows, 1) for nv in range(1, MAX_VECTORS + 1)])
    with open(args.out, "w") as f:
        loop = ("The k loop takes one step at a time." if args.unroll == 1 else
                "The k loop is unrolled by %d (the same steps in the same order), then\n * finishes one step at a time." % args.unroll)
        f.write(HEADER % (loop, args.rows, MAX_VECTORS) + body + "\n}\n")
    print("wrote", os.path.relpath(args.out, ROOT))


if __name__ == "__main__":
    main()
