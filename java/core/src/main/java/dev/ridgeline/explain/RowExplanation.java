package dev.ridgeline.explain;

import java.util.List;

/**
 * SHAP values of one row: {@code base + sum_j phi_j = prediction} (up to rounding).
 *
 * @param values the row's raw feature values (n)
 * @param phi the contribution of each feature (n)
 * @param base the mean prediction over the background data
 */
public record RowExplanation(List<String> featureNames, double[] values, double[] phi, double base, double prediction) {
    /** |base + sum phi - prediction|. */
    public double additivityError() {
        double s = base;
        for (double v : phi) {
            s += v;
        }
        return Math.abs(s - prediction);
    }
}
