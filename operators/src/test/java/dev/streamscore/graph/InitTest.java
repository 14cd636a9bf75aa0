package dev.streamscore.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Sample statistics of a 256×512 W (n = 131072) against their expectations, within 5 standard
 * errors: the mean's standard error is sqrt(var / n); the sample variance's is
 * sqrt((μ4 - σ⁴) / n), with μ4 = 9σ⁴/5 for a uniform and 3σ⁴ for a normal.
 */
class InitTest {
    static final int OUT = 256;
    static final int IN = 512;

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    @Test
    void xavierUniformHasMeanZeroAndVarianceTwoOverFanSum() {
        DMatrixRMaj w = Init.XAVIER_UNIFORM.create(OUT, IN, new SplittableRandom(11));
        double a = Math.sqrt(6.0 / (IN + OUT));
        double var = a * a / 3; // = 2 / (fan_in + fan_out)
        assertEquals(2.0 / (IN + OUT), var, 1e-15);
        int n = w.getNumElements();
        assertEquals(0.0, mean(w.data), 5 * Math.sqrt(var / n));
        assertEquals(var, variance(w.data), 5 * Math.sqrt((9.0 / 5 - 1) * var * var / n));
        for (double x : w.data) {
            assertTrue(x >= -a && x < a, String.valueOf(x));
        }
    }

    @Test
    void heNormalHasMeanZeroAndVarianceTwoOverFanIn() {
        DMatrixRMaj w = Init.HE_NORMAL.create(OUT, IN, new Random(5));
        double var = 2.0 / IN;
        int n = w.getNumElements();
        assertEquals(0.0, mean(w.data), 5 * Math.sqrt(var / n));
        assertEquals(var, variance(w.data), 5 * Math.sqrt(2 * var * var / n));
    }

    @Test
    void zerosAreZero() {
        DMatrixRMaj w = new DMatrixRMaj(3, 4);
        w.fill(7.0);
        Init.ZEROS.fill(w, new SplittableRandom(1));
        for (double x : w.data) {
            assertEquals(0L, Double.doubleToRawLongBits(x));
        }
    }

    @Test
    void sameSeedGivesTheSameBits() {
        for (Init init : Init.values()) {
            DMatrixRMaj a = init.create(17, 9, new SplittableRandom(99));
            DMatrixRMaj b = init.create(17, 9, new SplittableRandom(99));
            assertArrayEquals(a.data, b.data, 0.0, init.name());
        }
        DMatrixRMaj c = Init.HE_NORMAL.create(17, 9, new SplittableRandom(100));
        DMatrixRMaj d = Init.HE_NORMAL.create(17, 9, new SplittableRandom(99));
        assertTrue(c.data[0] != d.data[0]);
    }

    @Test
    void fromNameListsTheChoices() {
        assertEquals(Init.HE_NORMAL, Init.fromName("he_normal"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.fromName("glorot"));
        assertTrue(e.getMessage().contains("xavier_uniform, he_normal, zeros"), e.getMessage());
    }
}
