package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    /** Type 7 (numpy's default): h = (n - 1) p, then linear between the order statistics around h. */
    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(2.2, Percentiles.quantile(sorted, 0.3), 1e-12); // h = 1.2: 2 + 0.2 (3 - 2)
        assertEquals(5.0, Percentiles.quantile(sorted, 1.0), 0);     // h = 4: the largest
        assertEquals(1.0, Percentiles.quantile(sorted, 0.0), 0);
    }

    /** The central 80% interval of 1..10: the 0.1 and 0.9 quantiles, h = 0.9 and 8.1, so 1.9 and 9.1. */
    @Test
    void intervalTakesTheTailsOnEachSide() {
        double[] replicates = {7, 3, 10, 1, 5, 2, 9, 4, 8, 6};
        Interval ci = Percentiles.interval(replicates, 0.8);
        assertEquals(1.9, ci.low(), 1e-12);
        assertEquals(9.1, ci.high(), 1e-12);
        assertEquals(0.8, ci.level(), 0);
    }

    /** Exactly half the replicates finite is enough (NaN bounds only below half): 50% of {1, 2} is [1.25, 1.75]. */
    @Test
    void halfTheReplicatesFiniteStillGiveAnInterval() {
        Interval ci = Percentiles.interval(new double[] {2, Double.NaN, 1, Double.NaN}, 0.5);
        assertEquals(1.25, ci.low(), 1e-12);
        assertEquals(1.75, ci.high(), 1e-12);
        assertTrue(Double.isNaN(Percentiles.interval(new double[] {2, Double.NaN, Double.NaN}, 0.5).low()));
    }

    /**
     * A statistic undefined in some resamples and the same in all the others has no interval: R2 of a two-row group
     * is defined only where both rows are drawn, and is then the observed value (a zero-width interval). Defined in
     * every resample, the same value stays an interval: the resamples of identical rows do not vary.
     */
    @Test
    void aStatisticConstantWhereDefinedAndUndefinedElsewhereHasNoInterval() {
        assertTrue(Double.isNaN(Percentiles.interval(new double[] {0.3, Double.NaN, 0.3, Double.NaN, 0.3}, 0.95).low()));
        Interval same = Percentiles.interval(new double[] {0.3, 0.3, 0.3}, 0.95);
        assertEquals(0.3, same.low(), 0);
        assertEquals(0.3, same.high(), 0);
    }

    /** An interval is closed: it contains both its ends and nothing outside them. */
    @Test
    void anIntervalContainsItsEnds() {
        Interval ci = new Interval(1, 2, 0.95);
        assertTrue(ci.contains(1));
        assertTrue(ci.contains(2));
        assertFalse(ci.contains(0.5));
        assertFalse(ci.contains(2.5));
    }
}
