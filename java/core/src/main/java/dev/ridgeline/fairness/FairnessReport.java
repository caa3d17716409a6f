package dev.ridgeline.fairness;

import java.util.List;
import java.util.Map;

/**
 * Fairness of one model's predictions across the groups of one sensitive attribute (a column, or the
 * intersection of several): overall and per-group metrics, a disparity per metric, and bootstrap
 * intervals (empty maps when no bootstrap was run): a group's and the disparities' from resamples within each
 * group (group sizes kept), the overall row's from plain resamples of all rows.
 *
 * @param groupIntervals group label -> metric -> interval; a one-row group has none (every resample redraws
 *     its one row, so the interval would have zero width)
 * @param overallIntervals metric -> interval for all rows, from plain resamples of them (the groups ignored), so the
 *     same however the rows are grouped, and the same as {@link FairnessAnalyzer#overallIntervals} of these rows
 * @param rows the evaluation rows, whatever their weight ({@link GroupMetrics#count()} counts those of weight above 0)
 * @param permutationWithheld whether the permutation test was left out on purpose, because the fit read the groups
 *     (then every {@link Disparity#permutationP()} is NaN); false when it ran, or had nothing to test (fewer than two
 *     groups with a value, or no resamples)
 */
public record FairnessReport(
        String attribute,
        GroupMetrics overall,
        List<GroupMetrics> groups,
        List<Disparity> disparities,
        Map<String, Map<FairnessMetric, Interval>> groupIntervals,
        Map<FairnessMetric, Interval> overallIntervals,
        BootstrapSettings bootstrap,
        int rows,
        boolean permutationWithheld) {

    /**
     * The groups with fewer than {@link GroupMetrics#SMALL_GROUP_ROWS} rows (of weight above 0), in table order; not
     * those with none, which have no figure to be noisy.
     */
    public List<GroupMetrics> smallGroups() {
        return groups.stream().filter(GroupMetrics::small).toList();
    }

    /**
     * Whether some metric ranks two groups or more, so that its disparity has a difference (and, resampled, a
     * bracket or an n/a to explain).
     */
    public boolean anyDisparity() {
        return disparities.stream().anyMatch(d -> d.maxGroup() != null);
    }

    public GroupMetrics group(String label) {
        return groups.stream().filter(g -> g.group().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group '" + label + "' in " + attribute));
    }

    public Disparity disparity(FairnessMetric metric) {
        return disparities.stream().filter(d -> d.metric() == metric).findFirst().orElseThrow();
    }

    /**
     * The highest value of the metric over the groups that have one (the worst group's MSE, say), NaN when none
     * has; with one group, its value, where {@link #disparity}, which compares groups, has none.
     */
    public double highest(FairnessMetric metric) {
        return groups.stream().mapToDouble(metric::of).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /**
     * Whether a one-row group takes part in the metric's highest-minus-lowest comparison (every metric but R2, which
     * one row does not define): then the disparity has no resampled bracket ({@link Disparity#differenceCi()} and
     * {@link Disparity#ratioCi()} null), since that row's value is the same in every resample.
     */
    public boolean ranksOneRowGroup(FairnessMetric metric) {
        return FairnessAnalyzer.ranksOneRowGroup(metric, groups);
    }

    /** group value - overall value. */
    public double differenceToOverall(String label, FairnessMetric metric) {
        return metric.of(group(label)) - metric.of(overall);
    }

    /**
     * group value / overall value, for a metric that cannot be negative (MSE, RMSE, MAE) as {@link Disparity}'s
     * ratio is; NaN for the signed ones, whose ratio has no parity reading (a mean residual near 0 overall made
     * it any size), and when overall is 0.
     */
    public double ratioToOverall(String label, FairnessMetric metric) {
        double o = metric.of(overall);
        return !metric.nonNegative() || o == 0 ? Double.NaN : metric.of(group(label)) / o;
    }
}
