package dev.streamscore.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void softmaxOfSmallLogitsByHand() {
        // z = [0, ln 2, ln 5]: e^z = [1, 2, 5], sum 8
        DMatrixRMaj z = new DMatrixRMaj(1, 3, true, 0, Math.log(2), Math.log(5));
        DMatrixRMaj p = new DMatrixRMaj(4, 3);
        Softmax.softmax(z, p);
        assertEquals(1, p.numRows);
        assertEquals(1.0 / 8, p.get(0, 0), 1e-16);
        assertEquals(2.0 / 8, p.get(0, 1), 1e-16);
        assertEquals(5.0 / 8, p.get(0, 2), 1e-16);
    }

    @Test
    void rowsAreIndependentAndShiftInvariant() {
        DMatrixRMaj z = new DMatrixRMaj(2, 2, true, 1, 3, 1001, 1003);
        DMatrixRMaj p = new DMatrixRMaj(2, 2);
        Softmax.softmax(z, p);
        double small = 1 / (1 + Math.exp(2));
        assertEquals(small, p.get(0, 0), 1e-16);
        assertEquals(small, p.get(1, 0), 1e-16);
        assertEquals(1 - small, p.get(1, 1), 1e-15);
    }

    @Test
    void hugeLogitsStayFinite() {
        DMatrixRMaj z = new DMatrixRMaj(1, 3, true, 1e4, -1e4, 1e4);
        DMatrixRMaj p = new DMatrixRMaj(1, 3);
        Softmax.softmax(z, p);
        assertEquals(0.5, p.get(0, 0), 0.0);
        assertEquals(0.0, p.get(0, 1), 0.0);
        assertEquals(0.5, p.get(0, 2), 0.0);
        DMatrixRMaj lp = new DMatrixRMaj(1, 3);
        Softmax.logSoftmax(z, lp);
        assertEquals(-Math.log(2), lp.get(0, 0), 1e-16);
        assertEquals(-2e4 - Math.log(2), lp.get(0, 1), 0.0);
    }

    @Test
    void logSoftmaxByHandAndInPlace() {
        // z = [ln 1, ln 3]: log p = [ln 1/4, ln 3/4]
        DMatrixRMaj z = new DMatrixRMaj(1, 2, true, 0, Math.log(3));
        Softmax.logSoftmax(z, z);
        assertEquals(Math.log(0.25), z.get(0, 0), 1e-15);
        assertEquals(Math.log(0.75), z.get(0, 1), 1e-15);
    }
}
