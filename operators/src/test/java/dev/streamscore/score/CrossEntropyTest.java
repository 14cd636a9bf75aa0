package dev.streamscore.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {

    @Test
    void indexLabelByHand() {
        // z = [0, ln 3]: p = [1/4, 3/4]
        double[] z = {0, Math.log(3)};
        assertEquals(Math.log(4), CrossEntropy.ofIndex(z, 0, 2, 0), 1e-15);
        assertEquals(Math.log(4.0 / 3), CrossEntropy.ofIndex(z, 0, 2, 1), 1e-15);
    }

    @Test
    void distributionLabelByHand() {
        double[] z = {0, Math.log(3)};
        double expected = 0.5 * Math.log(4) + 0.5 * Math.log(4.0 / 3);
        assertEquals(expected, CrossEntropy.ofDistribution(z, 0, 2, new double[] {0.5, 0.5}), 1e-15);
        assertEquals(Math.log(4), CrossEntropy.ofDistribution(z, 0, 2, new double[] {1, 0}), 1e-15);
    }

    @Test
    void confidentlyWrongHugeLogitsAreExactNotCapped() {
        double[] z = {5, 1e4, -1e4};
        assertEquals(2e4, CrossEntropy.ofIndex(z, 1, 2, 1), 0.0);  // row [1e4, -1e4], label 1
        assertEquals(0.0, CrossEntropy.ofIndex(z, 1, 2, 0), 0.0);
        assertEquals(1e4, CrossEntropy.ofDistribution(z, 1, 2, new double[] {0.5, 0.5}), 0.0);
    }

    @Test
    void tinyLossNextToHugeLogitsKeepsItsDigits() {
        // lse(z) - z_0 = log(1 + e^-20) ≈ 2.06e-9. Evaluated as (m - z_0) + log Σ there is no cancellation
        // at 1e4 (1e4 + 2e-9 - 1e4 would keep only multiples of 1.8e-12). log Σ with Σ = 1 + 2e-9 rounded
        // is what PyTorch float64 computes too: F.cross_entropy gives 2.0611536900435727e-09.
        double[] z = {1e4, 1e4 - 20};
        assertEquals(2.0611536900435727e-09, CrossEntropy.ofIndex(z, 0, 2, 0), 1e-9 * 2.0611536900435727e-09);
    }

    @Test
    void perRowAndMean() {
        DMatrixRMaj logits = new DMatrixRMaj(2, 2, true, 0, Math.log(3), 1e4, -1e4);
        Label[] labels = {Label.ofIndex(0), Label.ofIndex(1)};
        double[] out = new double[2];
        CrossEntropy.perRow(logits, labels, out);
        assertEquals(Math.log(4), out[0], 1e-15);
        assertEquals(2e4, out[1], 0.0);
        assertEquals((Math.log(4) + 2e4) / 2, CrossEntropy.mean(logits, labels), 1e-12);
    }

    @Test
    void badLabelsAreRejected() {
        double[] z = {0, 1, 2};
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.ofIndex(z, 0, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.ofIndex(z, 0, 3, -1));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.ofDistribution(z, 0, 3, new double[2]));
    }
}
