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

    /**
     * With base row weights the group losses the rounds compare are weighted as the overall metrics are: a row of
     * weight 3 counts three times in its group's MSE (they had counted each row once). A fit whose predictions do
     * not depend on the weights isolates the measure.
     */
    @Test
    void groupLossesWeighTheRowsByTheBaseWeights() {
        float[] y = {0, 0, 0, 0};
        double[] p = {1, 3, 2, 2};
        String[] g = {"a", "a", "b", "b"};
        float[] base = {3, 1, 1, 1};
        WeightedFit<double[]> fixed = predicting(p);
        MitigationResult<double[]> r = BoundedGroupLoss.mitigate(y, g, base, fixed, new BoundedGroupLoss.Settings(1, 1));
        assertEquals("a", r.before().get(0).group());
        assertEquals((3 * 1 + 9) / 4.0, r.before().get(0).mse(), 1e-12, "a: (3 x 1^2 + 1 x 3^2) / 4, not (1 + 9) / 2");
        assertEquals(4.0, r.before().get(1).mse(), 1e-12);
        assertEquals((3 + 9 + 4 + 4) / 6.0, r.overallBefore().mse(), 1e-12);
    }

    /** A fit whose model is the predictions {@code p}, whatever the weights: the measure alone is tested. */
    private static WeightedFit<double[]> predicting(double[] p) {
        return new WeightedFit<>() {
            @Override
            public double[] fit(float[] rowWeights) {
                return p;
            }

            @Override
            public double[] predict(double[] model) {
                return model;
            }
        };
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

    /**
     * A one-row group that the fit misses by far: its MSE over the overall one is near the row count, exp of
     * that overflowed, and the multipliers became infinite, then NaN (the run failed on a NaN row weight).
     */
    @Test
    void aOneRowGroupWithAHugeErrorKeepsEveryWeightFinite() {
        float[] y = Y.clone();
        String[] g = G.clone();
        y[7] = 500;
        g[7] = "outlier";
        BackendWeightedFit fit = new BackendWeightedFit(new ScalarBackend(), X, y, 0.0,
                TrainerConfig.builder().maxEpochs(5000).tolerance(1e-9).build());
        MitigationResult<Parameters> r = BoundedGroupLoss.mitigate(y, g, null, fit, BoundedGroupLoss.Settings.defaults());
        assertTrue(r.worstGroupMseBefore() / r.overallBefore().mse() > 710, "the case overflows exp: "
                + r.worstGroupMseBefore() / r.overallBefore().mse());
        r.groupMultipliers().forEach((group, u) -> assertTrue(Double.isFinite(u) && u >= 0, group + ": " + u));
        double total = 0;
        for (float w : r.rowWeights()) {
            assertTrue(Float.isFinite(w) && w >= 0, "row weight " + w);
            total += w;
        }
        assertEquals(M, total, 1e-2 * M);
    }

    /**
     * Targets far from 0 (1e8 + a spread of a few units): the group losses were measured against the targets
     * rounded to float32 (steps of 8 at 1e8), not the targets as read.
     */
    @Test
    void groupLossesUseTheTargetsAsReadFarFromZero() {
        int m = 40;
        double[] y = new double[m];
        String[] g = new String[m];
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = 1e8 + (i % 4) * 0.75;
            g[i] = i % 2 == 0 ? "a" : "b";
            p[i] = 1e8 + 1.0;
        }
        WeightedFit<double[]> constant = predicting(p);
        MitigationResult<double[]> r = BoundedGroupLoss.mitigate(y, g, null, constant,
                new BoundedGroupLoss.Settings(1, 1.0));
        // group a: targets 1e8 + 0 and + 1.5, errors 1 and 0.5; group b: + 0.75 and + 2.25, errors 0.25 and 1.25
        assertEquals(0.625, r.before().get(0).mse(), 1e-12);
        assertEquals(0.8125, r.before().get(1).mse(), 1e-12);
        assertEquals(0.8125, r.worstGroupMseBefore(), 1e-12);
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

    /** The rounds run to their count inclusive: at the largest int the counter wrapped and they never ended. */
    @Test
    void roundsBeyondAMillionAreRefused() {
        assertEquals(BoundedGroupLoss.Settings.MAX_ROUNDS, new BoundedGroupLoss.Settings(1_000_000, 1).rounds());
        for (int rounds : new int[] {0, 1_000_001, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new BoundedGroupLoss.Settings(rounds, 1));
            assertEquals("mitigation rounds must be between 1 and 1000000, got " + rounds, e.getMessage());
        }
    }

    @Test
    void theFinalPredictorIsDeterministic() {
        MitigationResult<Parameters> a = BoundedGroupLoss.mitigate(Y, G, null, fitter(), BoundedGroupLoss.Settings.defaults());
        MitigationResult<Parameters> b = BoundedGroupLoss.mitigate(Y, G, null, fitter(), BoundedGroupLoss.Settings.defaults());
        assertArrayEquals(a.model().theta(0), b.model().theta(0), 0.0);
        assertEquals(a.model().bias(0), b.model().bias(0), 0.0);
        assertEquals(a.chosenRound(), b.chosenRound());
    }

    /**
     * One round of the multiplicative update by hand, with a fitter whose model is the weighted mean of y.
     * Group A = rows {0, 1} with y = 0, group B = row {2} with y = 3. Round 0 (unit weights): mean 1, MSE_A 1,
     * MSE_B 4, overall 2, worst 4. Update with eta 0.2: u_A = exp(0.2 (1/2 - 1)) = e^-0.1, u_B = exp(0.2 (4/2 - 1))
     * = e^0.2, rescaled so that 2 u_A + u_B = 3. Round 1: mean = 3 u_B / (2 u_A + u_B) = u_B = 1.2088797,
     * MSE_A = 1.4613902, MSE_B = (3 - 1.2088797)^2 = 3.2081118 < 4, so round 1 is chosen.
     */
    @Test
    void oneRoundOfTheUpdateByHand() {
        float[] y = {0, 0, 3};
        WeightedFit<Double> mean = new WeightedFit<>() {
            @Override
            public Double fit(float[] w) {
                double s = 0;
                double t = 0;
                for (int i = 0; i < y.length; i++) {
                    s += w[i] * y[i];
                    t += w[i];
                }
                return s / t;
            }

            @Override
            public double[] predict(Double model) {
                return new double[] {model, model, model};
            }
        };
        MitigationResult<Double> r = BoundedGroupLoss.mitigate(y, new String[] {"A", "A", "B"}, null, mean,
                new BoundedGroupLoss.Settings(1, 0.2));
        double scale = 3 / (2 * Math.exp(-0.1) + Math.exp(0.2));
        assertEquals(1, r.chosenRound());
        assertEquals(Math.exp(-0.1) * scale, r.groupMultipliers().get("A"), 1e-6);
        assertEquals(Math.exp(0.2) * scale, r.groupMultipliers().get("B"), 1e-6);
        assertEquals(1.2088797, r.model(), 1e-6);
        assertEquals(4.0, r.worstGroupMseBefore(), 1e-6);
        assertEquals(3.2081118, r.worstGroupMseAfter(), 1e-5); // float32 row weights
    }

    /**
     * The chosen round is the one of least worst-group MSE, the bound the method promises, not of least mean over
     * the groups: a fitter whose rounds give group MSEs (1, 9), (6, 6), (0.5, 8) (worst 9, 6, 8; mean 5, 6, 4.25)
     * must end at round 1.
     */
    @Test
    void theChosenRoundHasTheLeastWorstGroupMseNotTheLeastMean() {
        double[][] byRound = {{1, 3}, {Math.sqrt(6), Math.sqrt(6)}, {Math.sqrt(0.5), Math.sqrt(8)}};
        WeightedFit<Integer> scripted = new WeightedFit<>() {
            private int rounds;

            @Override
            public Integer fit(float[] w) {
                return rounds++;
            }

            @Override
            public double[] predict(Integer round) {
                return byRound[round];
            }
        };
        MitigationResult<Integer> r = BoundedGroupLoss.mitigate(new float[] {0, 0}, new String[] {"a", "b"}, null,
                scripted, new BoundedGroupLoss.Settings(2, 1.0));
        assertEquals(1, r.chosenRound());
        assertEquals(1, r.model());
        assertEquals(9.0, r.worstGroupMseBefore(), 1e-12);
        assertEquals(6.0, r.worstGroupMseAfter(), 1e-12);
    }

    /** The backend fitter's predictions are bias + theta . x on each row (two features, by hand). */
    @Test
    void backendFitPredictsWithEveryFeature() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 2}, {3, -1}});
        BackendWeightedFit fit = new BackendWeightedFit(new ScalarBackend(), x, new float[] {0, 0}, 0.0,
                TrainerConfig.builder().build());
        double[] p = fit.predict(new Parameters(new double[][] {{0.5, 2}}, new double[] {1}));
        assertArrayEquals(new double[] {1 + 0.5 + 4, 1 + 1.5 - 2}, p, 1e-12);
    }

    /**
     * The minority's rows all weigh 0: no multiplier reaches them, and their loss had driven the majority's
     * multiplier to 0 and the renormalisation to 0 / 0, a NaN row weight in the next fit. Refused up front,
     * naming the group.
     */
    @Test
    void aGroupWhoseRowsAllWeighZeroIsRefusedByName() {
        float[] base = new float[M];
        for (int i = 0; i < M; i++) {
            base[i] = G[i].equals("minor") ? 0f : 1f;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoundedGroupLoss.mitigate(Y, G,
                base, fitter(), new BoundedGroupLoss.Settings(40, 1.0)));
        assertEquals("group 'minor' has weight 0 on all its 100 rows, so no reweighting reaches it: give its rows"
                + " weight or leave them out", e.getMessage());
    }
}
