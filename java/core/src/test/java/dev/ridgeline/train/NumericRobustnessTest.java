package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Data that float32 and plain scalings get wrong: targets far from 0, targets of huge spread, columns in
 * units a million apart, small mini-batches, rates just above 2 / L.
 */
class NumericRobustnessTest {
    private static final DenseMatrix X = RandomProblems.features(300, 6, 21);
    private static final float[] Y = RandomProblems.target(X, 21, 0.5);

    /**
     * A given rate on features near float32's largest value: the loss is finite, the gradient's float32 sums of r_i
     * x_ij are not. Both norms infinite, "inf <= tol x inf" had read as converged at epoch 1, and the infinite
     * coefficients failed afterwards with no cause named. It is a failure of java-vector's float32 sums at the first
     * step (java-scalar sums in double, where 1.8e39 is a number), and a batch that goes on marks the model failed.
     */
    @Test
    void aGradientThatOverflowsFloat32IsNamedAtItsEpoch() {
        float[][] rows = {{1, 2}, {4, 3e38f}, {2, 1}, {3, 5}};
        float[] y = {3, 6, 2, 1};
        Problem p = Problem.builder(DenseMatrix.of(rows)).model(y, null, 1).build();
        TrainerConfig given = TrainerConfig.builder().learningRate(1e-80).maxEpochs(100).build();
        Backend vector = Backends.select("java-vector").backend();
        try (BoundProblem bound = vector.bind(p)) {
            DivergenceException e = assertThrows(DivergenceException.class, () -> new Trainer(given).train(bound));
            assertEquals("the gradient overflowed float32 at epoch 0 (its norm Infinity: products of the residuals,"
                    + " the features, up to 3.00e+38 in size, and the row weights, up to 1.00, pass 3.4e38), so no"
                    + " step can be taken; scale the features (--scale zscore)", e.getMessage());
        }
        try (BoundProblem bound = vector.bind(p)) {
            TrainingResult r = new Trainer(given.toBuilder().continueOnDivergence(true).build()).train(bound);
            assertEquals(StopReason.DIVERGED, r.stopReason(0));
        }
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            TrainingResult r = new Trainer(given).train(bound);
            assertTrue(Double.isFinite(r.parameters().theta(0, 1)), "double sums hold the gradient: " + r);
        }
    }

    @Test
    void shiftingTheTargetsKeepsTheirDigitsAndOnlyMovesTheBias() {
        double offset = 1e8;
        double[] far = new double[Y.length];
        for (int i = 0; i < far.length; i++) {
            far[i] = Y[i] + offset;
        }
        Parameters near = exact(Y);
        TargetShift shift = TargetShift.meanOf(far, null);
        Parameters shifted = shift.restore(exact(shift.apply(far)));
        for (int j = 0; j < 6; j++) {
            assertEquals(near.theta(0, j), shifted.theta(0, j), 1e-5 * Math.abs(near.theta(0, j)) + 1e-6, "theta " + j);
        }
        assertEquals(near.bias(0) + offset, shifted.bias(0), 1e-4);
        // Without the shift float32 rounds the targets to steps of 8 and the slopes are far off.
        float[] rounded = new float[far.length];
        for (int i = 0; i < far.length; i++) {
            rounded[i] = (float) far[i];
        }
        Parameters unshifted = exact(rounded);
        double worst = 0;
        for (int j = 0; j < 6; j++) {
            worst = Math.max(worst, Math.abs(unshifted.theta(0, j) - near.theta(0, j)));
        }
        assertTrue(worst > 0.1, "the test data need the shift: " + worst);
    }

    @Test
    void theLipschitzEstimateDependsOnXNotOnTheTargetsScale() {
        float[] huge = new float[Y.length];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = Y[i] * 1e9f;
        }
        double plain = lipschitz(Y);
        // The vector backend forms gradients in float32, where g(v) - g(0) of a unit v is lost against 1e9.
        Backend vector = Backends.select("java-vector").backend();
        for (float[] y : new float[][] {Y, huge}) {
            try (BoundProblem bound = vector.bind(Problem.builder(X).model(y, null, 0.5).build())) {
                assertEquals(plain, LipschitzEstimator.estimate(bound, 42)[0], 1e-3 * plain);
            }
        }
    }

    @Test
    void miniBatchRatesRunFromHalfOfOneOverLAtTheFullBatchToHalfOfOneOverLMaxAtOneRow() {
        Problem p = Problem.builder(X).model(Y, null, 0.5).build();
        double l = lipschitz(Y);
        assertEquals(0.5 / l, MiniBatchRates.of(p, new double[] {l}, 300)[0], 1e-15);
        double lMax = 0;
        for (int i = 0; i < 300; i++) {
            double s = 1;
            for (int j = 0; j < 6; j++) {
                s += (double) X.get(i, j) * X.get(i, j);
            }
            lMax = Math.max(lMax, s);
        }
        lMax += 0.5 / 300;
        assertEquals(0.5 / lMax, MiniBatchRates.of(p, new double[] {l}, 1)[0], 1e-12 / lMax);
        double mid = MiniBatchRates.of(p, new double[] {l}, 32)[0];
        assertTrue(mid < 0.5 / l && mid > 0.5 / lMax, mid + " between " + 0.5 / lMax + " and " + 0.5 / l);
    }

    @Test
    void sgdWithTheAutomaticRateConvergesWhereOneOverLDiverges() {
        // A few rows 30 times longer than the rest: one-row steps of 1 / L overshoot on them.
        SplittableRandom rng = new SplittableRandom(3);
        float[][] rows = new float[400][4];
        float[] y = new float[400];
        for (int i = 0; i < 400; i++) {
            double scale = i % 50 == 0 ? 30 : 1;
            for (int j = 0; j < 4; j++) {
                rows[i][j] = (float) (scale * rng.nextGaussian());
            }
            y[i] = rows[i][0] - 2 * rows[i][1] + (float) rng.nextGaussian();
        }
        Problem p = Problem.builder(DenseMatrix.of(rows)).model(y, null, 1).build();
        TrainerConfig sgd = TrainerConfig.builder().solver(Solver.SGD).batchSize(1).maxEpochs(30).tolerance(0).build();
        TrainingResult auto;
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            auto = new Trainer(sgd).train(bound);
        }
        assertEquals(StopReason.MAX_EPOCHS, auto.stopReason(0));
        assertEquals(1.0, auto.parameters().theta(0, 0), 0.2);
        double oneOverL;
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            oneOverL = 1 / LipschitzEstimator.estimate(bound, 42)[0];
        }
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            Trainer full = new Trainer(sgd.toBuilder().learningRate(oneOverL).build());
            assertThrows(DivergenceException.class, () -> full.train(bound));
        }
    }

    @Test
    void aRunThatEndsAboveItsStartingLossHasDiverged() {
        double l = lipschitz(Y);
        // 2.02 / L: the loss grows by about 2 % an epoch, far from the divergence factor in 40 epochs.
        TrainerConfig c = TrainerConfig.builder().learningRate(2.02 / l).maxEpochs(40).tolerance(0).build();
        Problem p = Problem.builder(X).model(Y, null, 0.5).build();
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            DivergenceException e = assertThrows(DivergenceException.class, () -> new Trainer(c).train(bound));
            assertTrue(e.getMessage().startsWith("training diverged at epoch 40"), e.getMessage());
        }
        TrainerConfig batch = c.toBuilder().continueOnDivergence(true).build();
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            assertEquals(StopReason.DIVERGED, new Trainer(batch).train(bound).stopReason(0));
        }
    }

    @Test
    void theExactSolverDoesNotMistakeSmallUnitsForCollinearity() {
        // Columns in units 1e6 apart; independent, so the system is regular at lambda 0.
        SplittableRandom rng = new SplittableRandom(9);
        float[][] big = new float[200][3];
        float[][] unit = new float[200][3];
        float[] y = new float[200];
        double[] units = {1e-3, 1, 1e3};
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 3; j++) {
                unit[i][j] = (float) rng.nextGaussian();
                big[i][j] = (float) (unit[i][j] * units[j]);
            }
            y[i] = unit[i][0] + unit[i][1] + unit[i][2] + (float) rng.nextGaussian();
        }
        Parameters scaled = ExactSolver.solve(Problem.builder(DenseMatrix.of(big)).model(y, null, 0).build());
        Parameters plain = ExactSolver.solve(Problem.builder(DenseMatrix.of(unit)).model(y, null, 0).build());
        for (int j = 0; j < 3; j++) {
            assertEquals(plain.theta(0, j), scaled.theta(0, j) * units[j], 1e-6 * Math.abs(plain.theta(0, j)), "theta " + j);
        }
    }

    @Test
    void anOverflowingCurvatureIsAClearErrorNotAnInfiniteRate() {
        float[][] rows = new float[20][2];
        float[] y = new float[20];
        for (int i = 0; i < 20; i++) {
            rows[i][0] = (float) ((i % 5 + 1) * 1e20);
            rows[i][1] = i;
            y[i] = i;
        }
        Problem p = Problem.builder(DenseMatrix.of(rows)).model(y, null, 1).build();
        // The vector backend sums in float32, where the squares of 1e20 overflow.
        try (BoundProblem bound = Backends.select("java-vector").backend().bind(p)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(TrainerConfig.builder().build()).train(bound));
            assertTrue(e.getMessage().startsWith("the automatic learning rate could not be estimated"), e.getMessage());
            assertTrue(e.getMessage().endsWith("the features, up to 5.00e+20 in size, and the row weights, up to 1.00);"
                    + " scale the features (--scale zscore), or give --lr"), e.getMessage());
        }
    }

    /**
     * Weights of 1e37 on features of unit size had overflowed java-vector's float32 sums: the backend now sums
     * them brought near 1 by a power of two (lambda alike), and trains to the scalar backend's answer.
     */
    @Test
    void hugeWeightsTrainOnTheVectorBackendAsOnTheScalarOne() {
        Problem p = hugelyWeighted();
        TrainerConfig config = TrainerConfig.builder().maxEpochs(5_000).build();
        Parameters expected;
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            expected = new Trainer(config).train(bound).parameters();
        }
        try (BoundProblem bound = Backends.select("java-vector").backend().bind(p)) {
            Parameters actual = new Trainer(config).train(bound).parameters();
            assertArrayEquals(expected.theta(0), actual.theta(0), 1e-4);
            assertEquals(expected.bias(0), actual.bias(0), 1e-4);
        }
    }

    /**
     * Where float32 sums still overflow on such weights (a backend that sums them as given), the weights are named,
     * with the remedy that keeps the objective (weights and lambda divided alike), not advice to scale the features.
     */
    @Test
    void hugeWeightsAreNamedAsTheCauseOfAnOverflowingCurvature() {
        assertTrue(CurvatureOverflow.message(hugelyWeighted(), 0, Double.NaN).endsWith("the features, up to 3.00 in"
                + " size, and the row weights, up to 1.00e+37); divide the row weights and lambda by the same constant"
                + " (the objective, which divides both by the total weight, is then the same), or give --lr"));
    }

    /** 20 rows of two features of unit size, every row weighing 1e37, lambda 1. */
    private static Problem hugelyWeighted() {
        float[][] rows = new float[20][2];
        float[] y = new float[20];
        float[] w = new float[20];
        for (int i = 0; i < 20; i++) {
            rows[i][0] = (i % 5) - 2;
            rows[i][1] = (i % 7) - 3;
            y[i] = i;
            w[i] = 1e37f;
        }
        return Problem.builder(DenseMatrix.of(rows)).model(y, w, 1).build();
    }

    @Test
    void aHugeLambdaIsNamedWhenTheRateCannotBeEstimated() {
        Problem p = Problem.builder(X).model(Y, null, 1e308).build();
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(TrainerConfig.builder().build()).train(bound));
            assertEquals("the automatic learning rate could not be estimated: lambda 1.0E308 is too large (lambda / W ="
                    + " 3.33e+305, the curvature it adds, overflows the float32 gradient; a penalty this strong leaves"
                    + " every coefficient at 0); give a smaller --lambda", e.getMessage());
        }
    }

    /** In a batch (tune's grid) such a lambda fails alone, as a diverged model does; the others train on. */
    @Test
    void aHugeLambdaInABatchFailsAloneAsADivergedModel() {
        Problem p = Problem.builder(X).model(Y, null, 1).model(Y, null, 1e308).build();
        for (Solver solver : new Solver[] {Solver.GD, Solver.SGD}) {
            try (BoundProblem bound = new ScalarBackend().bind(p)) {
                TrainingResult r = new Trainer(TrainerConfig.builder().solver(solver).maxEpochs(300)
                        .continueOnDivergence(true).build()).train(bound);
                assertTrue(r.stopReason(0) != StopReason.DIVERGED && r.finalLoss(0) < r.finalLoss(1), r.toString());
                assertEquals(StopReason.DIVERGED, r.stopReason(1), r.toString());
                assertEquals(0, r.epochs(1));
                assertTrue(Double.isNaN(r.learningRates()[1]));
                assertArrayEquals(new double[X.cols()], r.parameters().theta(1), "its coefficients never moved");
            }
        }
    }

    /**
     * A fixed rate that the penalty alone makes diverge (rate x lambda / W above the stable limit) names
     * lambda; one that diverges on the data's curvature does not.
     */
    @Test
    void aDivergenceThePenaltyAloneCausesNamesLambda() {
        // W = 300 rows: lambda / W = 10, so rate 0.5 gives 5, above 2 (plain steps) and 3.8 (momentum 0.9).
        Problem strong = Problem.builder(X).model(Y, null, 3000).build();
        for (double momentum : new double[] {0, 0.9}) {
            try (BoundProblem bound = new ScalarBackend().bind(strong)) {
                DivergenceException e = assertThrows(DivergenceException.class, () -> new Trainer(
                        TrainerConfig.builder().learningRate(0.5).momentum(momentum).build()).train(bound));
                String limit = momentum == 0 ? "2.00" : "3.80";
                assertTrue(e.getMessage().endsWith("the learning rate 0.5000 is too large; lambda 3000.0 makes it so on"
                        + " its own (rate x lambda / W = 5.00, above " + limit + "): give a smaller --lr or --lambda"),
                        e.getMessage());
            }
        }
        Problem weak = Problem.builder(X).model(Y, null, 0.5).build();
        try (BoundProblem bound = new ScalarBackend().bind(weak)) {
            DivergenceException e = assertThrows(DivergenceException.class,
                    () -> new Trainer(TrainerConfig.builder().learningRate(50).build()).train(bound));
            assertTrue(e.getMessage().endsWith("the learning rate 50.00 is too large, try a smaller --lr (or --lr auto)"),
                    e.getMessage());
        }
    }

    /**
     * A given rate that diverges on features of 1e12 is not sent to --lr auto, which fails or stalls on them (its
     * float32 curvature sums overflow from about 1e15), but to scaling them; on features of unit size it still is.
     */
    @Test
    void aDivergenceOnHugeFeaturesAdvisesScalingThemNotTheAutomaticRate() {
        DenseMatrix huge = X.copy();
        for (int i = 0; i < huge.rows(); i++) {
            huge.set(i, 0, huge.get(i, 0) * 1e12f);
        }
        try (BoundProblem bound = new ScalarBackend().bind(Problem.builder(huge).model(Y, null, 0.5).build())) {
            DivergenceException e = assertThrows(DivergenceException.class,
                    () -> new Trainer(TrainerConfig.builder().learningRate(0.1).build()).train(bound));
            assertTrue(e.getMessage().matches(".*is too large, try a smaller --lr \\(or scale the features, --scale"
                    + " zscore: they reach [0-9.]+e\\+12\\)"), e.getMessage());
        }
    }

    private static Parameters exact(float[] y) {
        return ExactSolver.solve(Problem.builder(X).model(y, null, 0.5).build());
    }

    private static double lipschitz(float[] y) {
        try (BoundProblem bound = new ScalarBackend().bind(Problem.builder(X).model(y, null, 0.5).build())) {
            return LipschitzEstimator.estimate(bound, 42)[0];
        }
    }
}
