package dev.ridgeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
