package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Group metrics of targets far from zero, given in double, equal those of the same targets near zero. */
class FarTargetsTest {
    @Test
    void anOffsetOfTheTargetsAndPredictionsChangesNoErrorMetric() {
        SplittableRandom rng = new SplittableRandom(12);
        int m = 200;
        double[] y = new double[m];
        double[] p = new double[m];
        double[] yFar = new double[m];
        double[] pFar = new double[m];
        float[] yFarFloat = new float[m];
        String[] g = new String[m];
        for (int i = 0; i < m; i++) {
            y[i] = 20 + 5 * rng.nextGaussian();
            p[i] = y[i] + (i % 2 == 0 ? 1 : 3) * rng.nextGaussian();
            yFar[i] = y[i] + 1e8;
            pFar[i] = p[i] + 1e8;
            yFarFloat[i] = (float) yFar[i];
            g[i] = i % 2 == 0 ? "a" : "b";
        }
        BootstrapSettings none = BootstrapSettings.none();
        FairnessReport near = FairnessAnalyzer.analyze("g", y, p, g, none);
        FairnessReport far = FairnessAnalyzer.analyze("g", yFar, pFar, g, none);
        for (int k = 0; k < 2; k++) {
            GroupMetrics a = near.groups().get(k);
            GroupMetrics b = far.groups().get(k);
            assertEquals(a.mse(), b.mse(), 1e-6 * a.mse());
            assertEquals(a.mae(), b.mae(), 1e-6 * a.mae());
            assertEquals(a.r2(), b.r2(), 1e-6);
            assertEquals(a.meanPrediction() + 1e8, b.meanPrediction(), 1e-6);
        }
        double rounded = FairnessAnalyzer.analyze("g", yFarFloat, pFar, g, none).groups().get(0).mse();
        assertTrue(Math.abs(rounded - near.groups().get(0).mse()) > 0.1 * near.groups().get(0).mse(),
                "float32 targets at 1e8 lose the spread: " + rounded);
    }
}
