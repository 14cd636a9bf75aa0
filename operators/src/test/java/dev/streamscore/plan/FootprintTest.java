package dev.streamscore.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import dev.streamscore.graph.TopologicalSort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The heap a plan needs, estimated from the widths before anything is allocated, and the refusal of one that does not fit. */
class FootprintTest {
    private static Footprint footprint(Graph graph, int maxBatch) {
        List<Node> order = TopologicalSort.sort(graph);
        Map<Integer, Integer> widths = new HashMap<>();
        for (Node n : order) {
            widths.put(n.id(), Compiler.inferWidth(n, widths));
        }
        return Compiler.footprint(order, widths, maxBatch);
    }

    /** 100,000 Relu nodes in a chain after an input of width 64. */
    private static Graph reluChain() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 64);
        for (int i = 0; i < 100_000; i++) {
            x = g.unary(OpType.RELU, x);
        }
        return g.output(x).build();
    }

    @Test
    void buffersAreSumOfWidthsTimesRowsTimesEightBytesPlusParameters() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 3);
        int h = g.linear(x, new DMatrixRMaj(5, 3), new double[5]);
        int unused = g.unary(OpType.TANH, x);
        Graph graph = g.output(g.unary(OpType.SOFTMAX, h)).build();
        Footprint f = footprint(graph, 10);
        assertEquals(new Footprint(3 + 5 + 5, 15 + 5, 10), f, String.format("node %d is not executed", unused));
        assertEquals(8 * 13 * 10, f.bufferBytes());
        assertEquals(8 * 20, f.parameterBytes());
        assertEquals(f.bufferBytes() + f.parameterBytes(), f.bytes());
        assertEquals(3, f.rowsFitting(8 * 20 + 8 * 13 * 3 + 7));
        assertEquals(0, f.rowsFitting(8 * 20));
    }

    @Test
    void productsSaturateInsteadOfOverflowing() {
        Footprint f = new Footprint(Long.MAX_VALUE / 2, Long.MAX_VALUE / 4, 1 << 16);
        assertEquals(Long.MAX_VALUE, f.bufferBytes());
        assertEquals(Long.MAX_VALUE, f.parameterBytes());
        assertEquals(Long.MAX_VALUE, f.bytes());
    }

    @Test
    void aChainOf100000ReluAtBatch256IsRefusedNamingItsSizeAndABatchThatFits() {
        Footprint f = footprint(reluChain(), 256);
        assertEquals(6_400_064, f.valuesPerRow());
        assertEquals(13_107_331_072L, f.bytes());
        PlanTooLargeException e = assertThrows(PlanTooLargeException.class,
                () -> Compiler.checkFits(f, 200L << 20, 256L << 20));
        assertEquals("the model needs 12.2 GiB of buffers at a batch of 256 rows (6,400,064 values per row, 8 bytes each)"
                + " and 0 B of parameters, more than the 200.0 MiB the heap can spare (max heap 256.0 MiB);"
                + " a batch of at most 4 rows fits", e.getMessage());
        assertEquals(4, e.rowsFitting());
        Compiler.checkFits(footprint(reluChain(), 4), 200L << 20, 256L << 20);
    }

    @Test
    void compileChecksTheRealHeapBeforeAllocating() {
        // one node of width 2^31-1 at 2^16 rows: 1 PiB, more than any heap here
        Graph.Builder g = Graph.builder();
        Graph wide = g.output(g.unary(OpType.RELU, g.node(Node.input(0, "x", Integer.MAX_VALUE)))).build();
        PlanTooLargeException e = assertThrows(PlanTooLargeException.class, () -> Compiler.compile(wide, 1 << 16));
        assertEquals(new Footprint(2L * Integer.MAX_VALUE, 0, 1 << 16), e.footprint());
    }
}
