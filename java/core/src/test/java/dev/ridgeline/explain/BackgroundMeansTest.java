package dev.ridgeline.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Background means against exact decimal sums of the same doubles. */
class BackgroundMeansTest {
    /**
     * Values 1e14 +- 1 (the stored doubles, steps of 1/64): a plain double sum of 2,000 of them rounds in steps of
     * 32 and missed the mean by about 0.1, a tenth of the spread the explanation is about.
     */
    @Test
    void valuesFarFromZeroForTheirSpreadKeepTheirMean() {
        Random random = new Random(5);
        BackgroundMeans means = new BackgroundMeans(new double[] {1e14 + 0.25, 0});
        BigDecimal[] exact = {BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 2000; i++) {
            double[] row = {1e14 + (2 * random.nextDouble() - 1), 3 + random.nextGaussian()};
            double w = 1 + random.nextInt(3);
            means.add(row, w);
            for (int j = 0; j < 2; j++) {
                exact[j] = exact[j].add(new BigDecimal(row[j]).multiply(new BigDecimal(w)));
            }
            total = total.add(new BigDecimal(w));
        }
        double[] got = means.means();
        double[] offsets = means.offsets();
        double[] reference = {1e14 + 0.25, 0};
        for (int j = 0; j < 2; j++) {
            BigDecimal mean = exact[j].divide(total, MathContext.DECIMAL128);
            assertEquals(0, new BigDecimal(got[j]).subtract(mean).doubleValue(), Math.ulp(mean.doubleValue()),
                    "column " + j);
            // The offset from the reference keeps the digits that the mean itself rounds away at 1e14.
            BigDecimal offset = mean.subtract(new BigDecimal(reference[j]));
            assertEquals(0, new BigDecimal(offsets[j]).subtract(offset).doubleValue(),
                    2 * Math.ulp(offset.doubleValue()), "column " + j);
        }
        assertEquals(2000, means.rows());
    }

    @Test
    void weightsThatAddToNothingHaveNoMean() {
        BackgroundMeans means = new BackgroundMeans(new double[] {0});
        assertEquals("the background data has no rows",
                assertThrows(IllegalArgumentException.class, means::means).getMessage());
        means.add(new double[] {4}, 0);
        assertEquals("the rows' weights sum to 0.0: no mean to take",
                assertThrows(IllegalArgumentException.class, means::means).getMessage());
        means.add(new double[] {6}, 2);
        assertEquals(6, means.means()[0]);
    }

    /**
     * A NaN value or an infinite weight had made every mean NaN (found only at the first explanation, as a failed
     * additivity check), and a negative weight had been summed; each is refused as it is added, naming it.
     */
    @Test
    void valuesAndWeightsThatGiveNoMeanAreRefusedAsTheyCome() {
        BackgroundMeans means = new BackgroundMeans(new double[] {0, 0});
        means.add(new double[] {1, 2});
        assertEquals("background row 1, column 1: value NaN is not a finite number (rows are in the input space,"
                        + " imputed: InputSpace.row(model, raw) imputes a raw row as predict does)",
                assertThrows(IllegalArgumentException.class, () -> means.add(new double[] {1, Double.NaN}))
                        .getMessage());
        assertEquals("background row 1: weight -1.0 must be a finite number >= 0",
                assertThrows(IllegalArgumentException.class, () -> means.add(new double[] {1, 2}, -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> means.add(new double[] {1, 2}, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> means.add(new double[] {1, 2}, Double.NaN));
        assertEquals("reference", assertThrows(NullPointerException.class, () -> new BackgroundMeans(null))
                .getMessage());
        // Nothing refused was added.
        assertEquals(1, means.rows());
        assertEquals(2, means.means()[1]);
    }
}
