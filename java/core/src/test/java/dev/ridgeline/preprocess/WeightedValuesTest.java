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
}
