package dev.streamscore.score;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Graph;
import dev.streamscore.graph.Init;
import dev.streamscore.graph.OpType;
import dev.streamscore.kernel.DenseKernels;
import dev.streamscore.model.Model;
import dev.streamscore.testing.Allocations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Classifier against PyTorch float64 (values printed by torch 1.13: tanh MLP 4→5→3 with the weights
 * of {@link #weight}, {@code F.cross_entropy(..., reduction='none')}).
 */
class ClassifierTest {
    static final double[][] X = {{0.5, -1.25, 2.0, 0.75}, {3.0, 0.0, -2.5, 1.5}, {-0.125, 0.25, -0.375, 0.5}};
    static final double[] TORCH_PROBS = {
        0.05892418450959065, 0.03605717220586341, 0.905018643284546,
        0.5293711482417957, 0.36556767471544754, 0.10506117704275696,
        0.21822939511238418, 0.6869005424161865, 0.09487006247142935};
    static final int[] INDEX_LABELS = {2, 0, 1};
    static final double[] TORCH_INDEX_LOSS = {0.09979973517997912, 0.6360654896508449, 0.37556576810445813};
    static final double[][] DIST_LABELS = {{0.25, 0.25, 0.5}, {1, 0, 0}, {0, 0.5, 0.5}};
    static final double[] TORCH_DIST_LOSS = {1.5884381558750054, 0.6360654896508449, 1.3654064275934674};

    /** W[j][k] = ((j·a + k·b) mod c - c div 2) / 4: exact in binary, the same in the Python script. */
    static DMatrixRMaj weight(int out, int in, int a, int b, int c) {
        DMatrixRMaj w = new DMatrixRMaj(out, in);
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) {
                w.set(j, k, ((j * a + k * b) % c - c / 2) / 4.0);
            }
        }
        return w;
    }

    static double[] bias(int out, int a, int c) {
        double[] b = new double[out];
        for (int j = 0; j < out; j++) {
            b[j] = ((j * a) % c - c / 2) / 8.0;
        }
        return b;
    }

    /** tanh MLP 4→5→3, then {@code head} (null for raw logits). */
    static Model model(OpType head) {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 4);
        int h = g.unary(OpType.TANH, g.linear(x, weight(5, 4, 7, 3, 11), bias(5, 3, 7)));
        int z = g.linear(h, weight(3, 5, 5, 2, 9), bias(3, 5, 7));
        int out = head == null ? z : g.unary(head, z);
        return new Model("tiny", "v1", g.output(out).build());
    }

    static List<Label> indexLabels() {
        List<Label> labels = new ArrayList<>();
        for (int y : INDEX_LABELS) {
            labels.add(Label.ofIndex(y));
        }
        return labels;
    }

    @Test
    void matchesPyTorchForEveryOutputKind() {
        for (OpType head : Arrays.asList(OpType.SOFTMAX, OpType.LOG_SOFTMAX, null)) {
            Classifier scorer = Classifier.compile(model(head), 8);
            Score[] byIndex = scorer.score(List.of(X), indexLabels());
            List<Label> dist = new ArrayList<>();
            for (double[] d : DIST_LABELS) {
                dist.add(Label.ofDistribution(d));
            }
            Score[] byDist = scorer.score(List.of(X), dist);
            for (int r = 0; r < X.length; r++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(TORCH_PROBS[r * 3 + j], byIndex[r].probabilities()[j], 1e-12,
                            String.format("head %s row %d class %d", head, r, j));
                }
                assertEquals(TORCH_INDEX_LOSS[r], byIndex[r].loss(), 1e-9 * TORCH_INDEX_LOSS[r]);
                assertEquals(TORCH_DIST_LOSS[r], byDist[r].loss(), 1e-9 * TORCH_DIST_LOSS[r]);
            }
            assertEquals(2, byIndex[0].predicted());
            assertEquals(0, byIndex[1].predicted());
            assertEquals(1, byIndex[2].predicted());
        }
    }

    @Test
    void detectsOutputKindFromTheFinalOp() {
        assertEquals(OutputKind.PROBABILITIES, Classifier.compile(model(OpType.SOFTMAX), 4).outputKind());
        assertEquals(OutputKind.LOG_PROBABILITIES, Classifier.compile(model(OpType.LOG_SOFTMAX), 4).outputKind());
        assertEquals(OutputKind.LOGITS, Classifier.compile(model(null), 4).outputKind());
        assertEquals(OutputKind.LOGITS, Classifier.compile(model(OpType.SIGMOID), 4).outputKind());
        Classifier s = Classifier.compile(model(OpType.SOFTMAX), 4);
        assertAll(() -> assertEquals(4, s.inputWidth()), () -> assertEquals(3, s.classes()),
                () -> assertEquals("tiny@v1", s.model().id()));
    }

    @Test
    void looksThroughTrailingIdentity() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 2);
        int sm = g.unary(OpType.SOFTMAX, x);
        Graph graph = g.output(g.unary(OpType.IDENTITY, g.unary(OpType.IDENTITY, sm))).build();
        Classifier s = Classifier.compile(new Model("m", "v", graph), 2);
        assertEquals(OutputKind.PROBABILITIES, s.outputKind());
        // the loss comes from the softmax input, x itself: lse([1e4, -1e4]) - (-1e4) = 2e4
        Score sc = s.score(List.<double[]>of(new double[] {1e4, -1e4}), List.of(Label.ofIndex(1)))[0];
        assertEquals(2e4, sc.loss(), 0.0);
    }

    /** Logits of ±1e4 straight from the input (an identity head would also be LOGITS). */
    @Test
    void hugeLogitsGiveFiniteProbabilitiesAndExactLoss() {
        for (OpType head : Arrays.asList(OpType.SOFTMAX, OpType.LOG_SOFTMAX, OpType.IDENTITY)) {
            Graph.Builder g = Graph.builder();
            int x = g.input("x", 2);
            Classifier s = Classifier.compile(new Model("m", "v", g.output(g.unary(head, x)).build()), 4);
            Score[] sc = s.score(List.of(new double[] {1e4, -1e4}, new double[] {1e4, 1e4 - 20}),
                    List.of(Label.ofIndex(1), Label.ofIndex(0)));
            assertEquals(2e4, sc[0].loss(), 0.0, String.valueOf(head));
            assertEquals(1.0, sc[0].probabilities()[0], 0.0);
            assertEquals(0.0, sc[0].probabilities()[1], 0.0);
            assertEquals(0, sc[0].predicted());
            // torch: 2.0611536900435727e-09, probabilities [0.9999999979388463, 2.0611536181902033e-09]
            assertEquals(2.0611536900435727e-09, sc[1].loss(), 1e-9 * 2.0611536900435727e-09, String.valueOf(head));
            assertEquals(0.9999999979388463, sc[1].probabilities()[0], 1e-12);
            assertEquals(2.0611536181902033e-09, sc[1].probabilities()[1], 1e-12);
        }
    }

    @Test
    void unlabelledRowsHaveNoLossAndTiesPickTheLowestIndex() {
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 3);
        Classifier s = Classifier.compile(new Model("m", "v", g.output(x).build()), 2);
        List<Label> labels = new ArrayList<>();
        labels.add(null);
        labels.add(Label.ofIndex(2));
        Score[] sc = s.score(List.of(new double[] {1, 5, 5}, new double[] {0, 0, 0}), labels);
        assertFalse(sc[0].hasLoss());
        assertEquals(1, sc[0].predicted());
        assertEquals(0, sc[1].predicted());
        assertTrue(sc[1].hasLoss());
        assertEquals(Math.log(3), sc[1].loss(), 1e-15);
        assertFalse(s.score(List.<double[]>of(new double[] {1, 2, 3}), null)[0].hasLoss());
    }

    @Test
    void chunkedScoringGivesTheSameBitsAsOneBatch() {
        Random rnd = new Random(7);
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < 23; r++) {
            rows.add(new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()});
        }
        Score[] whole = Classifier.compile(model(OpType.SOFTMAX), 64).score(rows, null);
        Score[] chunked = Classifier.compile(model(OpType.SOFTMAX), 5).score(rows, null);
        for (int r = 0; r < rows.size(); r++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(Double.doubleToLongBits(whole[r].probabilities()[j]),
                        Double.doubleToLongBits(chunked[r].probabilities()[j]));
            }
        }
    }

    /**
     * The copied logits are the loss's input for every output kind (the loss recomputed from them
     * has the same bits), the same whatever the chunking, and for a raw-logits head their stable
     * softmax is the probabilities.
     */
    @Test
    void rejectsBadRowsAndLabels() {
        Classifier s = Classifier.compile(model(OpType.SOFTMAX), 4);
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> s.score(List.of(X[0], new double[3]), null));
        assertTrue(width.getMessage().contains("row 1") && width.getMessage().contains("expected width 4, got 3"),
                width.getMessage());
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> s.score(List.of(X[0]), List.of(Label.ofIndex(3))));
        assertTrue(index.getMessage().contains("label 3 is outside [0, 3)"), index.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.score(List.of(X[0]), List.of(Label.ofIndex(-1))));
        IllegalArgumentException dist = assertThrows(IllegalArgumentException.class,
                () -> s.score(List.of(X[0]), List.of(Label.ofDistribution(new double[] {0.5, 0.5}))));
        assertTrue(dist.getMessage().contains("has 2 values; expected 3"), dist.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.score(List.of(X[0]), List.of()));
    }

    @Test
    void needsExactlyOneInput() {
        Graph.Builder g = Graph.builder();
        int a = g.input("left", 2);
        int b = g.input("right", 2);
        Model m = new Model("two", "v", g.output(g.binary(OpType.ADD, a, b)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Classifier.compile(m, 4));
        assertTrue(e.getMessage().contains("[left, right]"), e.getMessage());
    }

    @Test
    void classifyWritesTheSameBitsIntoItsBuffersAsScore() {
        for (OpType head : Arrays.asList(OpType.SOFTMAX, OpType.LOG_SOFTMAX, null)) {
            Classifier c = Classifier.compile(model(head), 4);
            Score[] expected = c.score(List.of(X), indexLabels());
            DMatrixRMaj in = c.input(X.length);
            for (int r = 0; r < X.length; r++) {
                System.arraycopy(X[r], 0, in.data, r * 4, 4);
            }
            Scores out = c.newScores();
            c.classify(new Label[] {Label.ofIndex(2), null, Label.ofIndex(1)}, out);
            assertEquals(X.length, out.rows());
            for (int r = 0; r < X.length; r++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(Double.doubleToLongBits(expected[r].probabilities()[j]),
                            Double.doubleToLongBits(out.probability(r, j)), String.format("%s row %d", head, r));
                }
                assertEquals(expected[r].predicted(), out.predicted(r));
            }
            assertEquals(Double.doubleToLongBits(expected[0].loss()), Double.doubleToLongBits(out.loss(0)));
            assertFalse(out.hasLoss(1), "unlabelled");
            assertEquals(Double.doubleToLongBits(expected[2].loss()), Double.doubleToLongBits(out.loss(2)));
            assertEquals(3, c.logits().numCols);
            assertEquals(Double.doubleToLongBits(out.loss(2)),
                    Double.doubleToLongBits(CrossEntropy.ofIndex(c.logits().data, 2 * 3, 3, 1)),
                    "the logits are what the loss is made of");
        }
    }

    /** Probabilities, arg-max and loss of a batch, as the job calls them: nothing allocated in steady state. */
    @Test
    void steadyStateClassifyAllocatesNothing() {
        Classifier c = Classifier.compile(model(null), 64);
        Scores out = c.newScores();
        Label[] labels = new Label[64];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = r % 3 == 0 ? null : r % 3 == 1 ? Label.ofIndex(r % 3) : Label.ofDistribution(DIST_LABELS[0]);
        }
        long bytes = Allocations.bestOfFiveRounds(3000, 200, i -> {
            c.input(1 + i % 64);
            c.classify(labels, out);
        });
        assertEquals(0, bytes, "bytes allocated by 200 batches (best of 5 rounds)");
    }

    /**
     * As the job calls it, on a digits-shaped model whose steps run fused (standardisation chain,
     * ReLU epilogues) on this JVM's best kernels, once warm: probabilities, arg-max and both kinds
     * of loss for every batch size from 1 to 256 allocate nothing.
     */
    @Test
    void steadyStateClassifyOfAFusedModelAllocatesNothing() throws InterruptedException {
        assertTrue(DenseKernels.best().awaitWarmUp(Duration.ofSeconds(60)), DenseKernels.best().description());
        SplittableRandom rng = new SplittableRandom(5);
        Graph.Builder g = Graph.builder();
        int x = g.input("x", 64);
        double[] mean = new double[64];
        double[] scale = new double[64];
        for (int j = 0; j < 64; j++) {
            mean[j] = rng.nextDouble() * 8;
            scale[j] = 1 + rng.nextDouble() * 4;
        }
        int h = g.binaryConstant(OpType.DIV, g.binaryConstant(OpType.SUB, x, mean), scale);
        h = g.unary(OpType.RELU, g.linear(h, Init.HE_NORMAL.create(64, 64, rng), new double[64]));
        h = g.unary(OpType.RELU, g.linear(h, Init.HE_NORMAL.create(32, 64, rng), new double[32]));
        int z = g.linear(h, Init.XAVIER_UNIFORM.create(10, 32, rng), new double[10]);
        Classifier c = Classifier.compile(new Model("digits-shaped", "v", g.output(g.unary(OpType.SOFTMAX, z)).build()), 256);
        Scores out = c.newScores();
        Label[] labels = new Label[256];
        double[] uniform = new double[10];
        java.util.Arrays.fill(uniform, 0.1);
        for (int r = 0; r < labels.length; r++) {
            labels[r] = r % 3 == 0 ? null : r % 3 == 1 ? Label.ofIndex(r % 10) : Label.ofDistribution(uniform);
        }
        DMatrixRMaj in = c.input(256);
        for (int e = 0; e < in.data.length; e++) {
            in.data[e] = rng.nextInt(17);
        }
        long bytes = Allocations.bestOfFiveRounds(2000, 100, i -> {
            c.input(1 + (i * 37) % 256);
            c.classify(labels, out);
        });
        assertEquals(0, bytes, "bytes allocated by 100 batches (best of 5 rounds)");
    }
}
