package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Problem;
import org.junit.jupiter.api.Test;

/**
 * The own-scale diagonal D_jj = (sum_i w_i x_ij^2 + lambda) / W by hand, per model. Columns a = 1, 1, 3, 3 and
 * b = 20 on every row (y does not enter). Without weights a's mean square is (1 + 1 + 9 + 9) / 4 = 5 and b's
 * 400: a spread of 80, at most 100, so the plain test stays in charge. Weights 1, 1, 0, 0 (W = 2) leave a's
 * mean square 1: a spread of 400, checked. The penalty lifts both by lambda / W: lambda 2 gives D = (2, 401), a
 * spread of 200.5, checked; lambda 200 gives (101, 500), a spread under 5, not checked. For the gradient (1, 1):
 * |D^(-1/2) g| = sqrt(1 / 1 + 1 / 400) without penalty, sqrt(1 / 2 + 1 / 401) with lambda 2.
 */
class OwnScaleGradientTest {
    @Test
    void eachModelsDiagonalTakesItsOwnWeightsAndPenalty() {
        float[] y = {0, 0, 0, 0};
        float[] firstTwo = {1, 1, 0, 0};
        Problem p = Problem.builder(DenseMatrix.of(new float[][] {{1, 20}, {1, 20}, {3, 20}, {3, 20}}))
                .model(y, null, 0.0)
                .model(y, firstTwo, 0.0)
                .model(y, firstTwo, 2.0)
                .model(y, firstTwo, 200.0)
                .build();
        OwnScaleGradient scales = OwnScaleGradient.of(p);
        assertFalse(scales.checks(0), "unweighted: spread 80");
        assertTrue(scales.checks(1), "weighted: spread 400");
        assertTrue(scales.checks(2), "weighted, lambda 2: spread 200.5");
        assertFalse(scales.checks(3), "weighted, lambda 200: spread under 5");
        double[][] ones = {{1, 1}, {1, 1}, {1, 1}, {1, 1}};
        Gradient g = new Gradient(new double[4], ones, new double[4]);
        assertEquals(Math.sqrt(1 + 1 / 400.0), scales.norm(g, 1), 1e-15);
        assertEquals(Math.sqrt(1 / 2.0 + 1 / 401.0), scales.norm(g, 2), 1e-15);
    }
}
