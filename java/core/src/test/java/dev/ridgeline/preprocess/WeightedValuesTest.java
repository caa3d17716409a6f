package dev.ridgeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Weighted statistics against the plain ones of the values written w times (integer weights: exact). */
class WeightedValuesTest {
    @Test
    void integerWeightsGiveTheStatisticsOfRepeatedValues() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rng.nextInt(12);
            double[] values = new double[n];
            double[] weights = new double[n];
            int copies = 0;
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextInt(6) * 0.5;  // ties are common
                weights[i] = rng.nextInt(4);  // zeros too
                copies += (int) weights[i];
            }
            if (copies == 0) {
                continue;
            }
            double[] repeated = new double[copies];
            for (int i = 0, at = 0; i < n; i++) {
                for (int c = 0; c < weights[i]; c++) {
                    repeated[at++] = values[i];
                }
            }
            WeightedValues weighted = new WeightedValues(values, weights);
            WeightedValues plain = new WeightedValues(repeated, null);
            String at = Arrays.toString(values) + " x " + Arrays.toString(weights);
            assertEquals(plain.median(), weighted.median(), 0.0, "median " + at);
            assertEquals(plain.mean(), weighted.mean(), 1e-12, "mean " + at);
            assertEquals(plain.populationSd(plain.mean()), weighted.populationSd(weighted.mean()), 1e-12, "sd " + at);
            assertEquals(plain.min(), weighted.min(), 0.0, "min " + at);
            assertEquals(plain.max(), weighted.max(), 0.0, "max " + at);
        }
    }

    @Test
    void aMillionValuesAreSelectedNotSorted() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 1_000_001;
        double[] values = new double[n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextDouble();
            ones[i] = 1;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[n / 2], new WeightedValues(values, ones).median(), 0.0);
    }

    /**
     * The sd of values near 1e-200 or 1e200 is that of the same values near 1 scaled back: squared as they were,
     * the first underflowed to 0 (z-scoring refused the column) and the second overflowed.
     */
    @Test
    void theSdOfTinyAndHugeValuesIsThatOfTheirScaledCopies() {
        double[] unit = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] weights = {1, 2, 1, 0, 3, 1, 1, 2, 1, 1};
        WeightedValues plain = new WeightedValues(unit, weights);
        double sd = plain.populationSd(plain.mean());
        for (double scale : new double[] {1e-200, 1e-120, 1e120, 1e200}) {
            double[] scaled = Arrays.stream(unit).map(v -> v * scale).toArray();
            WeightedValues w = new WeightedValues(scaled, weights);
            assertEquals(sd * scale, w.populationSd(w.mean()), 1e-12 * sd * scale, "scale " + scale);
        }
    }
}
