package dev.ridgeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    @Test
    void handComputedMetrics() {
        // errors: +1, -1, +2, 0 ; y mean 2.5, SS_tot = 2.25+0.25+0.25+2.25 = 5
        RegressionMetrics r = RegressionMetrics.of(new float[] {1, 2, 3, 4}, new double[] {2, 1, 5, 4});
        assertEquals(1.5, r.mse(), 1e-12);
        assertEquals(Math.sqrt(1.5), r.rmse(), 1e-12);
        assertEquals(1.0, r.mae(), 1e-12);
        assertEquals(1 - 6.0 / 5, r.r2(), 1e-12);
        // error mean 0.5; Var(err)*4 = 0.25+2.25+2.25+0.25 = 5 -> explained variance 0
        assertEquals(0.0, r.explainedVariance(), 1e-12);
    }

    /** A NaN prediction (what the ONNX graph gives a refused row) made every metric NaN with no error. */
    @Test
    void aNonFiniteTargetOrPredictionIsRefusedByRow() {
        assertEquals("row 1: prediction NaN is not a finite number", assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.of(new float[] {1, 2, 3}, new double[] {1, Double.NaN, 3})).getMessage());
        assertEquals("row 2: target Infinity is not a finite number", assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.of(new double[] {1, 2, Double.POSITIVE_INFINITY}, new double[] {1, 2, 3}, null))
                .getMessage());
    }

    @Test
    void integerWeightsEqualRepeatedRows() {
        SplittableRandom rng = new SplittableRandom(5);
        int m = 50;
        float[] y = new float[m];
        double[] p = new double[m];
        float[] w = new float[m];
        int total = 0;
        for (int i = 0; i < m; i++) {
            y[i] = (float) rng.nextGaussian();
            p[i] = y[i] + rng.nextGaussian() * 0.5 + 0.2;
            w[i] = rng.nextInt(4);
            total += (int) w[i];
        }
        float[] yRep = new float[total];
        double[] pRep = new double[total];
        for (int i = 0, r = 0; i < m; i++) {
            for (int c = 0; c < w[i]; c++, r++) {
                yRep[r] = y[i];
                pRep[r] = p[i];
            }
        }
        RegressionMetrics weighted = RegressionMetrics.of(y, p, w);
        RegressionMetrics repeated = RegressionMetrics.of(yRep, pRep);
        assertEquals(m, weighted.count());
        assertEquals(repeated.mse(), weighted.mse(), 1e-12);
        assertEquals(repeated.mae(), weighted.mae(), 1e-12);
        assertEquals(repeated.r2(), weighted.r2(), 1e-12);
        assertEquals(repeated.explainedVariance(), weighted.explainedVariance(), 1e-12);
        assertTrue(Math.abs(weighted.mse() - RegressionMetrics.of(y, p).mse()) > 1e-3, "the weights matter here");
    }

    @Test
    void unitWeightsGiveTheUnweightedFiguresBitForBit() {
        float[] y = {1, 2, 3, 4.5f};
        double[] p = {1.25, 1.5, 3.75, 4};
        assertEquals(RegressionMetrics.of(y, p), RegressionMetrics.of(y, p, new float[] {1, 1, 1, 1}));
    }

    @Test
    void weightsThatSumToZeroLeaveNothingToMeasure() {
        RegressionMetrics r = RegressionMetrics.of(new float[] {1, 2}, new double[] {1, 3}, new float[] {0, 0});
        assertEquals(2, r.count());
        assertTrue(Double.isNaN(r.mse()) && Double.isNaN(r.r2()));
    }
}
