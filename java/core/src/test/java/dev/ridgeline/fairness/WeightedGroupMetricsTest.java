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
            assertEquals(100, a.count(), "the count stays the group's rows");
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
}
