package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Singular systems and divergence stop with a message that names the cause and the remedy. */
class SolverErrorsTest {
    @Test
    void constantColumnWithZeroLambdaNamesTheColumn() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 5}, {2, 5}, {3, 5}, {4, 5}});
        Problem p = Problem.builder(x).model(new float[] {1, 2, 3, 5}, null, 0.0).build();
        SingularSystemException e = assertThrows(SingularSystemException.class,
                () -> ExactSolver.solve(p, List.of("age", "site")));
        assertTrue(e.getMessage().contains("column 'site' is constant"), e.getMessage());
        assertTrue(e.getMessage().contains("use lambda > 0 (for example 1e-6)"), e.getMessage());
        // No option name: tune, which reaches it too, has --lambdas and no --lambda.
        assertFalse(e.getMessage().contains("--"), e.getMessage());
    }

    @Test
    void collinearColumnWithZeroLambdaNamesTheColumn() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 2, 1}, {2, 4, 0}, {3, 6, 1}, {4, 8, 5}});
        Problem p = Problem.builder(x).model(new float[] {1, 2, 3, 5}, null, 0.0).build();
        SingularSystemException e = assertThrows(SingularSystemException.class,
                () -> ExactSolver.solve(p, List.of("a", "twice_a", "c")));
        assertTrue(e.getMessage().contains("column 'twice_a' is a linear combination of earlier columns"), e.getMessage());
    }

    /**
     * With fewer rows than features no one column is to blame: the message counts them (rows of weight 0 do
     * not count) where it had named the first dependent column and advised removing it, which could not help.
     */
    @Test
    void tooFewRowsForTheFeaturesAreCountedNotBlamedOnAColumn() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 0, 2, 7}, {0, 1, 3, 1}, {2, 2, 0, 4}, {5, 1, 1, 0}});
        float[] y = {1, 2, 3, 5};
        Problem plain = Problem.builder(x).model(y, null, 0.0).build();
        assertEquals("the normal equations are singular with lambda = 0.0: 4 features and 4 training rows, which span"
                + " at most 3 dimensions (the intercept takes one); use lambda > 0 (for example 1e-6), or use at least 1"
                + " feature fewer", assertThrows(SingularSystemException.class,
                        () -> ExactSolver.solve(plain, List.of("a", "b", "c", "d"))).getMessage());
        Problem weighed = Problem.builder(x).model(y, new float[] {1, 0, 2, 0}, 0.0).build();
        assertEquals("the normal equations are singular with lambda = 0.0: 4 features and 2 training rows of weight"
                + " above 0, which span at most 1 dimension (the intercept takes one); use lambda > 0 (for example"
                + " 1e-6), or use at least 3 features fewer", assertThrows(SingularSystemException.class,
                        () -> ExactSolver.solve(weighed, List.of("a", "b", "c", "d"))).getMessage());
        Problem throughZero = Problem.builder(x).model(y, null, 0.0).fitIntercept(false).build();
        assertEquals(4, ExactSolver.solve(throughZero, List.of("a", "b", "c", "d")).features(),
                "4 rows of 4 independent features without an intercept are solvable");
    }

    /**
     * One-hot features of one categorical column sum to 1 on every row, as the intercept's column does: the one
     * named is no column of the file, so "remove the column" could not be followed.
     */
    @Test
    void aOneHotFeatureIsNamedWithWhyLambdaZeroCannotSeparateIt() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 0, 1}, {0, 1, 2}, {1, 0, 3}, {0, 1, 5}, {1, 0, 4}});
        Problem p = Problem.builder(x).model(new float[] {1, 2, 3, 5, 4}, null, 0.0).build();
        SingularSystemException e = assertThrows(SingularSystemException.class,
                () -> ExactSolver.solve(p, List.of("city=Bergen", "city=Oslo", "x")));
        assertEquals("the normal equations are singular with lambda = 0.0: column 'city=Oslo' is a linear combination"
                + " of earlier columns; use lambda > 0 (for example 1e-6) (if 'city=Oslo' is one of a categorical "
                + "column's one-hot features, which sum to 1 on every row as the intercept does, no lambda of 0 can tell"
                + " them apart) or leave its column out", e.getMessage());
    }

    @Test
    void featureNamesOfAnotherCountThanTheFeaturesAreRefused() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 2}, {2, 4}, {3, 6}, {4, 8}});
        Problem p = Problem.builder(x).model(new float[] {1, 2, 3, 5}, null, 0.0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactSolver.solve(p, List.of("a")));
        assertEquals("1 feature names for 2 features", e.getMessage());
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            assertThrows(IllegalArgumentException.class, () -> new Trainer(TrainerConfig.builder().solver(Solver.EXACT)
                    .build()).train(bound, List.of("a", "b", "c")));
        }
    }

    @Test
    void zeroColumnWithoutInterceptIsNamed() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 0}, {2, 0}, {3, 0}});
        Problem p = Problem.builder(x).model(new float[] {1, 2, 3}, null, 0.0).fitIntercept(false).build();
        SingularSystemException e = assertThrows(SingularSystemException.class, () -> ExactSolver.solve(p));
        assertTrue(e.getMessage().contains("column 'x1' is all zero"), e.getMessage());
    }

    @Test
    void positiveLambdaMakesTheSameSystemSolvable() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 5}, {2, 5}, {3, 5}, {4, 5}});
        Problem p = Problem.builder(x).model(new float[] {1, 2, 3, 5}, null, 1e-6).build();
        var params = ExactSolver.solve(p);
        assertTrue(Double.isFinite(params.theta(0, 0)) && Double.isFinite(params.bias(0)));
        assertEquals(0.0, params.theta(0, 1), 1e-9);
    }

    @Test
    void tooLargeLearningRateDivergesWithAdvice() {
        Problem p = RandomProblems.batch(100, 4, 1, 3);
        TrainerConfig config = TrainerConfig.builder().learningRate(50).maxEpochs(1000).build();
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            DivergenceException e = assertThrows(DivergenceException.class, () -> new Trainer(config).train(bound));
            assertTrue(e.getMessage().startsWith("training diverged at epoch"), e.getMessage());
            assertTrue(e.getMessage().contains("try a smaller --lr"), e.getMessage());
        }
    }

    /** The divergence message's two losses get the digits that tell them apart, no more. */
    @Test
    void theLossesOfADivergenceAreShownApart() {
        assertArrayEquals(new String[] {"1355", "5.740"}, Trainer.apart(1355, 5.74));
        assertArrayEquals(new String[] {"2968.001", "2968.000"}, Trainer.apart(2968.0012, 2968.0));
        assertArrayEquals(new String[] {"1.0000000000000000", "1.0000000000000000"}, Trainer.apart(1, 1));
    }

    @Test
    void divergedModelIsFrozenWhenAskedToContinue() {
        Problem p = RandomProblems.batch(100, 4, 1, 3);
        TrainerConfig config = TrainerConfig.builder().learningRate(50).maxEpochs(1000).continueOnDivergence(true).build();
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            assertEquals(StopReason.DIVERGED, new Trainer(config).train(bound).stopReason(0));
        }
    }

    @Test
    void problemRejectsNegativeLambdaAndBadWeights() {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1}, {2}});
        DataException lambda = assertThrows(DataException.class,
                () -> Problem.builder(x).model(new float[] {1, 2}, null, -1).build());
        assertEquals("model 0: lambda must be a finite number >= 0, got -1.0", lambda.getMessage());
        DataException weight = assertThrows(DataException.class,
                () -> Problem.builder(x).model(new float[] {1, 2}, new float[] {1, Float.NaN}, 1).build());
        assertEquals("model 0, row 1: weight NaN must be a finite number >= 0", weight.getMessage());
        DataException shape = assertThrows(DataException.class,
                () -> Problem.builder(x).model(new float[] {1}, null, 1).build());
        assertEquals("model 0: target has 1 rows, the features have 2", shape.getMessage());
    }

    @Test
    void badTrainerSettingsAreRejected() {
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().learningRate(-1).build());
        assertTrue(lr.getMessage().contains("learning rate must be a positive number"));
        IllegalArgumentException mu = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().momentum(1.0).build());
        assertTrue(mu.getMessage().contains("momentum must be in [0, 1)"));
    }
}
