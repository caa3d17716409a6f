package dev.ridgeline.testing;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.train.ExactSolver;
import java.util.Random;

/**
 * Rows whose targets sit far from zero for their spread: x (m, 5), column 0 standard normal and columns 1-4
 * near copies of it (noise 0.05), y = offset + sum_j (j + 1) x_j + noise 0.1, in float32. Gradient descent on
 * the raw targets spends its steps on the offset, which the fits should take out first (TargetShift).
 */
public record FarTargets(DenseMatrix x, float[] y) {
    public static FarTargets of(int rows, double offset) {
        Random rng = new Random(11);
        double[][] x = new double[rows][5];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            double sum = offset;
            for (int j = 0; j < 5; j++) {
                x[i][j] = j == 0 ? rng.nextGaussian() : x[i][0] + 0.05 * rng.nextGaussian();
                sum += (j + 1) * x[i][j];
            }
            y[i] = (float) (sum + 0.1 * rng.nextGaussian());
        }
        return new FarTargets(DenseMatrix.of(x), y);
    }

    /** The training MSE of the exact ridge solution for {@code lambda}. */
    public double exactMse(double lambda) {
        Parameters exact = ExactSolver.solve(Problem.builder(x).model(y, null, lambda).build());
        return mse(exact.theta(0), exact.bias(0));
    }

    /** Mean of (x_i . theta + b - y_i)^2 over the rows, in double. */
    public double mse(double[] theta, double b) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double r = b - y[i];
            for (int j = 0; j < theta.length; j++) {
                r += x.get(i, j) * theta[j];
            }
            sum += r * r;
        }
        return sum / y.length;
    }
}
