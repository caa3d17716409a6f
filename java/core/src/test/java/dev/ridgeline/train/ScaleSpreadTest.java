package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import org.junit.jupiter.api.Test;

class ScaleSpreadTest {

    // Hessian diagonal by hand: column 0 mean square (1 + 9) / 2 = 5, column 1 10,000, the intercept 1.
    private static final DenseMatrix X = DenseMatrix.of(new float[][] {{1, 100}, {3, 100}});

    @Test
    void theRatioIsTheLargestMeanSquareOverTheSmallestWithTheIntercept() {
        ScaleSpread s = ScaleSpread.of(X, null, 0);
        assertEquals(1e4, s.ratio(), 1e-9);
        assertEquals(1, s.largest());
        assertEquals(1e4, s.largestValue(), 1e-9);
        assertEquals(2, s.smallest(), "the intercept is coordinate n");
        assertEquals(1.0, s.smallestValue());
        assertTrue(s.slow());
    }

    @Test
    void weightsAndThePenaltyEnterAsTheyDoInTheObjective() {
        // Weights 1 and 3: column 0 (1 + 27) / 4 = 7, column 1 10,000; lambda 2 adds 2 / W = 0.5 to each.
        ScaleSpread s = ScaleSpread.of(X, new float[] {1, 3}, 2);
        assertEquals(10000.5, s.largestValue(), 1e-9);
        assertEquals(1.0, s.smallestValue(), "column 0's 7.5 lies above the intercept's 1");
        assertEquals(10000.5, s.ratio(), 1e-9);
        // Small columns: (0.01^2 + 0.03^2) / 2 = 5e-4, so the spread is 1 / 5e-4 against the intercept.
        ScaleSpread small = ScaleSpread.of(DenseMatrix.of(new float[][] {{0.01f}, {0.03f}}), null, 0);
        assertEquals(0, small.smallest());
        assertEquals(2000, small.ratio(), 1e-3);
        assertFalse(small.slow());
    }

    @Test
    void aColumnOfZerosWithoutPenaltyIsLeftOut() {
        ScaleSpread s = ScaleSpread.of(DenseMatrix.of(new float[][] {{0, 2}, {0, 2}}), null, 0);
        assertEquals(4.0, s.ratio(), 1e-12);
        assertEquals(2, s.smallest());
        // With a penalty the column has curvature lambda / W = 0.5 and counts; column 1 has (8 + 1) / 2.
        assertEquals(4.5 / 0.5, ScaleSpread.of(DenseMatrix.of(new float[][] {{0, 2}, {0, 2}}), null, 1).ratio(), 1e-12);
    }

    /**
     * For centred targets, centred columns leave the intercept out (nothing moves it from its optimum 0),
     * uncentred ones keep it in.
     */
    @Test
    void centredTargetsOnCentredColumnsLeaveTheInterceptOut() {
        // Column 0 mean 0, mean square 1; column 1 mean 0, mean square 100; lambda 0.
        DenseMatrix centred = DenseMatrix.of(new float[][] {{1, -10}, {-1, 10}});
        ScaleSpread s = ScaleSpread.ofCentredTargets(centred, null, 0);
        assertFalse(s.withIntercept());
        assertEquals(100, s.ratio(), 1e-12);
        assertEquals(1, s.largest());
        assertEquals(0, s.smallest());
        // A huge penalty lifts every column alike: no spread left, where the intercept gave 5e11.
        assertEquals(1.0, ScaleSpread.ofCentredTargets(centred, null, 1e12).ratio(), 1e-9);
        assertEquals(5e11, ScaleSpread.of(centred, null, 1e12).ratio(), 1e3);
        // Uncentred (X above, means 2 and 100): the intercept counts, as in of().
        ScaleSpread uncentred = ScaleSpread.ofCentredTargets(X, null, 0);
        assertTrue(uncentred.withIntercept());
        assertEquals(ScaleSpread.of(X, null, 0), uncentred);
        // Weights decide the means: weights 1 and 3 put column 0's mean at -0.5.
        assertTrue(ScaleSpread.ofCentredTargets(centred, new float[] {1, 3}, 0).withIntercept());
        // No column that steps move: no spread.
        ScaleSpread none = ScaleSpread.ofCentredTargets(DenseMatrix.of(new float[][] {{0}, {0}}), null, 0);
        assertEquals(1.0, none.ratio());
    }

    /**
     * Weights and lambda are checked, for both figures, with a message naming the problem: a short weight array
     * had ended in an index out of bounds, a long one, a negative or NaN weight or lambda in a verdict.
     */
    @Test
    void weightsAndLambdaThatCannotBeTheFitsAreRefusedByName() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{1, 2}, {2, 3}, {4, 1}});
        java.util.Map<String, org.junit.jupiter.api.function.Executable> calls = new java.util.LinkedHashMap<>();
        calls.put("the weights have 2 rows, x has 3", () -> ScaleSpread.ofCentredTargets(x, new float[] {1, 1}, 1));
        calls.put("the weights have 4 rows, x has 3", () -> InterceptCoupling.of(x, new float[] {1, 1, 1, 1}, 1));
        calls.put("row 1: weight -1.0 must be a finite number >= 0",
                () -> ScaleSpread.of(x, new float[] {1, -1, 1}, 1));
        calls.put("row 2: weight NaN must be a finite number >= 0",
                () -> InterceptCoupling.ofCentredTargets(x, new float[] {1, 1, Float.NaN}, 1));
        calls.put("lambda must be a finite number >= 0, got -0.5", () -> ScaleSpread.of(x, null, -0.5));
        calls.put("lambda must be a finite number >= 0, got NaN", () -> InterceptCoupling.of(x, null, Double.NaN));
        calls.forEach((message, call) -> assertEquals(message,
                assertThrows(IllegalArgumentException.class, call).getMessage()));
    }
}
