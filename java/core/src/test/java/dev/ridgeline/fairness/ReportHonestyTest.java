package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What a fairness report claims matches what was computed: rows of weight 0 change no interval, as they change no
 * figure; a permutation p is marked withheld only when the test was left out on purpose; a group with no weighing
 * row is not "small"; and a bootstrap too short for a 95% interval's tails is refused.
 */
class ReportHonestyTest {
    private static final int M = 60;

    /** Two groups of 30 rows, b with the larger errors. Shapes: y, p, labels (M). */
    private static double[] y = new double[M];
    private static double[] p = new double[M];
    private static String[] labels = new String[M];

    static {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < M; i++) {
            labels[i] = i % 2 == 0 ? "a" : "b";
            y[i] = random.nextGaussian() * 3;
            p[i] = y[i] + random.nextGaussian() * (i % 2 == 0 ? 1 : 2);
        }
    }

    @Test
    void rowsOfWeightZeroChangeNoInterval() {
        double[] w = new double[M];
        Arrays.fill(w, 1);
        // The same rows with 20 more of weight 0 interleaved in each group.
        int extra = 40;
        double[] y2 = Arrays.copyOf(y, M + extra);
        double[] p2 = Arrays.copyOf(p, M + extra);
        double[] w2 = Arrays.copyOf(w, M + extra);
        String[] l2 = Arrays.copyOf(labels, M + extra);
        for (int k = 0; k < extra; k++) {
            y2[M + k] = 100 + k;  // far off: drawn, they would move every figure they weigh in
            p2[M + k] = -100;
            w2[M + k] = 0;
            l2[M + k] = k % 2 == 0 ? "a" : "b";
        }
        BootstrapSettings boot = new BootstrapSettings(200, 7, 0.95);
        FairnessReport plain = FairnessAnalyzer.analyze("g", y, p, w, labels, boot, true);
        FairnessReport padded = FairnessAnalyzer.analyze("g", y2, p2, w2, l2, boot, true);
        assertEquals(plain.groupIntervals(), padded.groupIntervals());
        assertEquals(plain.overallIntervals(), padded.overallIntervals());
        for (FairnessMetric metric : FairnessMetric.values()) {
            assertEquals(plain.disparity(metric), padded.disparity(metric), metric.label());
        }
        assertEquals(M, plain.rows());
        assertEquals(M + extra, padded.rows(), "the report counts every evaluation row");
        assertEquals(M, padded.overall().count(), "and its overall count the weighing ones");
    }

    @Test
    void aPermutationPIsWithheldOnlyWhenTheTestWasLeftOut() {
        BootstrapSettings boot = new BootstrapSettings(100, 3, 0.95);
        FairnessReport left = FairnessAnalyzer.analyze("g", y, p, null, labels, boot, false);
        assertTrue(left.permutationWithheld());
        assertTrue(Double.isNaN(left.disparity(FairnessMetric.MSE).permutationP()));

        FairnessReport ran = FairnessAnalyzer.analyze("g", y, p, null, labels, boot, true);
        assertFalse(ran.permutationWithheld());
        assertFalse(Double.isNaN(ran.disparity(FairnessMetric.MSE).permutationP()));

        // Group b weighs nothing: no metric ranks two groups, so there was nothing to test, and nothing withheld.
        double[] w = new double[M];
        for (int i = 0; i < M; i++) {
            w[i] = labels[i].equals("a") ? 1 : 0;
        }
        FairnessReport nothing = FairnessAnalyzer.analyze("g", y, p, w, labels, boot, true);
        assertTrue(Double.isNaN(nothing.disparity(FairnessMetric.MSE).permutationP()));
        assertFalse(nothing.permutationWithheld());
        assertFalse(nothing.anyDisparity());
        FairnessReport nothingLeftOut = FairnessAnalyzer.analyze("g", y, p, w, labels, boot, false);
        assertFalse(nothingLeftOut.permutationWithheld(), "nothing to test is not a test left out");

        assertFalse(FairnessAnalyzer.analyze("g", y, p, null, labels, BootstrapSettings.none(), false)
                .permutationWithheld(), "no resamples, no test to withhold");
    }

    @Test
    void aGroupWithNoWeighingRowIsNotSmall() {
        double[] w = new double[M];
        for (int i = 0; i < M; i++) {
            w[i] = labels[i].equals("a") ? 1 : 0;
        }
        FairnessReport r = FairnessAnalyzer.analyze("g", y, p, w, labels, BootstrapSettings.none(), true);
        assertEquals(0, r.group("b").count());
        assertFalse(r.group("b").small());
        assertTrue(r.smallGroups().isEmpty());
        assertTrue(new GroupMetrics("x", 29, 1, 1, 1, 0, 0, 0).small());
        assertFalse(new GroupMetrics("x", 30, 1, 1, 1, 0, 0, 0).small());
    }

    @Test
    void aBootstrapTooShortForItsTailsIsRefused() {
        for (int n : new int[] {1, 2, 39, BootstrapSettings.MAX_RESAMPLES + 1, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new BootstrapSettings(n, 1, 0.95));
            assertTrue(e.getMessage().contains("between 40 and 100000"), e.getMessage());
        }
        new BootstrapSettings(0, 1, 0.95);
        new BootstrapSettings(40, 1, 0.95);
        new BootstrapSettings(BootstrapSettings.MAX_RESAMPLES, 1, 0.95);
        assertEquals(200, BootstrapSettings.fewestFor(0.99));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapSettings(199, 1, 0.99));
        new BootstrapSettings(200, 1, 0.99);
        assertEquals(40, BootstrapSettings.fewestFor(0.5));
    }
}
