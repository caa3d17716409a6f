package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import org.junit.jupiter.api.Test;

class InterceptCouplingTest {
    /** The condition number of [[a, b], [b, c]] from its eigenvalues (a + c) / 2 +- sqrt(((a - c) / 2)^2 + b^2). */
    private static double condition(double a, double b, double c) {
        double mid = (a + c) / 2;
        double radius = Math.hypot((a - c) / 2, b);
        return (mid + radius) / (mid - radius);
    }

    /** Mean 50, standard deviation 1: a mean square of 2,501 against the intercept's 1, a block number of 6e6. */
    @Test
    void aFeatureFarFromZeroAgainstItsSpreadIsCaught() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{49, 0}, {51, 1}, {49, 0}, {51, 1}});
        InterceptCoupling c = InterceptCoupling.of(x, null, 0);
        assertEquals(0, c.feature());
        assertEquals(50, c.mean(), 1e-12);
        assertEquals(1, c.sd(), 1e-12);
        assertEquals(condition(2501, 50, 1), c.ratio(), 1e-6 * c.ratio());
        assertTrue(c.slow());
        assertFalse(ScaleSpread.of(x, null, 0).slow(), "the diagonal alone does not see it");
    }

    /** Weights and lambda enter as in the Hessian: a = (sum w x^2 + lambda) / W, mu = sum w x / W. */
    @Test
    void weightsAndLambdaEnterAsInTheHessian() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1}, {3}});
        float[] w = {1, 3};
        InterceptCoupling c = InterceptCoupling.of(x, w, 2);
        double a = (1 * 1 + 3 * 9 + 2) / 4.0;
        double mu = (1 * 1 + 3 * 3) / 4.0;
        assertEquals(condition(a, mu, 1), c.ratio(), 1e-12 * c.ratio());
    }

    /** Centred (z-scored) features: the block is diagonal and its number is the ratio of a_j and 1. */
    @Test
    void aCentredFeatureGivesTheDiagonalRatio() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{-2}, {2}});
        InterceptCoupling c = InterceptCoupling.of(x, null, 0);
        assertEquals(4, c.ratio(), 1e-12);
        assertEquals(0, c.mean(), 0.0);
    }

    /** For centred targets, centred columns couple nothing to the intercept; an offset column still does. */
    @Test
    void centredTargetsOnCentredColumnsHaveNoCoupling() {
        DenseMatrix centred = DenseMatrix.of(new float[][] {{-2}, {2}});
        InterceptCoupling none = InterceptCoupling.ofCentredTargets(centred, null, 1e12);
        assertEquals(1, none.ratio());
        assertEquals(-1, none.feature());
        assertEquals(5e11, InterceptCoupling.of(centred, null, 1e12).ratio(), 1e3);
        DenseMatrix offset = DenseMatrix.of(new float[][] {{49, 0}, {51, 1}, {49, 0}, {51, 1}});
        assertEquals(InterceptCoupling.of(offset, null, 0), InterceptCoupling.ofCentredTargets(offset, null, 0));
    }
}
