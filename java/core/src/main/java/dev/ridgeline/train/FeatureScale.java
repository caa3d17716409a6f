package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import java.util.Locale;

/**
 * Features too large for gradient steps at any rate: beyond 1e9 the automatic rate's float32 curvature sums
 * overflow (from about 1e15) or its rate leaves a column of unit size untrained (5e-21 at 1e10, after 10,000
 * epochs), so a fit that diverged on them is told to scale them, where {@code --lr auto} would fail too.
 */
public final class FeatureScale {
    private FeatureScale() {
    }

    /** max |x_ij| over X (m x n): one pass, made on the way to an error. */
    public static double largest(DenseMatrix x) {
        return CurvatureOverflow.largestMagnitude(x);
    }

    /**
     * ": they reach 1.99e+37" when the largest feature {@code largest} passes 1e9, the size from which gradient
     * steps fail on them; empty when it does not (or is unknown: NaN).
     */
    public static String reach(double largest) {
        return largest > CurvatureOverflow.LARGE_FEATURE ? String.format(Locale.ROOT, ": they reach %.3g", largest)
                : "";
    }

    /**
     * What a diverged given rate can do besides a smaller rate: " (or scale the features, --scale zscore: they
     * reach 1.99e+37)" when the largest feature {@code largest} passes 1e9, {@code otherwise} when it does not
     * (or is unknown: NaN).
     */
    public static String alternativeToGivenRate(double largest, String otherwise) {
        return largest > CurvatureOverflow.LARGE_FEATURE
                ? String.format(Locale.ROOT, " (or scale the features, --scale zscore: they reach %.3g)", largest)
                : otherwise;
    }
}
