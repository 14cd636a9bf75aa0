package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.MlpBuilder;
import dev.streamscore.graph.OpType;
import dev.streamscore.model.Model;
import dev.streamscore.plan.Plan;
import dev.streamscore.score.Classifier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ModelReportTest {
    private static String report(Model model) {
        Classifier scorer = Classifier.compile(model, 1);
        Plan plan = scorer.plan();
        String text = ModelReport.format(model, plan.order(), plan::width, scorer.outputKind());
        assertEquals(String.format(java.util.Locale.ROOT, "%,d", plan.parameterCount()),
                text.lines().filter(l -> l.startsWith("parameters")).findFirst().orElseThrow().split("\\s+")[1]);
        return text;
    }

    @Test
    void mlpWithSoftmax() {
        Model model = new Model("digits", "3f2a9c0b1d4e", new MlpBuilder()
                .inputName("input").inputWidth(64).hidden(32).outputWidth(10).head("softmax").build());
        assertEquals(String.join("\n",
                "model       digits@3f2a9c0b1d4e",
                "input       input [batch, 64]",
                "output      node 4, probabilities (ends in softmax), 10 classes",
                "parameters  2,410 (weights, biases and constants)",
                "nodes       5, in execution order:",
                "  step node op      inputs output      parameters details",
                "     1    0 input   -      [batch, 64]          0 name input",
                "     2    1 linear  0      [batch, 32]      2,080 y = x*W^T + b, W 32x64",
                "     3    2 relu    1      [batch, 32]          0",
                "     4    3 linear  2      [batch, 10]        330 y = x*W^T + b, W 10x32",
                "     5    4 softmax 3      [batch, 10]          0",
                ""), report(model).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void logitsConstantsTwoInputOpsAndSkippedNodes() {
        Graph.Builder g = Graph.builder();
        int x = g.input("features", 3);
        int scaled = g.binaryConstant(OpType.SUB, x, new double[] {0.5, 1, 2});
        int halved = g.binaryConstant(OpType.MUL, scaled, new double[] {0.5});
        int leaky = g.leakyRelu(halved, 0.2);
        int sum = g.binary(OpType.ADD, leaky, halved);
        g.unary(OpType.TANH, x); // not needed by the output
        int out = g.linear(sum, new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6), new double[] {0, 1});
        Model model = new Model("m", "v1", g.output(out).build());
        String text = report(model).replace(System.lineSeparator(), "\n");
        assertEquals(String.join("\n",
                "model       m@v1",
                "input       features [batch, 3]",
                "output      node 6, logits (probabilities by a stable softmax), 2 classes",
                "parameters  12 (weights, biases and constants)",
                "nodes       6 executed, in execution order (1 not needed by the output are skipped):"),
                text.lines().limit(5).collect(java.util.stream.Collectors.joining("\n")));
        assertEquals(java.util.List.of(
                "     2    1 sub        0      [batch, 3]          3 constant of 3 values",
                "     3    2 mul        1      [batch, 3]          1 constant 0.5",
                "     4    3 leaky_relu 2      [batch, 3]          0 alpha 0.2",
                "     5    4 add        3,2    [batch, 3]          0 two inputs",
                "     6    6 linear     4      [batch, 2]          8 y = x*W^T + b, W 2x3"),
                text.lines().skip(7).toList());
    }

    @Test
    void logSoftmaxHead() {
        Model model = new Model("m", "v", new MlpBuilder().inputWidth(2).outputWidth(2).head("log_softmax").build());
        assertEquals("output      node 2, log-probabilities (ends in log_softmax), 2 classes",
                report(model).lines().skip(2).findFirst().orElseThrow());
    }
}
