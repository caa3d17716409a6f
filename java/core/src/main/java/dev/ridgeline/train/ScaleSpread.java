package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;

/**
 * How far apart the curvatures of the ridge objective's coordinates lie: the largest diagonal element of its
 * Hessian over the smallest. The Hessian of J(theta, b) is (1/W) [X^T D X + lambda I, X^T w; w^T X, W] with
 * D = diag(w), so theta_j's element is (sum_i w_i x_ij^2 + lambda) / W (the weighted mean square of feature j,
 * plus lambda / W) and the intercept's is 1. For a symmetric positive definite matrix the ratio of two
 * diagonal elements is at most its condition number, so a large spread proves that gradient steps are slow:
 * at the step 1/L an epoch shrinks the error along the flattest direction by a factor of only 1 - 1/kappa.
 * A cheap lower bound, one pass over X; it says nothing when it is small. A column of zeros under lambda = 0
 * is left out: nothing moves it.
 *
 * <p>Shapes: X (m, n) float32 rows as trained on, w (m) or null (unit weights).
 *
 * @param ratio the largest diagonal element over the smallest (>= 1)
 * @param largest the coordinate of the largest: a feature's index, or n for the intercept
 * @param smallest the coordinate of the smallest, likewise
 * @param largestValue its diagonal element; smallestValue likewise
 * @param withIntercept whether the intercept's element was among those compared ({@link #ofCentredTargets})
 */
public record ScaleSpread(double ratio, int largest, double largestValue, int smallest, double smallestValue,
        boolean withIntercept) {

    /**
     * A spread from which gradient descent needs on the order of ten thousand epochs per factor of e along
     * the flattest direction, where the default allows 10,000 epochs in all.
     */
    public static final double SLOW = 1e4;

    /** The spread of the objective on rows x (m, n), weights w (m, or null), penalty lambda >= 0. */
    public static ScaleSpread of(DenseMatrix x, float[] w, double lambda) {
        return of(ColumnMoments.of(x, w, lambda), lambda, true);
    }

    /**
     * The spread for targets centred by their weighted mean under w, trained under the same w (as
     * {@link RidgeFitter#fit(dev.ridgeline.data.Frame, dev.ridgeline.preprocess.PreprocessingSpec)} and the
     * command line's plain fits train them; not rows reweighted after the centring). When the columns are
     * centred too (z-scored on these rows), the intercept's gradient, b + xbar . theta - mean(y), stays near 0
     * from its start b = 0 whatever theta does: the intercept needs no steps, so its curvature (1) slows
     * nothing and is left out (with lambda = 1e12 it had been the "flattest" coordinate of a fit already exact). Uncentred columns ({@link ColumnMoments#centred}) keep it in.
     * Shapes: x (m, n), w (m) or null.
     */
    public static ScaleSpread ofCentredTargets(DenseMatrix x, float[] w, double lambda) {
        ColumnMoments moments = ColumnMoments.of(x, w, lambda);
        return of(moments, lambda, !moments.centred());
    }

    /** The largest diagonal element over the smallest. Shapes: the moments' mean and variance (n). */
    private static ScaleSpread of(ColumnMoments moments, double lambda, boolean withIntercept) {
        int n = moments.columns();
        // The intercept's element is exactly 1; when counted, it starts both extremes.
        int largest = withIntercept ? n : -1;
        int smallest = largest;
        double max = withIntercept ? 1 : 0;
        double min = withIntercept ? 1 : Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double d = moments.meanSquare(j) + lambda / moments.total();
            if (d == 0) {
                // A column of zeros without a penalty: its gradient is 0 too, so the steps never need to move it.
                continue;
            }
            if (d > max) {
                max = d;
                largest = j;
            }
            if (d < min) {
                min = d;
                smallest = j;
            }
        }
        if (largest < 0) {
            // Nothing that steps need to move: no spread.
            return new ScaleSpread(1, n, 1, n, 1, false);
        }
        return new ScaleSpread(max / min, largest, max, smallest, min, withIntercept);
    }

    /** True when the spread alone makes gradient steps slow ({@link #SLOW}). */
    public boolean slow() {
        return ratio >= SLOW;
    }
}
