package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import org.junit.jupiter.api.Test;

/** Arguments of the wrong shape are refused up front with their sizes, not by an index error deep inside. */
class TunerArgumentsTest {
    private static final double[] LAMBDAS = {0.1, 1};
    private static final TrainerConfig CONFIG = TrainerConfig.builder().maxEpochs(10).build();

    @Test
    void weightsOfAnotherLengthThanXAreRefused() {
        DenseMatrix x = RandomProblems.features(6, 2, 1);
        float[] y = RandomProblems.target(x, 1, 0.1);
        KFold folds = KFold.of(6, 2, 3);
        Tuner tuner = new Tuner(new ScalarBackend(), CONFIG);
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> tuner.tune(x, y, new float[] {1, 1, 1, 1, 1, 1, 1}, folds, LAMBDAS, null, false));
        assertEquals("weights have 7 rows, X has 6", longer.getMessage());
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> tuner.tune(x, y, new float[] {1, 1, 1, 1, 1}, folds, LAMBDAS, null, false));
        assertEquals("weights have 5 rows, X has 6", shorter.getMessage());
    }

    /** An empty learning-rate grid is refused, as an empty lambda grid is: it had run the configured rate. */
    @Test
    void anEmptyLearningRateGridIsRefused() {
        DenseMatrix x = RandomProblems.features(6, 2, 1);
        float[] y = RandomProblems.target(x, 1, 0.1);
        Tuner tuner = new Tuner(new ScalarBackend(), CONFIG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tuner.tune(x, y, KFold.of(6, 2, 3), LAMBDAS, new double[0], false));
        assertEquals("the learning-rate grid is empty: pass null to use the configured rate", e.getMessage());
    }

    /** A null backend or config used to fail only at tune(), with an anonymous NullPointerException. */
    @Test
    void aNullBackendOrConfigIsRefusedByName() {
        assertEquals("backend", assertThrows(NullPointerException.class,
                () -> new Tuner(null, CONFIG)).getMessage());
        assertEquals("config", assertThrows(NullPointerException.class,
                () -> new Tuner(new ScalarBackend(), null)).getMessage());
    }

    /** Settings that name the models of a batch cannot apply to the tuner's own batches. */
    @Test
    void perModelLearningRatesOrEarlyStoppingInTheConfigAreRefused() {
        DenseMatrix x = RandomProblems.features(6, 2, 1);
        float[] y = RandomProblems.target(x, 1, 0.1);
        IllegalArgumentException rates = assertThrows(IllegalArgumentException.class,
                () -> new Tuner(new ScalarBackend(), CONFIG.toBuilder().learningRates(0.1).build()));
        assertTrue(rates.getMessage().startsWith("the tuner's config cannot give one learning rate per model"),
                rates.getMessage());
        Problem validation = Problem.builder(x).model(y, null, 1).build();
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> new Tuner(new ScalarBackend(), CONFIG.toBuilder().earlyStopping(validation, 3).build()));
        assertTrue(early.getMessage().startsWith("the tuner's config cannot stop early"), early.getMessage());
    }

    /**
     * A target that is not a number is named by its row, a bad lambda by its place in the grid: they had come
     * out as "the target shift must be finite, got NaN" and "model 5: lambda must be ...".
     */
    @Test
    void aTargetThatIsNotANumberAndABadLambdaAreNamedWhereTheCallerPutThem() {
        DenseMatrix x = RandomProblems.features(10, 2, 1);
        float[] y = RandomProblems.target(x, 1, 0.1);
        KFold folds = KFold.of(10, 2, 3);
        Tuner tuner = new Tuner(new ScalarBackend(), CONFIG);
        float[] withNaN = y.clone();
        withNaN[7] = Float.NaN;
        DataException target = assertThrows(DataException.class,
                () -> tuner.tune(x, withNaN, folds, LAMBDAS, null, false));
        assertEquals("row 7: target NaN is not a finite number", target.getMessage());
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> tuner.tune(x, new float[9], folds, LAMBDAS, null, false));
        assertEquals("the target has 9 rows, X has 10", shorter.getMessage());
        for (double bad : new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException lambda = assertThrows(IllegalArgumentException.class,
                    () -> tuner.tune(x, y, folds, new double[] {0.1, bad}, null, false));
            assertEquals("lambda grid entry 1 must be a finite number >= 0, got " + bad, lambda.getMessage());
        }
    }

    /**
     * A negative or non-finite row weight is bad data, refused as Problem and Dataset refuse it and named by its
     * row, whichever the solver: the gradient solvers had thrown an IllegalArgumentException, the exact solver a
     * DataException naming a model of the tuner's own batch ("model 0, row 3: ..."), and an infinite weight had
     * been reported as a fold whose training weights "sum to 0".
     */
    @Test
    void aNegativeOrNonFiniteWeightIsBadDataNamedByItsRowWithEitherSolver() {
        DenseMatrix x = RandomProblems.features(10, 2, 1);
        float[] y = RandomProblems.target(x, 1, 0.1);
        KFold folds = KFold.of(10, 2, 3);
        for (Solver solver : new Solver[] {Solver.GD, Solver.EXACT}) {
            Tuner tuner = new Tuner(new ScalarBackend(), CONFIG.toBuilder().solver(solver).build());
            for (float bad : new float[] {-1f, Float.NaN, Float.POSITIVE_INFINITY}) {
                float[] weights = new float[10];
                java.util.Arrays.fill(weights, 1f);
                weights[3] = bad;
                DataException e = assertThrows(DataException.class,
                        () -> tuner.tune(x, y, weights, folds, LAMBDAS, null, false), solver + " " + bad);
                assertEquals("row 3: weight " + bad + " must be a finite number >= 0", e.getMessage(), solver + "");
            }
        }
    }
}
