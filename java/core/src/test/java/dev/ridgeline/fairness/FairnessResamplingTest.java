package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How the report resamples: the overall interval ignores the groups, and the disparities' brackets are withheld
 * where a one-row group is ranked. Both had come from resamples within each group: a column of row ids gave the
 * overall row and every disparity a bracket of zero width.
 */
class FairnessResamplingTest {
    private static final int M = 60;
    private static final double[] Y = new double[M];
    private static final double[] P = new double[M];

    static {
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < M; i++) {
            Y[i] = 10 + 3 * rng.nextGaussian();
            P[i] = Y[i] + (1 + i % 3) * rng.nextGaussian();
        }
    }

    private static String[] labels(java.util.function.IntFunction<String> of) {
        String[] out = new String[M];
        for (int i = 0; i < M; i++) {
            out[i] = of.apply(i);
        }
        return out;
    }

    @Test
    void theOverallIntervalIsTheSameHoweverTheRowsAreGrouped() {
        BootstrapSettings s = new BootstrapSettings(300, 7, 0.95);
        Map<FairnessMetric, Interval> plain = FairnessAnalyzer.overallIntervals(Y, P, s);
        String[][] groupings = {labels(i -> "all"), labels(i -> i % 2 == 0 ? "a" : "b"),
            labels(i -> "g" + i % 12), labels(i -> "row" + i)};
        for (String[] grouping : groupings) {
            FairnessReport r = FairnessAnalyzer.analyze("g", Y, P, grouping, s);
            assertEquals(plain, r.overallIntervals(), r.groups().size() + " groups");
        }
        Interval mse = plain.get(FairnessMetric.MSE);
        assertTrue(mse.high() - mse.low() > 0.5, "an interval of the rows' noise, not of width 0: " + mse);
    }

    @Test
    void aOneRowGroupLeavesTheDisparitiesItIsRankedInWithoutABracket() {
        // Row 0 alone in group "one"; the rest in two groups of 29 and 30 rows.
        String[] g = labels(i -> i == 0 ? "one" : i % 2 == 0 ? "even" : "odd");
        FairnessReport r = FairnessAnalyzer.analyze("g", Y, P, g, new BootstrapSettings(200, 3, 0.95));
        for (FairnessMetric metric : FairnessMetric.values()) {
            Disparity d = r.disparity(metric);
            if (metric == FairnessMetric.R2) {
                // One row has no R2: the comparison is of the other two groups, and keeps its bracket.
                assertFalse(r.ranksOneRowGroup(metric));
                assertNotNull(d.differenceCi());
                assertTrue(d.differenceCi().high() > d.differenceCi().low(), d.differenceCi().toString());
                continue;
            }
            assertTrue(r.ranksOneRowGroup(metric), metric.label());
            assertNull(d.differenceCi(), metric.label() + " difference " + d.differenceCi());
            assertNull(d.ratioCi(), metric.label() + " ratio " + d.ratioCi());
            assertTrue(Double.isFinite(d.difference()), "the figure itself is kept");
        }
        // Without the one-row group every bracket is given.
        String[] two = labels(i -> i % 2 == 0 ? "even" : "odd");
        FairnessReport both = FairnessAnalyzer.analyze("g", Y, P, two, new BootstrapSettings(200, 3, 0.95));
        assertFalse(both.ranksOneRowGroup(FairnessMetric.MSE));
        assertNotNull(both.disparity(FairnessMetric.MSE).differenceCi());
        assertNotNull(both.disparity(FairnessMetric.MSE).ratioCi());
    }

    @Test
    void aColumnOfRowIdsGivesNoBracketOfZeroWidth() {
        FairnessReport r = FairnessAnalyzer.analyze("rid", Y, P, labels(i -> "row" + i),
                new BootstrapSettings(200, 1, 0.95));
        for (Disparity d : r.disparities()) {
            for (Interval ci : new Interval[] {d.differenceCi(), d.ratioCi()}) {
                assertTrue(ci == null || Double.isNaN(ci.low()) || ci.high() > ci.low(), d.metric() + ": " + ci);
            }
        }
        assertTrue(r.groupIntervals().isEmpty(), "one-row groups have no interval of their own");
    }
}
