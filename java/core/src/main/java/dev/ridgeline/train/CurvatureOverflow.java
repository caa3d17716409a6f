package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import java.util.Locale;

/**
 * Why the automatic learning rate could not be estimated when the curvature overflowed: the float32 sums of
 * w_i x_ij x_il pass 3.4e38 on large features, large row weights or both, and each has its own remedy. Weights of
 * 1e37 on z-scored features had been told to z-score the features. (java-vector sums weights brought near 1,
 * {@link dev.ridgeline.engine.Problem#withBalancedWeights}; cuda sums them as given.)
 */
final class CurvatureOverflow {
    /** Weights beyond this are named as the cause; the objective is the same with weights and lambda divided alike. */
    static final double LARGE_WEIGHT = 1e15;
    /** Feature values beyond this are named as the cause. */
    static final double LARGE_FEATURE = 1e9;

    private CurvatureOverflow() {
    }

    /** The error text for model k of problem (x: m x n), whose curvature estimate is {@code curvature}. */
    static String message(Problem problem, int model, double curvature) {
        double feature = largestMagnitude(problem.x());
        double weight = largestWeight(problem, model);
        return String.format(Locale.ROOT, "the automatic learning rate could not be estimated%s (curvature %s:"
                + " float32 overflowed on products of the features, up to %.3g in size, and the row weights, up to %.3g);"
                + " %s, or give --lr", problem.models() > 1 ? " for model " + model : "", curvature, feature, weight,
                advice(feature, weight));
    }

    /**
     * The error text for model k whose gradient overflowed at {@code epoch} (its norm {@code norm}, not finite)
     * while its loss did not: the float32 sums of w_i r_i x_ij pass 3.4e38. A given rate meets it where the
     * automatic one would have stopped at the curvature.
     */
    static String gradientMessage(Problem problem, int model, int epoch, double norm) {
        double feature = largestMagnitude(problem.x());
        double weight = largestWeight(problem, model);
        return String.format(Locale.ROOT, "the gradient overflowed float32 at epoch %d%s (its norm %s: products of the"
                + " residuals, the features, up to %.3g in size, and the row weights, up to %.3g, pass 3.4e38), so no"
                + " step can be taken; %s", epoch, problem.models() > 1 ? " (model " + model + ")" : "", norm, feature,
                weight, advice(feature, weight));
    }

    /** What to change: the weights when they are large, the features when they are (or when neither is). */
    private static String advice(double feature, double weight) {
        StringBuilder advice = new StringBuilder();
        if (weight > LARGE_WEIGHT) {
            advice.append("divide the row weights and lambda by the same constant (the objective, which divides"
                    + " both by the total weight, is then the same)");
        }
        if (feature > LARGE_FEATURE || advice.length() == 0) {
            advice.append(advice.length() > 0 ? "; " : "").append("scale the features (--scale zscore)");
        }
        return advice.toString();
    }

    /** max |x_ij| over X (m x n). */
    static double largestMagnitude(DenseMatrix x) {
        double largest = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                largest = Math.max(largest, Math.abs(x.get(i, j)));
            }
        }
        return largest;
    }

    /** The largest row weight of model k (1 without weights). Shape: w (m) or null. */
    static double largestWeight(Problem problem, int model) {
        float[] w = problem.weights(model);
        if (w == null) {
            return 1;
        }
        double largest = 0;
        for (float v : w) {
            largest = Math.max(largest, v);
        }
        return largest;
    }
}
