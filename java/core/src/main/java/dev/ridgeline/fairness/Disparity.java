package dev.ridgeline.fairness;

/**
 * How far apart the groups are on one metric: the groups with the smallest and largest value, the
 * difference max - min and the ratio min / max (1 means parity; defined only when min >= 0 and max > 0,
 * since a ratio of signed quantities such as R^2 or the mean residual has no parity reading; NaN otherwise),
 * with bootstrap intervals for the difference and the ratio (null when no bootstrap was run).
 */
public record Disparity(FairnessMetric metric, String minGroup, double min, String maxGroup, double max,
        double difference, double ratio, Interval differenceCi, Interval ratioCi) {

    /** min / max when min >= 0 and max > 0, else NaN. */
    static double ratio(double min, double max) {
        return min >= 0 && max > 0 ? min / max : Double.NaN;
    }
}
