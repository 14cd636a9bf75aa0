package dev.streamscore.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopologicalSortTest {

    static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).collect(Collectors.toList());
    }

    static Node node(int id, OpType op, int... inputs) {
        return switch (op.kind()) {
            case INPUT -> Node.input(id, "x", 2);
            case UNARY -> Node.unary(id, op, inputs[0]);
            case BINARY -> new Node.Binary(id, op, inputs[0], inputs[1]);
            case LINEAR -> throw new IllegalArgumentException("give linear nodes their weights");
        };
    }

    @Test
    void diamondRunsBothBranchesBeforeTheJoin() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 2);
        int left = g.unary(OpType.RELU, x);
        int right = g.unary(OpType.TANH, x);
        int join = g.binary(OpType.ADD, left, right);
        List<Node> order = TopologicalSort.sort(g.output(join).build());
        assertEquals(List.of(x, left, right, join), ids(order));
    }

    @Test
    void unreachableNodesAreNotExecuted() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 2);
        int used = g.unary(OpType.RELU, x);
        g.unary(OpType.SIGMOID, x); // dead branch
        int unusedInput = g.input("other", 3);
        g.unary(OpType.TANH, unusedInput);
        int out = g.unary(OpType.SOFTMAX, used);
        assertEquals(List.of(x, used, out), ids(TopologicalSort.sort(g.output(out).build())));
    }

    @Test
    void readyNodesAreTakenInAscendingId() {
        // ids given out of insertion order: inputs 5 and 1, relus 4 and 2 on them, add 9
        Graph.Builder g = Graph.builder();
        g.node(node(9, OpType.ADD, 4, 2));
        g.node(node(4, OpType.RELU, 5));
        g.node(node(2, OpType.RELU, 1));
        g.node(node(5, OpType.INPUT));
        g.node(Node.input(1, "y", 2));
        assertEquals(List.of(1, 2, 5, 4, 9), ids(TopologicalSort.sort(g.output(9).build())));
    }

    @Test
    void sameInputTwiceIsCountedTwice() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 2);
        int sq = g.binary(OpType.MUL, x, x);
        assertEquals(List.of(x, sq), ids(TopologicalSort.sort(g.output(sq).build())));
    }

    @Test
    void cycleIsAnErrorNamingItsNodes() {
        Graph.Builder g = Graph.builder();
        g.node(node(0, OpType.INPUT));
        g.node(node(1, OpType.ADD, 0, 3));
        g.node(node(2, OpType.RELU, 1));
        g.node(node(3, OpType.TANH, 2));
        g.node(node(4, OpType.SOFTMAX, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopologicalSort.sort(g.output(4).build()));
        String m = e.getMessage();
        assertTrue(m.contains("cycle"), m);
        assertTrue(m.contains("node 1 (add)") && m.contains("node 2 (relu)") && m.contains("node 3 (tanh)"), m);
        assertTrue(!m.contains("node 0") && !m.contains("node 4"), m);
    }

    @Test
    void selfLoopIsACycle() {
        Graph.Builder g = Graph.builder();
        g.node(node(0, OpType.INPUT));
        g.node(node(1, OpType.ADD, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopologicalSort.sort(g.output(1).build()));
        assertEquals("graph has a cycle: node 1 (add) -> node 1 (add)", e.getMessage());
    }

    @Test
    void cycleOffThePathToTheOutputIsIgnored() {
        Graph.Builder g = Graph.builder();
        g.node(node(0, OpType.INPUT));
        g.node(node(1, OpType.RELU, 0));
        g.node(node(2, OpType.ADD, 0, 3));
        g.node(node(3, OpType.TANH, 2));
        assertEquals(List.of(0, 1), ids(TopologicalSort.sort(g.output(1).build())));
    }
}
