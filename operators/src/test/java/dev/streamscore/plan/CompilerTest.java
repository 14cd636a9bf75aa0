package dev.streamscore.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Node;
import dev.streamscore.graph.OpType;
import java.util.List;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Shape inference and the errors that name node, op and widths. */
class CompilerTest {

    static String error(Graph g) {
        return assertThrows(IllegalArgumentException.class, () -> Compiler.compile(g, 4)).getMessage();
    }

    @Test
    void infersWidthsInExecutionOrder() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 6);
        int h = g.linear(x, new DMatrixRMaj(4, 6), null);
        int s = g.binaryConstant(OpType.MUL, h, new double[] {2.0});
        int out = g.unary(OpType.SOFTMAX, g.binary(OpType.ADD, h, s));
        Plan plan = Compiler.compile(g.output(out).build(), 8);
        assertEquals(List.of(0, 1, 2, 3, 4), plan.order().stream().map(Node::id).collect(Collectors.toList()));
        assertEquals(6, plan.width(x));
        assertEquals(4, plan.width(h));
        assertEquals(4, plan.outputWidth());
        assertEquals(List.of("x"), plan.inputNames());
        assertEquals(6 * 4 + 4 + 1, plan.parameterCount());
        assertEquals(8, plan.maxBatch());
    }

    @Test
    void linearWidthMismatchNamesNodeOpAndBothWidths() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 5);
        int h = g.linear(x, new DMatrixRMaj(3, 5), null);
        int bad = g.linear(h, new DMatrixRMaj(2, 4), null);
        String m = error(g.output(bad).build());
        assertEquals("node 2 (linear): input node 1 has width 3 but W is 2×4 (out×in), so expects width 4", m);
    }

    @Test
    void binaryOfTwoNodesNeedsEqualWidths() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 5);
        int h = g.linear(x, new DMatrixRMaj(3, 5), null);
        int bad = g.binary(OpType.SUB, x, h);
        assertEquals("node 2 (sub): operand widths differ: node 0 has width 5, node 1 has width 3",
                error(g.output(bad).build()));
    }

    @Test
    void constantMustHaveLengthOneOrTheWidth() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 5);
        int bad = g.binaryConstant(OpType.DIV, x, new double[] {1, 2, 3});
        assertEquals("node 1 (div): constant has 3 values; expected 1 or the input width 5",
                error(g.output(bad).build()));
    }

    /** The node types carry their op's operands, so a wrong arity cannot reach the compiler: it is refused when built. */
    @Test
    void wrongArityIsRefusedWhenTheNodeIsMade() {
        assertEquals("node 1: add is not a unary op; unary ops are relu, leaky_relu, sigmoid, tanh, softmax,"
                        + " log_softmax, identity",
                assertThrows(IllegalArgumentException.class, () -> Node.unary(1, OpType.ADD, 0)).getMessage());
        assertEquals("node 1: relu is not an elementwise binary op; valid: add, sub, mul, div",
                assertThrows(IllegalArgumentException.class, () -> new Node.Binary(1, OpType.RELU, 0, 0)).getMessage());
        assertEquals("node 1 (relu) takes no attribute, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> new Node.Unary(1, OpType.RELU, 0, 0.5)).getMessage());
        assertEquals("node 1 (add): constant must have 1 or width values",
                assertThrows(IllegalArgumentException.class,
                        () -> new Node.WithConstant(1, OpType.ADD, 0, new double[0])).getMessage());
    }

    @Test
    void maxBatchMustBePositive() {
        Graph.Builder g = Graph.builder();
        Graph graph = g.output(g.input("x", 2)).build();
        assertThrows(IllegalArgumentException.class, () -> Compiler.compile(graph, 0));
    }
}
