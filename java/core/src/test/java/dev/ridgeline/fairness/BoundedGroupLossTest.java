package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.train.TrainerConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoundedGroupLossTest {
    /**
     * A biased dataset: 900 rows of group "major" follow y = 2x, 100 rows of group "minor" follow y = -x + 2
     * (x uniform in [0, 2)). One shared line fits the majority and fails the minority.
     */
    private static final int M = 1000;
    private static final DenseMatrix X = DenseMatrix.zeros(M, 1);
    private static final float[] Y = new float[M];
    private static final String[] G = new String[M];

    static {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < M; i++) {
            double x = 2 * rnd.nextDouble();
            boolean minor = i % 10 == 0;
            X.set(i, 0, (float) x);
            Y[i] = (float) ((minor ? -x + 2 : 2 * x) + 0.1 * rnd.nextGaussian());
            G[i] = minor ? "minor" : "major";
        }
    }

    private static BackendWeightedFit fitter() {
        return new BackendWeightedFit(new ScalarBackend(), X, Y, 0.0,
                TrainerConfig.builder().maxEpochs(5000).tolerance(1e-9).build());
    }

    @Test
    void mitigationReducesTheWorstGroupMse() {
        MitigationResult<Parameters> r = BoundedGroupLoss.mitigate(Y, G, null, fitter(), BoundedGroupLoss.Settings.defaults());
        double before = r.worstGroupMseBefore();
        double after = r.worstGroupMseAfter();
        assertTrue(after < 0.8 * before, "worst-group MSE " + before + " -> " + after);
        // the price: overall MSE rises, the majority's MSE rises
        assertTrue(r.overallAfter().mse() > r.overallBefore().mse());
        assertTrue(r.chosenRound() > 0);
        assertTrue(r.groupMultipliers().get("minor") > r.groupMultipliers().get("major"));
        // the weights keep the total at m
        double total = 0;
        for (float w : r.rowWeights()) {
            total += w;
        }
        assertEquals(M, total, 1e-2);
    }

    @Test
    void withBaseWeightsTheGroupWeightsKeepTheTotalBaseWeight() {
        // Base weights that differ by group: 0.5 for each "major" row, 4 for each "minor" row (total 850).
        float[] base = new float[M];
        double baseTotal = 0;
        for (int i = 0; i < M; i++) {
            base[i] = G[i].equals("minor") ? 4f : 0.5f;
            baseTotal += base[i];
        }
        MitigationResult<Parameters> r = BoundedGroupLoss.mitigate(Y, G, base, fitter(), BoundedGroupLoss.Settings.defaults());
        assertTrue(r.chosenRound() > 0);
        double total = 0;
        for (int i = 0; i < M; i++) {
            total += r.rowWeights()[i];
            // each row weight is its base weight times its group's multiplier
            assertEquals(base[i] * r.groupMultipliers().get(G[i]), r.rowWeights()[i], 1e-5 * r.rowWeights()[i]);
        }
        // the total weight (which divides the L2 penalty in the objective) stays that of the plain fit
        assertEquals(baseTotal, total, 1e-3 * baseTotal);
    }

    /** 40 labels for 60 rows left 20 rows out of every fit with no error; more gave an index out of bounds. */
    @Test
    void labelsAndBaseWeightsOfAnotherLengthAreRefused() {
        String[] short40 = java.util.Arrays.copyOf(G, M - 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoundedGroupLoss.mitigate(Y,
                short40, null, fitter(), BoundedGroupLoss.Settings.defaults()));
        assertEquals("1000 targets, 980 group labels: they must match", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BoundedGroupLoss.mitigate(Y, G, new float[10],
                fitter(), BoundedGroupLoss.Settings.defaults()));
        assertEquals("1000 targets, 1000 group labels and 10 base weights: they must match", e.getMessage());
    }

    @Test
    void theFinalPredictorIsDeterministic() {
        MitigationResult<Parameters> a = BoundedGroupLoss.mitigate(Y, G, null, fitter(), BoundedGroupLoss.Settings.defaults());
        MitigationResult<Parameters> b = BoundedGroupLoss.mitigate(Y, G, null, fitter(), BoundedGroupLoss.Settings.defaults());
        assertArrayEquals(a.model().theta(0), b.model().theta(0), 0.0);
        assertEquals(a.model().bias(0), b.model().bias(0), 0.0);
        assertEquals(a.chosenRound(), b.chosenRound());
    }
}
