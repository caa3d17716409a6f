package dev.ridgeline.explain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * SHAP values of one row: {@code base + sum_j phi_j = prediction} (up to rounding).
 *
 * @param values the row's features (n) as the model reads them in original units: missing values imputed, a
 *     category as its one-hot 0 or 1, inputs the model dropped left out
 * @param phi the contribution of each feature (n)
 * @param base the mean prediction over the background data
 */
public record RowExplanation(List<String> featureNames, double[] values, double[] phi, double base, double prediction) {
    // The arrays are copied in and out: an explanation handed to a caller cannot be changed through them.
    public RowExplanation {
        featureNames = List.copyOf(featureNames);
        values = values.clone();
        phi = phi.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] phi() {
        return phi.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowExplanation e && featureNames.equals(e.featureNames) && Arrays.equals(values, e.values)
                && Arrays.equals(phi, e.phi) && Double.compare(base, e.base) == 0
                && Double.compare(prediction, e.prediction) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureNames, Arrays.hashCode(values), Arrays.hashCode(phi), base, prediction);
    }

    @Override
    public String toString() {
        return "RowExplanation[featureNames=" + featureNames + ", values=" + Arrays.toString(values) + ", phi="
                + Arrays.toString(phi) + ", base=" + base + ", prediction=" + prediction + "]";
    }

    /** |base + sum phi - prediction|. Shape: phi (n). */
    public double additivityError() {
        double s = base;
        for (double v : phi) {
            s += v;
        }
        return Math.abs(s - prediction);
    }
}
