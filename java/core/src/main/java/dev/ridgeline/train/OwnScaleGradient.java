package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Problem;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The features' gradient measured in each one's own curvature, |D^(-1/2) g| with D the features' diagonal of the
 * objective's Hessian ((sum_i w_i x_ij^2 + lambda) / W for theta_j: {@link ScaleSpread}), for the step solvers'
 * convergence test. The intercept is left out: its curvature is 1 against features' that a strong penalty lifts
 * to 1e9, and its gradient, near 0 from the start on centred targets, is rounding there, which its own scale
 * magnified into a test no fit met (lambda 1e12 on diabetes ran all its epochs); an intercept that moves with a
 * feature far from 0 is a coupling no diagonal sees ({@link InterceptCoupling}). The plain test, {@code |g| <= tol |g0|}, is blind to a coordinate of small
 * curvature beside one of large: on raw columns of standard deviations 3000 and 1, the steep one's start made up |g0|, the flat
 * one's gradient (2) lay below tol |g0| before any step, and gd reported "converged" after 2 epochs at 54 times
 * the optimal objective, the flat coefficient never fitted. Measured in their own scales both coordinates count
 * alike, and that fit is not converged.
 *
 * <p>The test asks {@code |D^(-1/2) g| <= FACTOR tol |D^(-1/2) g0|} ({@link #FACTOR}) besides the plain one,
 * and only of a model whose diagonal spans more than {@link #CHECKED_SPREAD}: below that the diagonal is too even
 * to hide a feature (on centred targets the plain test then implies this one, {@code |D^(-1/2) g| /
 * |D^(-1/2) g0| <= sqrt(spread) |g| / |g0|}), and fits of z-scored columns stop where they always did.
 *
 * <p>Shapes: the problem's X (m, n); one scale per model of K, each (n).
 */
public final class OwnScaleGradient {
    /** Diagonal spreads up to this leave the plain test in charge: sqrt(100) = {@link #FACTOR}. */
    static final double CHECKED_SPREAD = 100;

    /** The scaled test's tolerance is this times the plain one's. */
    public static final double FACTOR = 10;

    /** Per model, 1 / sqrt(D_jj) (n); null where the features' spread is at most CHECKED_SPREAD. */
    private final double[][] inverseRoot;

    private OwnScaleGradient(double[][] inverseRoot) {
        this.inverseRoot = inverseRoot;
    }

    /** At most about this many rows, evenly strided, estimate the features' mean squares. */
    static final int SAMPLE_ROWS = 8192;

    /**
     * The scales of every model of {@code problem}, from the weighted mean squares of at most about
     * {@link #SAMPLE_ROWS} rows evenly spread over X, one estimate per distinct weight column (models given the
     * same array share it, as a tuning grid's lambdas do): a whole pass had cost a fit of 1,000,000 x 40 that
     * converged in 5 epochs about 15 % more, for a diagonal that only gates the test and weighs its components.
     * All rows where the sample's weights sum to 0.
     */
    static OwnScaleGradient of(Problem problem) {
        int k = problem.models();
        int n = problem.features();
        Map<Object, double[]> byWeights = new IdentityHashMap<>();
        Object unweighted = new Object();
        double[][] inverseRoot = new double[k][];
        for (int model = 0; model < k; model++) {
            float[] w = problem.weights(model);
            double lambda = problem.lambda(model);
            double total = problem.totalWeight(model);
            double[] meanSquares = byWeights.computeIfAbsent(w == null ? unweighted : w,
                    key -> meanSquares(problem.x(), w));
            double[] d = new double[n];
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                d[j] = meanSquares[j] + lambda / total;
                if (d[j] > 0) {
                    max = Math.max(max, d[j]);
                    min = Math.min(min, d[j]);
                }
            }
            if (!(max / min > CHECKED_SPREAD)) {
                continue;
            }
            inverseRoot[model] = new double[n];
            for (int j = 0; j < n; j++) {
                // A column of zeros without a penalty has no curvature and, its gradient 0, nothing to add.
                inverseRoot[model][j] = d[j] > 0 ? 1 / Math.sqrt(d[j]) : 0;
            }
        }
        return new OwnScaleGradient(inverseRoot);
    }

    /**
     * The weighted mean square of each column over every s-th row, s = ceil(m / SAMPLE_ROWS); over every row
     * when the sampled weights sum to 0. Shapes: x (m, n), w (m) or null; returns (n).
     */
    private static double[] meanSquares(DenseMatrix x, float[] w) {
        int m = x.rows();
        int n = x.cols();
        int stride = Math.max(1, (m + SAMPLE_ROWS - 1) / SAMPLE_ROWS);
        for (int pass = 0; pass < 2; pass++, stride = 1) {
            double[] sums = new double[n];
            double weight = 0;
            for (int i = 0; i < m; i += stride) {
                double wi = w == null ? 1 : w[i];
                if (wi == 0) {
                    continue;
                }
                weight += wi;
                for (int j = 0; j < n; j++) {
                    double v = x.get(i, j);
                    sums[j] += wi * v * v;
                }
            }
            if (weight > 0 || stride == 1) {
                for (int j = 0; j < n; j++) {
                    sums[j] = weight > 0 ? sums[j] / weight : 0;
                }
                return sums;
            }
        }
        throw new AssertionError("unreachable: the second pass reads every row");
    }

    /** Whether model k's diagonal spans enough for the scaled test to say more than the plain one. */
    boolean checks(int model) {
        return inverseRoot[model] != null;
    }

    /** |D^(-1/2) g| of model k's features; only where {@link #checks}. Shapes: g theta (K, n). */
    double norm(Gradient g, int model) {
        double[] s = inverseRoot[model];
        double[] theta = g.theta(model);
        double sum = 0;
        for (int j = 0; j < theta.length; j++) {
            double v = theta[j] * s[j];
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
