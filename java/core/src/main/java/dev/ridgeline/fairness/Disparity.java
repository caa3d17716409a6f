package dev.ridgeline.fairness;

/**
 * How far apart the groups are on one metric: the groups with the smallest and largest value, the
 * difference max - min and the ratio min / max (1 means parity; NaN when max is 0 or the signs differ),
 * with bootstrap intervals for the difference and the ratio (null when no bootstrap was run).
 */
public record Disparity(FairnessMetric metric, String minGroup, double min, String maxGroup, double max,
        double difference, double ratio, Interval differenceCi, Interval ratioCi) {

    /** min / max, defined only when both have the same sign and max is not zero. */
    static double ratio(double min, double max) {
        if (max == 0 || Math.signum(min) * Math.signum(max) < 0) {
            return Double.NaN;
        }
        return min / max;
    }
}
