package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Central finite differences of the loss against the analytic gradient, with weights and K > 1. */
class GradientCheckTest {
    private static final double H = 1e-5;

    @ParameterizedTest
    @CsvSource({"50, 3, 1, 1", "120, 7, 3, 2", "33, 12, 4, 3"})
    void analyticGradientMatchesFiniteDifferences(int m, int n, int k, long seed) {
        Problem problem = RandomProblems.batch(m, n, k, seed);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] theta = new double[k][n];
        double[] bias = new double[k];
        for (int model = 0; model < k; model++) {
            for (int j = 0; j < n; j++) {
                theta[model][j] = rng.nextDouble() * 2 - 1;
            }
            bias[model] = rng.nextDouble();
        }
        try (BoundProblem bound = new ScalarBackend().bind(problem)) {
            bound.setParameters(new Parameters(theta, bias));
            Gradient analytic = bound.lossAndGradient();
            for (int model = 0; model < k; model++) {
                for (int j = 0; j <= n; j++) {
                    double numeric = centralDifference(bound, theta, bias, model, j);
                    double exact = j < n ? analytic.theta()[model][j] : analytic.bias()[model];
                    assertEquals(exact, numeric, 1e-6 * Math.max(1, Math.abs(exact)),
                            "model " + model + ", coordinate " + j);
                }
            }
        }
    }

    private static double centralDifference(BoundProblem bound, double[][] theta, double[] bias, int model, int j) {
        double[] plus = shifted(bound, theta, bias, model, j, +H);
        double[] minus = shifted(bound, theta, bias, model, j, -H);
        return (plus[model] - minus[model]) / (2 * H);
    }

    private static double[] shifted(BoundProblem bound, double[][] theta, double[] bias, int model, int j, double h) {
        double[][] t = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            t[i] = theta[i].clone();
        }
        double[] b = bias.clone();
        if (j < t[model].length) {
            t[model][j] += h;
        } else {
            b[model] += h;
        }
        bound.setParameters(new Parameters(t, b));
        return bound.loss();
    }
}
