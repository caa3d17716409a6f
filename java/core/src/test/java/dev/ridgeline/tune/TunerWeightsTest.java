package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.TrainerConfig;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Row weights in cross-validation: a row of weight 0 is as good as absent, from the fold fits to the CV errors. */
class TunerWeightsTest {
    private static final double[] LAMBDAS = {0.1, 3, 100};
    private static final TrainerConfig CONFIG = TrainerConfig.builder().maxEpochs(300).tolerance(0).build();

    @Test
    void rowsOfWeightZeroChangeNothing() {
        int m = 90;
        int junk = 30;
        int n = 5;
        DenseMatrix real = RandomProblems.features(m, n, 3);
        float[] y = RandomProblems.target(real, 3, 0.5);
        KFold folds = KFold.of(m, 3, 11);

        SplittableRandom rng = new SplittableRandom(8);
        float[][] rows = new float[m + junk][n];
        float[] yAll = Arrays.copyOf(y, m + junk);
        float[] w = new float[m + junk];
        int[] foldAll = Arrays.copyOf(folds.folds(), m + junk);
        for (int i = 0; i < m + junk; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = i < m ? real.get(i, j) : (float) (100 * rng.nextGaussian());
            }
            w[i] = i < m ? 1 : 0;
            if (i >= m) {
                yAll[i] = (float) (1e3 * rng.nextGaussian());
                foldAll[i] = i % 3;
            }
        }
        Tuner tuner = new Tuner(new ScalarBackend(), CONFIG);
        Tuner.Result plain = tuner.tune(real, y, folds, LAMBDAS, null, false);
        Tuner.Result weighted = tuner.tune(DenseMatrix.of(rows), yAll, w, new KFold(3, foldAll), LAMBDAS, null, false);
        for (int l = 0; l < LAMBDAS.length; l++) {
            double expected = plain.cv().points().get(l).mean();
            assertEquals(expected, weighted.cv().points().get(l).mean(), 1e-9 * expected, "lambda " + LAMBDAS[l]);
            assertEquals(plain.cv().points().get(l).std(), weighted.cv().points().get(l).std(), 1e-6 * expected);
        }
        assertEquals(plain.lambda(), weighted.lambda());
        assertArrayEquals(plain.refit().parameters().theta(0), weighted.refit().parameters().theta(0), 1e-9);
    }

    @Test
    void unequalWeightsMoveTheCrossValidationErrors() {
        DenseMatrix x = RandomProblems.features(80, 4, 5);
        float[] y = RandomProblems.target(x, 5, 1.0);
        float[] w = new float[80];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 4 == 0 ? 5 : 1;
        }
        KFold folds = KFold.of(80, 4, 2);
        Tuner tuner = new Tuner(new ScalarBackend(), CONFIG);
        double plain = tuner.tune(x, y, folds, LAMBDAS, null, false).cv().points().get(0).mean();
        double weighted = tuner.tune(x, y, w, folds, LAMBDAS, null, false).cv().points().get(0).mean();
        assertTrue(Math.abs(plain - weighted) > 1e-3 * plain, plain + " vs " + weighted);
    }

    @Test
    void aFoldWhoseHeldOutRowsAllWeighZeroIsADataErrorNotADivergence() {
        DenseMatrix x = RandomProblems.features(60, 3, 6);
        float[] y = RandomProblems.target(x, 6, 0.5);
        KFold folds = KFold.of(60, 3, 4);
        float[] w = new float[60];
        for (int i = 0; i < w.length; i++) {
            w[i] = folds.folds()[i] == 1 ? 0 : 1;
        }
        Tuner tuner = new Tuner(new ScalarBackend(), CONFIG);
        dev.ridgeline.data.DataException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.ridgeline.data.DataException.class, () -> tuner.tune(x, y, w, folds, LAMBDAS, null, false));
        assertEquals("fold 2 of 3: the row weights of its held-out rows sum to 0, so there is nothing to score the fold"
                + " on; use fewer folds or check the weights", e.getMessage());
    }

    @Test
    void aTimeLimitThatStopsTheFoldFitsIsCounted() {
        DenseMatrix x = RandomProblems.features(3_000, 20, 7);
        float[] y = RandomProblems.target(x, 7, 0.5);
        TrainerConfig limited = CONFIG.toBuilder().maxEpochs(1_000_000).monitorEvery(1)
                .timeLimit(java.time.Duration.ofMillis(30)).build();
        Tuner.Result r = new Tuner(new ScalarBackend(), limited).tune(x, y, KFold.of(3_000, 3, 1), LAMBDAS, null,
                false);
        assertEquals(LAMBDAS.length * 3, r.unfinished(), "every fold fit was stopped");
        assertEquals(0, new Tuner(new ScalarBackend(), CONFIG).tune(x, y, KFold.of(3_000, 3, 1), LAMBDAS, null, false)
                .unfinished());
    }
}
