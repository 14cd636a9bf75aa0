package dev.streamscore.job.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import dev.streamscore.score.Scores;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingEvaluationTest {

    private static Score predicted(int cls, double loss) {
        return new Score(new double[] {0.5, 0.5, 0}, cls, loss);
    }

    @Test
    void emptyWindowHasNoFigures() {
        RollingEvaluation e = new RollingEvaluation(3);
        assertEquals(0, e.count());
        assertTrue(Double.isNaN(e.meanLoss()));
        assertTrue(Double.isNaN(e.accuracy()));
    }

    @Test
    void figuresCoverTheLatestWindowOnly() {
        RollingEvaluation e = new RollingEvaluation(3);
        e.add(1.0, false);
        e.add(2.0, false);
        assertEquals(2, e.count());
        assertEquals(1.5, e.meanLoss());
        assertEquals(0.0, e.accuracy());
        e.add(3.0, true);
        e.add(4.0, true);
        e.add(5.0, true);
        assertEquals(3, e.count());
        assertEquals(4.0, e.meanLoss(), "(3 + 4 + 5) / 3");
        assertEquals(1.0, e.accuracy());
        assertEquals(5, e.total());
        e.add(6.0, false);
        assertEquals(5.0, e.meanLoss());
        assertEquals(2.0 / 3, e.accuracy());
    }

    @Test
    void unlabelledRecordsAreNotCounted() {
        RollingEvaluation e = new RollingEvaluation(10);
        e.add(null, Scores.of(predicted(1, Double.NaN)), 0);
        e.add(Label.ofIndex(1), Scores.of(predicted(1, 0.25)), 0);
        e.add(Label.ofIndex(0), Scores.of(predicted(1, 0.75)), 0);
        assertEquals(2, e.count());
        assertEquals(0.5, e.meanLoss());
        assertEquals(0.5, e.accuracy());
    }

    @Test
    void aDistributionLabelNamesItsArgMaxLowestIndexOnTies() {
        assertEquals(2, RollingEvaluation.labelClass(Label.ofDistribution(new double[] {0.1, 0.2, 0.7})));
        assertEquals(0, RollingEvaluation.labelClass(Label.ofDistribution(new double[] {0.5, 0.5, 0})));
        RollingEvaluation e = new RollingEvaluation(10);
        e.add(Label.ofDistribution(new double[] {0.5, 0.5, 0}), Scores.of(predicted(0, 0.69)), 0);
        e.add(Label.ofDistribution(new double[] {0.5, 0.5, 0}), Scores.of(predicted(1, 0.69)), 0);
        assertEquals(0.5, e.accuracy());
    }

    @Test
    void longRunsDoNotDrift() {
        RollingEvaluation e = new RollingEvaluation(1000);
        Random random = new Random(3);
        double[] last = new double[1000];
        for (int i = 0; i < 1_234_567; i++) {
            double loss = random.nextDouble() * Math.pow(10, random.nextInt(8) - 4);
            last[i % 1000] = loss;
            e.add(loss, i % 3 == 0);
        }
        double sum = 0;
        for (double v : last) {
            sum += v;
        }
        assertEquals(sum / 1000, e.meanLoss(), 1e-12 * sum / 1000);
        assertEquals(1000, e.count());
        assertEquals(1_234_567, e.total());
    }

    @Test
    void windowMustBePositive() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new RollingEvaluation(0));
        assertEquals("window must be >= 1, got 0", ex.getMessage());
    }
}
