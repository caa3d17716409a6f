package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.ForwardingBoundProblem;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.DivergenceException;
import dev.ridgeline.train.TrainerConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every setting failing with the automatic rate: the lambdas are the cause only when each reaches lambda / W =
 * 1e30 in some fold, where no rate can be estimated. Fits whose rate was estimated and that then overflowed
 * float32 (constructed here: a backend whose steps report an infinite loss) had been told to give smaller lambdas
 * as well, which changes nothing.
 */
class TunerAutomaticRateFailureTest {
    private final DenseMatrix x = RandomProblems.features(60, 3, 4);
    private final float[] y = RandomProblems.target(x, 4, 0.5);
    private final KFold folds = KFold.of(60, 3, 1);

    @Test
    void fitsThatOverflowAfterAnEstimatedRateAreNotPutDownToTheLambdas() {
        Tuner tuner = new Tuner(new Overflowing(), TrainerConfig.builder().maxEpochs(50).build());
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> tuner.tune(x, y, folds, new double[] {0.1, 1}, null, false));
        assertEquals("every setting failed in some fold with the learning rate estimated for each: the fits overflowed"
                + " float32 (their loss or gradient became infinite or NaN), which neither the rate nor the lambdas"
                + " cure; scale the features (--scale zscore)", e.getMessage());
    }

    /**
     * 40 training rows a fold: lambda / W = 1e30 at lambda 4e31, beyond which the lambdas are named (end to end:
     * TuneCommandTest.aGridOfLambdasAllTooLargeForAnAutomaticRateSaysSo); 1e31 is below it, and so is 4e31 on rows
     * of weight 100, so those fits got a rate.
     */
    @Test
    void theLambdasAreJudgedAgainstTheFoldsTrainingWeight() {
        assertEquals(true, Tuner.autoRateFailure(new double[] {4e31, 1e308}, null, folds, 1)
                .contains("give smaller lambdas"));
        assertEquals(true, Tuner.autoRateFailure(new double[] {1e31, 1e308}, null, folds, 1).contains("overflowed"));
        float[] heavy = new float[60];
        Arrays.fill(heavy, 100f);
        assertEquals(true, Tuner.autoRateFailure(new double[] {4e31}, heavy, folds, 1).contains("overflowed"));
        assertEquals(true, Tuner.autoRateFailure(new double[] {1}, null, folds, 3e37)
                .endsWith("scale the features (--scale zscore): they reach 3.00e+37"));
    }

    /** java-scalar, except that every step's pass reports an infinite loss, as a float32 overflow does. */
    private static final class Overflowing implements Backend {
        private final Backend scalar = new ScalarBackend();

        @Override
        public String name() {
            return "overflowing";
        }

        @Override
        public BoundProblem bind(Problem problem) {
            return new ForwardingBoundProblem(scalar.bind(problem)) {
                @Override
                public PassStats lastPass() {
                    PassStats pass = inner.lastPass();
                    double[] infinite = new double[pass.loss().length];
                    Arrays.fill(infinite, Double.POSITIVE_INFINITY);
                    return new PassStats(infinite, pass.gradientNorm());
                }
            };
        }
    }
}
