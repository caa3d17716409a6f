package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.eval.CvPoint;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.DivergenceException;
import dev.ridgeline.train.SingularSystemException;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import org.junit.jupiter.api.Test;

/** Learning-rate grids in the same batch: each setting's CV error equals its own separate run. */
class TunerGridTest {
    @Test
    void rateGridInOneBatchMatchesSeparateRunsAndMarksDivergence() {
        DenseMatrix x = RandomProblems.features(120, 6, 4);
        float[] y = RandomProblems.target(x, 4, 0.5);
        KFold folds = KFold.of(120, 4, 9);
        double[] lambdas = {0.1, 10};
        double[] rates = {0.05, 0.2, 50};
        TrainerConfig config = TrainerConfig.builder().maxEpochs(400).tolerance(0).build();
        Tuner tuner = new Tuner(new ScalarBackend(), config);
        Tuner.Result together = tuner.tune(x, y, folds, lambdas, rates, false);
        for (int l = 0; l < lambdas.length; l++) {
            for (int r = 0; r < rates.length; r++) {
                CvPoint joint = together.cv().points().get(l * rates.length + r);
                if (rates[r] == 50) {
                    assertTrue(Double.isNaN(joint.mean()), "a rate of 50 diverges");
                    continue;
                }
                Tuner.Result alone = new Tuner(new ScalarBackend(), config.toBuilder().learningRate(rates[r]).build())
                        .tune(x, y, folds, new double[] {lambdas[l]}, null, false);
                assertEquals(alone.cv().points().get(0).mean(), joint.mean(), 1e-12 * joint.mean(),
                        "lambda " + lambdas[l] + ", rate " + rates[r]);
            }
        }
        assertTrue(together.learningRate() != 50);
    }

    @Test
    void everySettingDivergingIsATrainingFailureNamingTheRemedy() {
        DenseMatrix x = RandomProblems.features(60, 3, 4);
        float[] y = RandomProblems.target(x, 4, 0.5);
        Tuner tuner = new Tuner(new ScalarBackend(), TrainerConfig.builder().maxEpochs(200).build());
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> tuner.tune(x, y, KFold.of(60, 3, 1), new double[] {1}, new double[] {50}, false));
        assertEquals("every setting diverged in some fold; try smaller learning rates", e.getMessage());
    }

    /**
     * Every setting diverging on a feature near 1e37 names scaling, which no learning rate replaces: it had
     * suggested --lr auto, whose float32 curvature sums overflow on such features. Told so whether the folds share
     * one X or each has its own input.
     */
    @Test
    void everySettingDivergingOnHugeFeaturesNamesScaling() {
        DenseMatrix x = RandomProblems.features(60, 3, 4);
        float[] y = RandomProblems.target(x, 4, 0.5);
        for (int i = 0; i < x.rows(); i++) {
            x.set(i, 0, (1 + i % 5) * 2e36f);
        }
        Tuner tuner = new Tuner(new ScalarBackend(), TrainerConfig.builder().maxEpochs(200).learningRate(0.1).build());
        KFold folds = KFold.of(60, 3, 1);
        String expected = "every setting diverged in some fold; try smaller learning rates (or scale the features,"
                + " --scale zscore: they reach 1.00e+37)";
        assertEquals(expected, assertThrows(DivergenceException.class,
                () -> tuner.tune(x, y, folds, new double[] {1}, null, false)).getMessage());
        assertEquals(expected, assertThrows(DivergenceException.class,
                () -> tuner.tune(x, y, folds, new double[] {1}, new double[] {0.1, 0.2}, false)).getMessage());
        assertEquals(expected, assertThrows(DivergenceException.class, () -> tuner.tune(
                f -> new Tuner.FoldInput(x, null), () -> new Tuner.FoldInput(x, null), y, null, folds,
                new double[] {1}, null, false)).getMessage());
        // Features of ordinary size keep the advice of a smaller or an estimated rate.
        DenseMatrix small = RandomProblems.features(60, 3, 4);
        assertEquals("every setting diverged in some fold; try smaller learning rates or --lr auto",
                assertThrows(DivergenceException.class, () -> new Tuner(new ScalarBackend(),
                        TrainerConfig.builder().maxEpochs(200).learningRate(50).build())
                        .tune(small, y, folds, new double[] {1}, null, false)).getMessage());
    }

    /** 40 rows of a, b and twice a: singular at lambda 0. */
    private static float[][] withTwiceA() {
        float[][] rows = new float[40][3];
        for (int i = 0; i < 40; i++) {
            rows[i][0] = i % 7;
            rows[i][1] = (i * 13) % 11;
            rows[i][2] = 2 * rows[i][0];
        }
        return rows;
    }

    @Test
    void theExactSolverNamesTheCollinearColumn() {
        float[][] rows = withTwiceA();
        float[] y = new float[40];
        for (int i = 0; i < 40; i++) {
            y[i] = rows[i][0] + rows[i][1];
        }
        Tuner tuner = new Tuner(new ScalarBackend(), TrainerConfig.builder().solver(Solver.EXACT).build(),
                java.util.List.of("a", "b", "twice a"));
        SingularSystemException e = assertThrows(SingularSystemException.class,
                () -> tuner.tune(DenseMatrix.of(rows), y, KFold.of(40, 2, 1), new double[] {0}, null, false));
        assertTrue(e.getMessage().contains("column 'twice a' is a linear combination"), e.getMessage());
    }

    /**
     * lambda 0 on a collinear column is singular in every fold, lambda 1 is not: the grid goes on without the
     * singular setting (its CV errors NaN, as a diverged setting's), and lambda 1 is chosen and refitted.
     */
    @Test
    void aSingularLambdaIsMarkedNotFatalWhenOthersSolve() {
        float[][] rows = withTwiceA();
        float[] y = new float[40];
        for (int i = 0; i < 40; i++) {
            y[i] = rows[i][0] + rows[i][1] + (i % 3) * 0.1f;
        }
        Tuner tuner = new Tuner(new ScalarBackend(), TrainerConfig.builder().solver(Solver.EXACT).build());
        Tuner.Result r = tuner.tune(DenseMatrix.of(rows), y, KFold.of(40, 4, 1), new double[] {0, 1}, null, false);
        CvPoint zero = r.cv().points().get(0);
        CvPoint one = r.cv().points().get(1);
        assertTrue(Double.isNaN(zero.mean()), "lambda 0: " + zero.mean());
        for (double fold : zero.foldMse()) {
            assertTrue(Double.isNaN(fold));
        }
        assertTrue(one.mean() > 0 && one.mean() < 1, "lambda 1: " + one.mean());
        assertEquals(1.0, r.lambda());
        assertEquals(dev.ridgeline.train.StopReason.EXACT, r.refit().stopReason(0));
    }

    /**
     * CV models that run all their epochs short of the tolerance are counted: with 3 epochs and a tolerance of 0
     * each of the 2 lambdas x 2 rates x 3 folds = 12 fits stops at its epoch limit; the exact solver's fits
     * converge, and none is counted.
     */
    @Test
    void foldFitsStoppedByTheirEpochLimitAreCounted() {
        DenseMatrix x = RandomProblems.features(60, 3, 5);
        float[] y = RandomProblems.target(x, 5, 0.5);
        KFold folds = KFold.of(60, 3, 2);
        double[] lambdas = {0.1, 1};
        TrainerConfig short3 = TrainerConfig.builder().maxEpochs(3).tolerance(0).build();
        Tuner.Result r = new Tuner(new ScalarBackend(), short3).tune(x, y, folds, lambdas, new double[] {0.05, 0.1}, false);
        assertEquals(12, r.epochLimited());
        assertEquals(0, r.unfinished());
        TrainerConfig exact = TrainerConfig.builder().solver(Solver.EXACT).build();
        assertEquals(0, new Tuner(new ScalarBackend(), exact).tune(x, y, folds, lambdas, null, false).epochLimited());
    }
}
