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
 */
public record ScaleSpread(double ratio, int largest, double largestValue, int smallest, double smallestValue) {

    /**
     * A spread from which gradient descent needs on the order of ten thousand epochs per factor of e along
     * the flattest direction, where the default allows 10,000 epochs in all.
     */
    public static final double SLOW = 1e4;

    /** The spread of the objective on rows x (m, n), weights w (m, or null), penalty lambda >= 0. */
    public static ScaleSpread of(DenseMatrix x, float[] w, double lambda) {
        ColumnMoments moments = ColumnMoments.of(x, w);
        int n = moments.columns();
        // The intercept's element is exactly 1; it starts both extremes.
        int largest = n;
        int smallest = n;
        double max = 1;
        double min = 1;
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
        return new ScaleSpread(max / min, largest, max, smallest, min);
    }

    /** True when the spread alone makes gradient steps slow ({@link #SLOW}). */
    public boolean slow() {
        return ratio >= SLOW;
    }
}
