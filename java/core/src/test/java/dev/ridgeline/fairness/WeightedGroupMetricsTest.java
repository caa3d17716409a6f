package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.eval.RegressionMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Group metrics with row weights weigh the rows as the report's overall metrics do: over all rows they are
 * {@link RegressionMetrics}' weighted figures, and a row of integer weight w counts as w copies of it (a survey
 * row standing for w people). A group whose rows all weigh 0 has no metric and no part in the disparities.
 */
class WeightedGroupMetricsTest {
    @Test
    void weightedGroupMetricsAreTheRowsCountedByTheirWeights() {
        SplittableRandom random = new SplittableRandom(3);
        int m = 300;
        double[] y = new double[m];
        double[] p = new double[m];
        double[] w = new double[m];
        String[] labels = new String[m];
        List<Double> yCopies = new ArrayList<>();
        List<Double> pCopies = new ArrayList<>();
        List<String> labelCopies = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            labels[i] = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c";
            y[i] = random.nextGaussian() * 5 + (labels[i].equals("b") ? 3 : 0);
            p[i] = y[i] + random.nextGaussian() * (labels[i].equals("c") ? 2 : 1);
            w[i] = random.nextInt(4);  // 0 to 3 copies
            for (int c = 0; c < w[i]; c++) {
                yCopies.add(y[i]);
                pCopies.add(p[i]);
                labelCopies.add(labels[i]);
            }
        }
        FairnessReport weighted = FairnessAnalyzer.analyze("g", y, p, w, labels, BootstrapSettings.none(), false);
        FairnessReport copied = FairnessAnalyzer.analyze("g", yCopies.stream().mapToDouble(Double::doubleValue).toArray(),
                pCopies.stream().mapToDouble(Double::doubleValue).toArray(), labelCopies.toArray(String[]::new),
                BootstrapSettings.none(), false);
        for (int g = 0; g < 3; g++) {
            GroupMetrics a = weighted.groups().get(g);
            GroupMetrics b = copied.groups().get(g);
            assertEquals(b.group(), a.group());
            for (FairnessMetric metric : FairnessMetric.values()) {
                assertEquals(metric.of(b), metric.of(a), 1e-12 * Math.max(1, Math.abs(metric.of(b))),
                        a.group() + " " + metric);
            }
            int g0 = g;
            long weighing = java.util.stream.IntStream.range(0, m).filter(i -> i % 3 == g0 && w[i] > 0).count();
            assertEquals(weighing, a.count(), "the count is the group's rows of weight above 0");
        }
        float[] wf = new float[m];
        for (int i = 0; i < m; i++) {
            wf[i] = (float) w[i];
        }
        RegressionMetrics overall = RegressionMetrics.of(y, p, wf);
        assertEquals(overall.mse(), weighted.overall().mse(), 1e-12 * overall.mse());
        assertEquals(overall.mae(), weighted.overall().mae(), 1e-12 * overall.mae());
        assertEquals(overall.r2(), weighted.overall().r2(), 1e-12);
    }

    @Test
    void aGroupOfNoWeightHasNoMetricAndNoPartInTheDisparities() {
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] p = {1.5, 2, 2, 4, 9, 9};
        double[] w = {1, 1, 1, 1, 0, 0};
        String[] labels = {"a", "a", "b", "b", "c", "c"};
        FairnessReport r = FairnessAnalyzer.analyze("g", y, p, w, labels, new BootstrapSettings(200, 1, 0.95), true);
        GroupMetrics c = r.groups().get(2);
        assertEquals("c", c.group());
        assertTrue(Double.isNaN(c.mse()), c.toString());
        Disparity mse = r.disparities().stream().filter(d -> d.metric() == FairnessMetric.MSE).findFirst().orElseThrow();
        assertEquals("b", mse.maxGroup(), "c's squared errors of 16 and 9 weigh nothing");
        assertEquals("a", mse.minGroup());
        assertEquals(0.5 - 0.125, mse.difference(), 1e-12);
    }
    /**
     * A row of weight 0 is no evidence: a group of one weighing row among 39 of weight 0 is a one-row group (no
     * interval, which would be one rounding step wide, and a small group), and rows of weight 0 take no part in
     * the permutation test (a group of them only had moved the p-values, 0.144 against 0.036 in a review's case).
     */
    @Test
    void rowsOfWeightZeroAreNoEvidence() {
        SplittableRandom random = new SplittableRandom(8);
        int m = 160;
        double[] y = new double[m];
        double[] p = new double[m];
        double[] w = new double[m];
        String[] labels = new String[m];
        for (int i = 0; i < m; i++) {
            labels[i] = i < 40 ? "a" : i < 80 ? "b" : i < 120 ? "lone" : "none";
            y[i] = random.nextGaussian() + (i < 40 ? 1 : 0);
            p[i] = random.nextGaussian() * 0.5;
            w[i] = labels[i].equals("lone") ? (i == 80 ? 3.5 : 0) : labels[i].equals("none") ? 0 : 1 + i % 2;
        }
        BootstrapSettings boot = new BootstrapSettings(400, 5, 0.95);
        FairnessReport r = FairnessAnalyzer.analyze("g", y, p, w, labels, boot, true);
        GroupMetrics lone = r.group("lone");
        assertEquals(1, lone.count());
        assertTrue(lone.small());
        assertTrue(!r.groupIntervals().containsKey("lone"), "one weighing row: no interval " + r.groupIntervals());
        assertEquals(List.of("lone"), r.smallGroups().stream().map(GroupMetrics::group).toList(),
                "the group of no weight has no figure to call noisy");
        // The same rows without the weight-0 ones: the same p-values, bit for bit.
        int[] weighing = java.util.stream.IntStream.range(0, m).filter(i -> w[i] > 0).toArray();
        FairnessReport kept = FairnessAnalyzer.analyze("g", pick(y, weighing), pick(p, weighing), pick(w, weighing),
                java.util.Arrays.stream(weighing).mapToObj(i -> labels[i]).toArray(String[]::new), boot, true);
        for (int d = 0; d < r.disparities().size(); d++) {
            assertEquals(kept.disparities().get(d).permutationP(), r.disparities().get(d).permutationP(),
                    r.disparities().get(d).metric().toString());
        }
    }

    private static double[] pick(double[] v, int[] rows) {
        return java.util.Arrays.stream(rows).mapToDouble(i -> v[i]).toArray();
    }
}
