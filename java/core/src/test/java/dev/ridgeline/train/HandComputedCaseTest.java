package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
