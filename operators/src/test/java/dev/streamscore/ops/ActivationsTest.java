package dev.streamscore.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streamscore.graph.OpType;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    static final DMatrixRMaj X = new DMatrixRMaj(2, 3, true, -2, -0.0, 0.5, 3, -1000, 1000);

    static double[] run(java.util.function.BiConsumer<DMatrixRMaj, DMatrixRMaj> f) {
        DMatrixRMaj y = new DMatrixRMaj(5, 3);
        f.accept(X, y);
        assertEquals(2, y.numRows);
        double[] out = new double[6];
        System.arraycopy(y.data, 0, out, 0, 6);
        return out;
    }

    @Test
    void reluAndLeakyRelu() {
        assertArrayEquals(new double[] {0, 0.0, 0.5, 3, 0, 1000}, run(Activations::relu), 0.0);
        assertArrayEquals(new double[] {-0.2, -0.0, 0.5, 3, -100, 1000},
                run((x, y) -> Activations.leakyRelu(x, 0.1, y)), 1e-15);
    }

    @Test
    void sigmoidIsStableForLargeMagnitudes() {
        double[] s = run(Activations::sigmoid);
        assertEquals(1 / (1 + Math.exp(2)), s[0], 1e-16);
        assertEquals(0.5, s[1], 0.0);
        assertEquals(0.0, s[4], 1e-300); // e^-1000 underflows to 0, no NaN
        assertEquals(1.0, s[5], 0.0);
        assertEquals(Math.exp(-745) / (1 + Math.exp(-745)), Activations.sigmoid(-745), 0.0);
    }

    @Test
    void tanhAndIdentity() {
        assertArrayEquals(new double[] {Math.tanh(-2), -0.0, Math.tanh(0.5), Math.tanh(3), -1, 1},
                run(Activations::tanh), 0.0);
        assertArrayEquals(new double[] {-2, -0.0, 0.5, 3, -1000, 1000}, run(Activations::identity), 0.0);
    }

    @Test
    void elementwiseWithNodeAndBroadcastConstants() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4);
        DMatrixRMaj b = new DMatrixRMaj(2, 2, true, 4, 3, 2, 1);
        DMatrixRMaj y = new DMatrixRMaj(2, 2);
        Elementwise.apply(OpType.SUB, a, b, y);
        assertArrayEquals(new double[] {-3, -1, 1, 3}, y.data, 0.0);
        Elementwise.apply(OpType.MUL, a, b, y);
        assertArrayEquals(new double[] {4, 6, 6, 4}, y.data, 0.0);
        Elementwise.applyConstant(OpType.ADD, a, new double[] {10}, y);
        assertArrayEquals(new double[] {11, 12, 13, 14}, y.data, 0.0);
        Elementwise.applyConstant(OpType.DIV, a, new double[] {2, 4}, y);
        assertArrayEquals(new double[] {0.5, 0.5, 1.5, 1}, y.data, 0.0);
        assertThrows(IllegalArgumentException.class, () -> Elementwise.applyConstant(OpType.ADD, a, new double[3], y));
        assertThrows(IllegalArgumentException.class, () -> Elementwise.apply(OpType.RELU, a, b, y));
    }
}
