package dev.ridgeline.train;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Estimates L_k, the Lipschitz constant of each model's gradient: the largest eigenvalue of the Hessian
 * H_k = 1/W_k ([X 1]^T diag(w_k) [X 1] + lambda_k I'), by the Lanczos iteration, reusing the backend's
 * gradient operation: the gradient is affine, g(p) = H p - c, so H v = (g(s v) - g(0)) / s. The probe is
 * scaled by s so that H s v is about as large as g(0): the backends form gradients in float32, and with
 * targets of 1e11 g(0) is so large that g(v) - g(0) for a unit v would be rounding noise.
 *
 * <p>Why Lanczos rather than the power iteration: the largest Ritz value of the Krylov space after j
 * products approaches L from below, as the power iteration's |H v| does, but far faster where the top of
 * the spectrum is a continuum rather than one eigenvalue apart, as with independent z-scored columns: on
 * 200,000 x 200 such columns (L = 1.063) the power iteration took 81 passes over X to settle to 1e-4, where
 * training then converged in 9 epochs; Lanczos takes 10, and on 20,000 x 200 (L = 1.20) 21 instead of 71.
 * Only the three-term recurrence is kept (no reorthogonalisation): as the
 * basis loses orthogonality the largest Ritz value stays that of H (repeated copies of it appear instead),
 * so the memory is two vectors per model.
 */
public final class LipschitzEstimator {
    private static final int MAX_ITERATIONS = 100;
    private static final double RELATIVE_CHANGE = 1e-4;
    /** A residual below this fraction of L: the Krylov space is invariant (up to float32 noise), L is found. */
    private static final double INVARIANT = 1e-6;

    private LipschitzEstimator() {
    }

    /** L_k per model, (K). The bound problem's parameters are overwritten (the caller resets them). */
    public static double[] estimate(BoundProblem bound, long seed) {
        return estimate(bound, seed, () -> false);
    }

    /**
     * As {@link #estimate(BoundProblem, long)}, stopping between iterations once {@code stop} says so (a time
     * limit or an interrupt): a model whose estimate had settled by then keeps it, the others get NaN (an
     * estimate grows towards L from below, so a partial one is too small), and the caller must not train.
     * Shapes: v (K, n + 1), theta then bias; hv (n + 1) per model; scale (K); returns the estimates (K).
     */
    public static double[] estimate(BoundProblem bound, long seed, BooleanSupplier stop) {
        java.util.Objects.requireNonNull(bound, "bound");
        java.util.Objects.requireNonNull(stop, "stop");
        int k = bound.problem().models();
        int n = bound.problem().features();
        boolean intercept = bound.problem().fitIntercept();
        bound.setParameters(Parameters.zeros(k, n));
        Gradient atZero = bound.lossAndGradient();
        Lanczos[] runs = new Lanczos[k];
        double[][] v = randomUnitVectors(k, n + 1, seed, intercept);
        for (int model = 0; model < k; model++) {
            runs[model] = new Lanczos(v[model]);
        }
        double[] scale = new double[k];
        // Each model iterates and settles on its own, so its estimate does not depend on the batch.
        boolean cut = false;
        for (int it = 0; it < MAX_ITERATIONS && !allSettled(runs); it++) {
            if (stop.getAsBoolean()) {
                cut = true;
                break;
            }
            for (int model = 0; model < k; model++) {
                double g0 = Math.hypot(norm(atZero.theta(model)), atZero.bias(model));
                double estimate = runs[model].estimate;
                scale[model] = Math.max(1, estimate > 0 ? g0 / estimate : g0);
                v[model] = runs[model].current;
            }
            bound.setParameters(toParameters(v, scale, n));
            Gradient g = bound.lossAndGradient();
            for (int model = 0; model < k; model++) {
                if (runs[model].settled) {
                    continue;
                }
                double[] hv = new double[n + 1];
                double[] at = g.theta(model);
                double[] base = atZero.theta(model);
                for (int j = 0; j < n; j++) {
                    hv[j] = (at[j] - base[j]) / scale[model];
                }
                hv[n] = (g.bias(model) - atZero.bias(model)) / scale[model];
                runs[model].advance(hv, it);
            }
        }
        double[] estimate = new double[k];
        for (int model = 0; model < k; model++) {
            estimate[model] = cut && !runs[model].settled ? Double.NaN : runs[model].estimate;
        }
        return estimate;
    }

    /**
     * One model's Lanczos run: vectors q_j (n + 1), the tridiagonal T_j (alpha on its diagonal, beta beside
     * it) and its largest eigenvalue, the estimate.
     */
    private static final class Lanczos {
        double[] current;
        double[] previous;
        final double[] alpha = new double[MAX_ITERATIONS];
        final double[] beta = new double[MAX_ITERATIONS];
        int size;
        double estimate;
        boolean settled;

        Lanczos(double[] start) {
            current = start;
            previous = new double[start.length];
        }

        /** Takes hv = H q_j (n + 1): w = hv - alpha_j q_j - beta_{j-1} q_{j-1}, beta_j = |w|, q_{j+1} = w / beta_j. */
        void advance(double[] hv, int iteration) {
            if (!allFinite(hv)) {
                // Overflow in float32 (features or weights beyond about 1e19): the caller reports the curvature.
                estimate = norm(hv);
                settled = true;
                return;
            }
            double a = dot(hv, current);
            double b = size > 0 ? beta[size - 1] : 0;
            for (int j = 0; j < hv.length; j++) {
                hv[j] -= a * current[j] + b * previous[j];
            }
            alpha[size] = a;
            double residual = norm(hv);
            beta[size] = residual;
            size++;
            double next = largestEigenvalue(alpha, beta, size);
            settled = (iteration > 2 && Math.abs(next - estimate) <= RELATIVE_CHANGE * next)
                    || residual <= INVARIANT * next;
            estimate = next;
            previous = current;
            current = hv;
            for (int j = 0; j < hv.length; j++) {
                hv[j] = residual > 0 ? hv[j] / residual : 0;
            }
        }
    }

    /**
     * The largest eigenvalue of the symmetric tridiagonal matrix with diagonal a[0..size) and off-diagonal
     * b[0..size-1), by bisection on the Sturm count (how many eigenvalues lie below x) inside the
     * Gershgorin interval, to the last bits: about 60 halvings of O(size) each.
     */
    static double largestEigenvalue(double[] a, double[] b, int size) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            double radius = (i > 0 ? Math.abs(b[i - 1]) : 0) + (i < size - 1 ? Math.abs(b[i]) : 0);
            lo = Math.min(lo, a[i] - radius);
            hi = Math.max(hi, a[i] + radius);
        }
        for (int step = 0; step < 200 && hi - lo > 1e-15 * Math.max(Math.abs(lo), Math.abs(hi)); step++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (countBelow(a, b, size, mid) < size) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /**
     * The number of eigenvalues below x: the negative pivots of the LDL^T factorisation of T - x I. Shapes: a
     * (size) and b (size - 1) used, as in {@link #largestEigenvalue}.
     */
    private static int countBelow(double[] a, double[] b, int size, double x) {
        int count = 0;
        double d = 1;
        for (int i = 0; i < size; i++) {
            double off = i > 0 ? b[i - 1] : 0;
            d = a[i] - x - (i > 0 ? off * off / d : 0);
            if (d == 0) {
                d = -1e-300; // a zero pivot: perturb it, as LAPACK's dstebz does, so the count stays defined
            }
            if (d < 0) {
                count++;
            }
        }
        return count;
    }

    private static boolean allSettled(Lanczos[] runs) {
        for (Lanczos r : runs) {
            if (!r.settled) {
                return false;
            }
        }
        return true;
    }

    /** Shape: x (n + 1). */
    private static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Shapes: x (n + 1), y (n + 1). */
    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += x[j] * y[j];
        }
        return s;
    }

    /** The same seeded start vector for every model. Shape: returns (k, len), len = n + 1 (theta then bias). */
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

    /**
     * Model k's parameters s_k v_k (theta the first n entries, the bias the last). Shapes: v (K, n + 1), scale
     * (K); returns theta (K, n), bias (K).
     */
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

    /** Shape: x (n) or (n + 1). */
    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
