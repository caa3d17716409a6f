package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;

/**
 * How badly one feature and the intercept together condition the ridge objective: the condition number of
 * the 2 x 2 block of its Hessian for theta_j and b, [a_j, mu_j; mu_j, 1], with a_j = (sum_i w_i x_ij^2 +
 * lambda) / W and mu_j = sum_i w_i x_ij / W, largest over the features. A principal submatrix's condition
 * number bounds the whole Hessian's from below (Cauchy interlacing), like {@link ScaleSpread}'s diagonal
 * ratio, which it catches where that cannot: a feature far from zero relative to its spread (mean 50,
 * standard deviation 1, unscaled) has a mean square of only 2,501 yet a block condition number of about
 * 6e6, because the feature and the intercept move almost together. Centred features (z-scored) have mu_j = 0,
 * and the block number is then the diagonal ratio of theta_j and b.
 *
 * <p>Eigenvalues of the block: t = a + 1, det = a - mu^2 = (weighted variance + lambda / W); the larger is
 * (t + sqrt(t^2 - 4 det)) / 2 and the smaller det over it, so the number is larger^2 / det. The variance
 * comes from {@link ColumnMoments}, whose sums about the first row keep a large offset's digits.
 *
 * <p>Shapes: X (m, n) float32 rows as trained on, w (m) or null (unit weights).
 *
 * @param ratio the largest block condition number (1 when there are no features)
 * @param feature the feature that gives it (-1 when none)
 * @param mean that feature's weighted mean
 * @param sd its weighted (population) standard deviation
 */
public record InterceptCoupling(double ratio, int feature, double mean, double sd) {

    /** No coupling: no feature, ratio 1. */
    private static final InterceptCoupling NONE = new InterceptCoupling(1, -1, 0, 0);

    /** The coupling of the objective on rows x (m, n), weights w (m, or null), penalty lambda >= 0. */
    public static InterceptCoupling of(DenseMatrix x, float[] w, double lambda) {
        return of(ColumnMoments.of(x, w, lambda), lambda);
    }

    /**
     * The coupling for targets centred by their weighted mean under w and trained under the same w (as
     * {@link ScaleSpread#ofCentredTargets} says): none when the columns are centred too, since the intercept
     * then stays at its optimum near 0 whatever theta does; else as {@link #of}. Shapes: x (m, n), w (m) or null.
     */
    public static InterceptCoupling ofCentredTargets(DenseMatrix x, float[] w, double lambda) {
        ColumnMoments moments = ColumnMoments.of(x, w, lambda);
        return moments.centred() ? NONE : of(moments, lambda);
    }

    /** The largest block condition number over the columns. Shapes: the moments' mean and variance (n). */
    private static InterceptCoupling of(ColumnMoments moments, double lambda) {
        InterceptCoupling worst = NONE;
        for (int j = 0; j < moments.columns(); j++) {
            double det = moments.variance(j) + lambda / moments.total();
            if (!(det > 0)) {
                continue; // a constant column without a penalty: its direction is not a minimum to approach
            }
            double mean = moments.mean(j);
            double t = det + mean * mean + 1;
            double larger = (t + Math.sqrt(Math.max(0, t * t - 4 * det))) / 2;
            double ratio = larger * larger / det;
            if (ratio > worst.ratio) {
                worst = new InterceptCoupling(ratio, j, mean, Math.sqrt(moments.variance(j)));
            }
        }
        return worst;
    }

    /** True when the coupling alone makes gradient steps slow ({@link ScaleSpread#SLOW}). */
    public boolean slow() {
        return ratio >= ScaleSpread.SLOW;
    }
}
