package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Metrics of a resample given as counts per row against {@link GroupMetrics#of} on the drawn rows in draw
 * order: the same count and R^2 definedness, every metric within rounding (1e-12 of its size), for one group
 * and for the union of several, including constant targets, rows never drawn and rows drawn many times.
 */
class ResampledMetricsTest {
    @Test
    void countsGiveTheMetricsOfTheDrawnRows() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(200);
            double[] y = new double[n];
            double[] p = new double[n];
            boolean constant = trial % 10 == 0;
            for (int i = 0; i < n; i++) {
                y[i] = constant ? 0.01 : random.nextDouble() * 1e3 - 500;
                p[i] = y[i] + random.nextGaussian() * 30;
            }
            int parts = 1 + random.nextInt(3);
            List<int[]> rows = new ArrayList<>();
            List<int[]> counts = new ArrayList<>();
            List<Integer> drawn = new ArrayList<>();
            for (int s = 0; s < parts; s++) {
                int[] part = random.ints(1 + random.nextInt(n), 0, n).toArray();
                int[] count = new int[part.length];
                for (int t = 0; t < part.length; t++) {
                    int k = random.nextInt(part.length);
                    count[k]++;
                    drawn.add(part[k]);
                }
                rows.add(part);
                counts.add(count);
            }
            GroupMetrics expected = GroupMetrics.of("g", y, p, drawn.stream().mapToInt(Integer::intValue).toArray());
            GroupMetrics actual = ResampledMetrics.of("g", y, p, rows, counts);
            String at = "trial " + trial;
            assertEquals(expected.count(), actual.count(), at);
            assertClose(expected.mse(), actual.mse(), at + " mse");
            assertClose(expected.rmse(), actual.rmse(), at + " rmse");
            assertClose(expected.mae(), actual.mae(), at + " mae");
            assertClose(expected.meanPrediction(), actual.meanPrediction(), at + " mean prediction");
            assertClose(expected.meanResidual(), actual.meanResidual(), at + " mean residual");
            assertEquals(Double.isNaN(expected.r2()), Double.isNaN(actual.r2()), at + " r2 defined");
            if (!Double.isNaN(expected.r2())) {
                assertClose(expected.r2(), actual.r2(), at + " r2");
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }
}
