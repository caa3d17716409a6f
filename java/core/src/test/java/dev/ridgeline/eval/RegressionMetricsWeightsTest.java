package dev.ridgeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Weights are each finite and >= 0, as documented: {1, -1, 1} used to give mse 1 and r2 0.5. */
class RegressionMetricsWeightsTest {
    private static final float[] Y = {1, 2, 3};
    private static final double[] P = {2, 2, 2};

    private static String refusal(float... weights) {
        return assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.of(Y, P, weights)).getMessage();
    }

    @Test
    void aNegativeWeightIsRefusedNamingTheRowAndValue() {
        assertEquals("row 1: weight -1.0 must be a finite number >= 0", refusal(1, -1, 1));
    }

    @Test
    void aNaNOrInfiniteWeightIsRefused() {
        assertEquals("row 2: weight NaN must be a finite number >= 0", refusal(1, 1, Float.NaN));
        assertEquals("row 0: weight Infinity must be a finite number >= 0", refusal(Float.POSITIVE_INFINITY, 1, 1));
    }

    @Test
    void zeroWeightsStayAllowed() {
        assertEquals(1.0, RegressionMetrics.of(Y, P, new float[] {1, 0, 1}).mse(), 0.0);
        assertTrue(Double.isNaN(RegressionMetrics.of(Y, P, new float[] {0, 0, 0}).mse()));
    }
}
