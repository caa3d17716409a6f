package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import org.junit.jupiter.api.Test;

/**
 * X = [[1,0],[0,1],[1,1]], y = [1,2,3], lambda = 1.
 * Without intercept: theta = (X^T X + I)^-1 X^T y = [[3,1],[1,3]]^-1 [4,5] = [0.875, 1.375].
 * With intercept (centred): Xc^T Xc + I = [[5/3,-1/3],[-1/3,5/3]], Xc^T yc = [0, 1],
 * so theta = [0.125, 0.625] and b = ybar - xbar . theta = 2 - (2/3)(0.75) = 1.5.
 */
class HandComputedCaseTest {
    private static Problem problem(boolean intercept) {
        DenseMatrix x = DenseMatrix.of(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        return Problem.builder(x).model(new float[] {1, 2, 3}, null, 1.0).fitIntercept(intercept).build();
    }

    @Test
    void exactWithoutIntercept() {
        Parameters p = ExactSolver.solve(problem(false));
        assertEquals(0.875, p.theta(0, 0), 1e-12);
        assertEquals(1.375, p.theta(0, 1), 1e-12);
        assertEquals(0.0, p.bias(0), 0.0);
    }

    @Test
    void exactWithIntercept() {
        Parameters p = ExactSolver.solve(problem(true));
        assertEquals(0.125, p.theta(0, 0), 1e-12);
        assertEquals(0.625, p.theta(0, 1), 1e-12);
        assertEquals(1.5, p.bias(0), 1e-12);
    }

    @Test
    void gradientDescentReachesTheHandValues() {
        TrainerConfig config = TrainerConfig.builder().maxEpochs(100_000).tolerance(1e-12).build();
        for (boolean intercept : new boolean[] {false, true}) {
            try (BoundProblem bound = new ScalarBackend().bind(problem(intercept))) {
                Parameters p = new Trainer(config).train(bound).parameters();
                assertEquals(intercept ? 0.125 : 0.875, p.theta(0, 0), 1e-9);
                assertEquals(intercept ? 0.625 : 1.375, p.theta(0, 1), 1e-9);
                assertEquals(intercept ? 1.5 : 0.0, p.bias(0), 1e-9);
            }
        }
    }

    @Test
    void lossAndGradientAtZeroByHand() {
        // At theta = 0, b = 0: r = -y, J = (1 + 4 + 9) / 6 = 14/6; g = -X^T y / 3 = [-4/3, -5/3]; g_b = -6/3.
        try (BoundProblem bound = new ScalarBackend().bind(problem(true))) {
            var g = bound.lossAndGradient();
            assertEquals(14.0 / 6, g.loss(0), 1e-12);
            assertEquals(-4.0 / 3, g.theta()[0][0], 1e-12);
            assertEquals(-5.0 / 3, g.theta()[0][1], 1e-12);
            assertEquals(-2.0, g.bias()[0], 1e-12);
        }
    }

    /**
     * The loss history starts with the loss at zero (14/6, as above) at epoch 0 and records each epoch after; the
     * exact solver's one stop reason is EXACT.
     */
    @Test
    void historyStartsAtTheLossAtZero() {
        // Reads every 2 epochs over 3: the first epoch alone (the loss at 0), then epochs 1-2 (the loss at 2).
        TrainerConfig config = TrainerConfig.builder().maxEpochs(3).monitorEvery(2).tolerance(0).build();
        try (BoundProblem bound = new ScalarBackend().bind(problem(true))) {
            TrainingResult r = new Trainer(config).train(bound);
            assertEquals(2, r.history().size());
            assertEquals(0, r.history().epoch(0));
            assertEquals(14.0 / 6, r.history().loss(0, 0), 1e-12);
            assertEquals(2, r.history().epoch(1));
            assertEquals(3, r.epochs()[0]);
        }
        try (BoundProblem bound = new ScalarBackend().bind(problem(true))) {
            TrainingResult exact = new Trainer(TrainerConfig.builder().solver(Solver.EXACT).build()).train(bound);
            assertEquals(java.util.List.of(StopReason.EXACT), exact.stopReasons());
            assertEquals(1, exact.history().size()); // the loss at the solution, at epoch 0
        }
    }

    /** SGD records the loss at zero before its first epoch and runs all maxEpochs = 3 epochs at tolerance 0. */
    @Test
    void sgdRunsEveryEpochFromTheLossAtZero() {
        TrainerConfig config = TrainerConfig.builder().solver(Solver.SGD).batchSize(1).learningRate(0.01).maxEpochs(3)
                .tolerance(0).build();
        try (BoundProblem bound = new ScalarBackend().bind(problem(true))) {
            TrainingResult r = new Trainer(config).train(bound);
            assertEquals(StopReason.MAX_EPOCHS, r.stopReason(0));
            assertEquals(3, r.epochs()[0]);
            assertEquals(0, r.history().epoch(0));
            assertEquals(14.0 / 6, r.history().loss(0, 0), 1e-12);
            assertEquals(3, r.history().epoch(r.history().size() - 1));
        }
    }

    /**
     * The tolerance is relative to the starting gradient norm: one row x = 1, y = 1000, no intercept, lambda 0 and
     * rate 0.5 give g_t = -1000 * 0.5^t, so |g_t| <= 0.1 |g_0| first at t = 4 (0.5^4 = 0.0625), read by epoch 5 at
     * the latest. (A threshold of 0.1 / |g_0| = 1e-4 would take until 0.5^t <= 1e-7, t = 24.)
     */
    @Test
    void theToleranceIsAShareOfTheStartingGradientNorm() {
        Problem one = Problem.builder(DenseMatrix.of(new float[][] {{1}})).model(new float[] {1000}, null, 0.0)
                .fitIntercept(false).build();
        TrainerConfig config = TrainerConfig.builder().learningRate(0.5).maxEpochs(100).monitorEvery(1).tolerance(0.1)
                .build();
        try (BoundProblem bound = new ScalarBackend().bind(one)) {
            TrainingResult r = new Trainer(config).train(bound);
            assertEquals(StopReason.CONVERGED, r.stopReason(0));
            assertTrue(r.epochs()[0] >= 4 && r.epochs()[0] <= 5, "epochs " + r.epochs()[0]);
        }
    }
}
