package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The compensated sum against the exact sum (BigDecimal), where plain summation loses digits. */
class NeumaierSumTest {
    @Test
    void keepsWhatPlainSummationLoses() {
        assertEquals(2.0, NeumaierSum.of(new double[] {1, 1e100, 1, -1e100}));
        assertEquals(1.0, NeumaierSum.of(new double[] {1e16, 1, -1e16}));
        assertEquals(Double.NaN, NeumaierSum.mean(new double[0]));
        assertEquals(2.5, NeumaierSum.mean(new double[] {1, 2, 3, 4}));
    }

    /** Error bound (Higham, Accuracy and Stability, 4.3): 2u|S| + O(n u^2) sum|x|; checked on hard cases. */
    @Test
    void isWithinTheCompensatedErrorBoundOfTheExactSum() {
        SplittableRandom rng = new SplittableRandom(11);
        double u = Math.ulp(1.0) / 2;
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(5000);
            double[] x = new double[n];
            BigDecimal exact = BigDecimal.ZERO;
            double absolute = 0;
            double offset = rng.nextBoolean() ? 1e8 : 0; // a large common value: cancellation in the mean's use
            for (int i = 0; i < n; i++) {
                x[i] = offset + (rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-8, 9));
                if (rng.nextInt(10) == 0) {
                    x[i] = -x[i];
                }
                exact = exact.add(new BigDecimal(x[i]));
                absolute += Math.abs(x[i]);
            }
            double s = exact.round(MathContext.DECIMAL128).doubleValue();
            double error = Math.abs(NeumaierSum.of(x) - s);
            assertTrue(error <= 2 * u * Math.abs(s) + 4 * n * u * u * absolute,
                    "trial " + trial + ": error " + error + " on a sum of " + s);
        }
    }
}
