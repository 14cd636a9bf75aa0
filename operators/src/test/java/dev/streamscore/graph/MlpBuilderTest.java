package dev.streamscore.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MlpBuilderTest {

    static List<OpType> ops(Graph g) {
        return TopologicalSort.sort(g).stream().map(Node::op).collect(Collectors.toList());
    }

    @Test
    void buildsLayersActivationsAndHead() {
        Graph g = new MlpBuilder().inputWidth(64).hidden(64, 32).outputWidth(10)
                .activation("relu").init(Init.XAVIER_UNIFORM).seed(3).head("softmax").build();
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.RELU, OpType.LINEAR, OpType.RELU,
                OpType.LINEAR, OpType.SOFTMAX), ops(g));
        List<Node.Linear> linear = g.nodes().stream().filter(n -> n instanceof Node.Linear).map(n -> (Node.Linear) n)
                .collect(Collectors.toList());
        assertEquals(64, linear.get(0).weight().numRows);
        assertEquals(64, linear.get(0).weight().numCols);
        assertEquals(32, linear.get(1).weight().numRows);
        assertEquals(10, linear.get(2).weight().numRows);
        assertEquals(32, linear.get(2).weight().numCols);
        for (Node.Linear n : linear) {
            for (double b : n.bias()) {
                assertEquals(0.0, b);
            }
        }
        assertEquals("x", g.inputs().get(0).name());
    }

    @Test
    void leakyReluCarriesItsSlopeAndNoHeadEndsInLinear() {
        Graph g = new MlpBuilder().inputWidth(3).hidden(4).outputWidth(2)
                .activation(MlpBuilder.Activation.LEAKY_RELU).leakyReluAlpha(0.2).head(MlpBuilder.Head.NONE).build();
        assertEquals(List.of(OpType.INPUT, OpType.LINEAR, OpType.LEAKY_RELU, OpType.LINEAR), ops(g));
        Node.Unary leaky = (Node.Unary) g.nodes().stream().filter(n -> n.op() == OpType.LEAKY_RELU).findFirst().orElseThrow();
        assertEquals(0.2, leaky.attribute());
    }

    @Test
    void sameSeedSameWeightsOtherSeedOthers() {
        MlpBuilder b = new MlpBuilder().inputWidth(5).hidden(6).outputWidth(3).head("log_softmax");
        Graph g1 = b.seed(8).build();
        Graph g2 = b.seed(8).build();
        Graph g3 = b.seed(9).build();
        assertArrayEquals(((Node.Linear) g1.node(1)).weight().data, ((Node.Linear) g2.node(1)).weight().data, 0.0);
        assertTrue(((Node.Linear) g1.node(1)).weight().data[0] != ((Node.Linear) g3.node(1)).weight().data[0]);
    }

    @Test
    void argumentErrorsNameTheValidChoices() {
        MlpBuilder b = new MlpBuilder();
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class, () -> b.activation("gelu"));
        assertEquals("unknown activation 'gelu'; valid: relu, tanh, sigmoid, leaky_relu", act.getMessage());
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class, () -> b.head("sigmoid"));
        assertEquals("unknown head 'sigmoid'; valid: softmax, log_softmax, none", head.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> b.hidden(8, 0));
        assertEquals("hidden layer 1 width must be >= 1, got 0", width.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.inputWidth(0));
        assertThrows(IllegalArgumentException.class, () -> b.outputWidth(-2));
        assertThrows(IllegalArgumentException.class, () -> b.leakyReluAlpha(Double.NaN));
        assertThrows(IllegalStateException.class, () -> new MlpBuilder().inputWidth(3).build());
    }
}
