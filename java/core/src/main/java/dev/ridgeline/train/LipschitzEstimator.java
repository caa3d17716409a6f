package dev.ridgeline.train;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Estimates L_k, the Lipschitz constant of each model's gradient, by power iteration on the Hessian
 * H_k = 1/W_k ([X 1]^T diag(w_k) [X 1] + lambda_k I'), reusing the backend's gradient operation:
 * the gradient is affine, g(p) = H p - c, so H v = (g(s v) - g(0)) / s. Power iteration approaches L from
 * below. The probe is scaled by s so that H s v is about as large as g(0): the backends form gradients in
 * float32, and with targets of 1e11 g(0) is so large that g(v) - g(0) for a unit v would be rounding noise.
 */
public final class LipschitzEstimator {
    private static final int MAX_ITERATIONS = 100;
    private static final double RELATIVE_CHANGE = 1e-4;

    private LipschitzEstimator() {
    }

    /** L_k per model. The bound problem's parameters are overwritten (the caller resets them). */
    public static double[] estimate(BoundProblem bound, long seed) {
        return estimate(bound, seed, () -> false);
    }

    /**
     * As {@link #estimate(BoundProblem, long)}, stopping between iterations once {@code stop} says so (a time
     * limit or an interrupt): the estimates so far are returned, and the caller must not train with them.
     */
    public static double[] estimate(BoundProblem bound, long seed, BooleanSupplier stop) {
        int k = bound.problem().models();
        int n = bound.problem().features();
        boolean intercept = bound.problem().fitIntercept();
        bound.setParameters(Parameters.zeros(k, n));
        Gradient atZero = bound.lossAndGradient();
        double[][] v = randomUnitVectors(k, n + 1, seed, intercept);
        double[] estimate = new double[k];
        double[] scale = new double[k];
        boolean[] settled = new boolean[k];
        // Each model iterates and settles on its own, so its estimate does not depend on the batch.
        for (int it = 0; it < MAX_ITERATIONS && !all(settled) && !stop.getAsBoolean(); it++) {
            for (int model = 0; model < k; model++) {
                double g0 = Math.hypot(norm(atZero.theta()[model]), atZero.bias()[model]);
                scale[model] = Math.max(1, estimate[model] > 0 ? g0 / estimate[model] : g0);
            }
            bound.setParameters(toParameters(v, scale, n));
            Gradient g = bound.lossAndGradient();
            for (int model = 0; model < k; model++) {
                if (settled[model]) {
                    continue;
                }
                double[] hv = new double[n + 1];
                for (int j = 0; j < n; j++) {
                    hv[j] = (g.theta()[model][j] - atZero.theta()[model][j]) / scale[model];
                }
                hv[n] = (g.bias()[model] - atZero.bias()[model]) / scale[model];
                double norm = norm(hv);
                settled[model] = it > 2 && Math.abs(norm - estimate[model]) <= RELATIVE_CHANGE * norm;
                estimate[model] = norm;
                for (int j = 0; j <= n; j++) {
                    v[model][j] = norm > 0 ? hv[j] / norm : 0;
                }
            }
        }
        return estimate;
    }

    private static boolean all(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    /** The same seeded start vector for every model. */
    private static double[][] randomUnitVectors(int k, int len, long seed, boolean intercept) {
        double[][] v = new double[k][len];
        for (double[] row : v) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int j = 0; j < len; j++) {
                row[j] = rng.nextDouble() - 0.5;
            }
            if (!intercept) {
                row[len - 1] = 0;
            }
            double norm = norm(row);
            for (int j = 0; j < len; j++) {
                row[j] /= norm;
            }
        }
        return v;
    }

    /** Model k's parameters s_k v_k (theta the first n entries, the bias the last). */
    private static Parameters toParameters(double[][] v, double[] scale, int n) {
        double[][] theta = new double[v.length][n];
        double[] bias = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            for (int j = 0; j < n; j++) {
                theta[k][j] = scale[k] * v[k][j];
            }
            bias[k] = scale[k] * v[k][n];
        }
        return new Parameters(theta, bias);
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
