package dev.ridgeline.fairness;

/**
 * How far apart the groups are on one metric: the groups with the smallest and largest value, the
 * difference max - min and the ratio min / max (1 means parity; only for the metrics that cannot be negative,
 * {@link FairnessMetric#nonNegative()}, and max > 0: a ratio of quantities that can take either sign, such as
 * R^2, the mean prediction or the mean residual, has no parity reading even when both happen to be positive;
 * NaN otherwise), with the middle of their values over resamples within each group for the difference and the
 * ratio (null when no bootstrap was run, the metric has no ratio, or a one-row group takes part in the comparison:
 * its value is the same in every resample, so the spread would leave out how uncertain it is), and the
 * p-value of a permutation test of the difference ({@link PermutationTest}: how often relabelling the rows
 * at random, group sizes kept, gives a gap at least as large; NaN when not run or fewer than two groups).
 * The interval says how wide the spread of group estimates is (it never reaches 0); the p-value says
 * whether group sizes alone would explain it.
 */
public record Disparity(FairnessMetric metric, String minGroup, double min, String maxGroup, double max,
        double difference, double ratio, Interval differenceCi, Interval ratioCi, double permutationP) {

    /** min / max for a metric that cannot be negative, when max > 0; else NaN. */
    static double ratio(FairnessMetric metric, double min, double max) {
        return metric.nonNegative() && max > 0 ? min / max : Double.NaN;
    }
}
