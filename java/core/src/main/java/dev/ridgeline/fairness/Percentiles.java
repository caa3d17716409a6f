package dev.ridgeline.fairness;

import java.util.Arrays;

/** Percentile intervals of bootstrap replicates, with linear interpolation between order statistics. */
final class Percentiles {
    private Percentiles() {
    }

    /**
     * The central {@code level} interval of the finite replicates; NaN bounds when fewer than half of
     * them are finite (the statistic is then too often undefined to summarise), or when the statistic is
     * undefined in some and the same in all the others: R2 of a two-row group is defined only in the resamples
     * that draw both rows, and is then the observed value, a zero-width interval that would claim the certainty
     * a one-row group's is withheld for. Shape: replicates (B).
     */
    static Interval interval(double[] replicates, double level) {
        double[] finite = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0 || finite.length * 2 < replicates.length) {
            return new Interval(Double.NaN, Double.NaN, level);
        }
        if (finite.length < replicates.length && finite[0] == finite[finite.length - 1]) {
            return new Interval(Double.NaN, Double.NaN, level);
        }
        double tail = (1 - level) / 2;
        return new Interval(quantile(finite, tail), quantile(finite, 1 - tail), level);
    }

    /** Quantile of sorted values, type 7 (as numpy's default). Shape: sorted (k), ascending, at least one. */
    static double quantile(double[] sorted, double prob) {
        double h = (sorted.length - 1) * prob;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
