package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tolerance is relative to the gradient norm at zero coefficients whatever the start: a random start on
 * columns in large units begins with a gradient far larger than that, and judged against its own start a fit
 * had stopped "converged" 1.9 % from the minimum here (its coefficients' distance over their length), where the
 * zero start, at the same tolerance, ends 1.2e-4 from it.
 */
class RandomStartToleranceTest {

    /** X (2000, 8): centred columns of standard deviations 1e4 to 2e5; y = x . beta with beta near 1e-5, plus noise. */
    private static Problem largeUnits() {
        int m = 2000;
        int n = 8;
        SplittableRandom rng = new SplittableRandom(4);
        DenseMatrix x = DenseMatrix.zeros(m, n);
        float[] y = new float[m];
        double[] beta = new double[n];
        for (int j = 0; j < n; j++) {
            beta[j] = 1e-5 * (2 * rng.nextDouble() - 1);
        }
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                double v = Math.sqrt(3) * (2 * rng.nextDouble() - 1) * 1e4 * (1 + 19.0 * j / (n - 1));
                x.set(i, j, (float) v);
                s += beta[j] * x.get(i, j);
            }
            y[i] = (float) (s + (2 * rng.nextDouble() - 1));
        }
        return Problem.builder(x).model(y, null, 1.0).build();
    }

    private static TrainingResult train(Problem p, Initialization init) {
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            return new Trainer(TrainerConfig.builder().initialization(init).maxEpochs(20_000).build()).train(bound);
        }
    }

    /** |theta - exact| / |exact|. Shape: theta (n) of model 0. */
    private static double distance(Parameters fit, Parameters exact) {
        double d = 0;
        double e = 0;
        for (int j = 0; j < exact.theta(0).length; j++) {
            d += Math.pow(fit.theta(0, j) - exact.theta(0, j), 2);
            e += Math.pow(exact.theta(0, j), 2);
        }
        return Math.sqrt(d / e);
    }

    @Test
    void aRandomStartConvergesAsCloseAsTheZeroStart() {
        Problem p = largeUnits();
        Parameters exact = ExactSolver.solve(p);
        TrainingResult zeros = train(p, Initialization.zeros());
        assertEquals(StopReason.CONVERGED, zeros.stopReason(0));
        double zeroDistance = distance(zeros.parameters(), exact);
        assertTrue(zeroDistance < 1e-3, "zero start " + zeroDistance);
        for (long seed : new long[] {42, 5}) {
            TrainingResult random = train(p, Initialization.random(0.01, seed));
            assertEquals(StopReason.CONVERGED, random.stopReason(0));
            double d = distance(random.parameters(), exact);
            assertTrue(d < 1e-3, "random start of seed " + seed + ": " + d + " from the exact solution, the zero start "
                    + zeroDistance);
            assertEquals(zeros.initialGradientNorm()[0], random.initialGradientNorm()[0], 0.0,
                    "the yardstick of the tolerance");
        }
    }
}
