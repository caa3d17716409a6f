package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A six-row table checked by hand. */
class FairnessAnalyzerTest {
    // group a: y = 1, 2, 3; p = 1, 3, 2 -> residuals 0, 1, -1
    // group b: y = 4, 6, 8; p = 6, 6, 6 -> residuals 2, 0, -2
    private static final float[] Y = {1, 2, 3, 4, 6, 8};
    private static final double[] P = {1, 3, 2, 6, 6, 6};
    private static final String[] G = {"a", "a", "a", "b", "b", "b"};

    @Test
    void aNanPredictionIsRefusedByRow() {
        double[] p = {1, Double.NaN, 3};
        assertEquals("row 1: prediction NaN is not a finite number", assertThrows(IllegalArgumentException.class,
                () -> FairnessAnalyzer.analyze("g", new double[] {1, 2, 3}, p, new String[] {"a", "b", "a"},
                        BootstrapSettings.none())).getMessage());
    }

    @Test
    void groupMetricsMatchHandComputation() {
        FairnessReport r = FairnessAnalyzer.analyze("g", Y, P, G, BootstrapSettings.none());
        GroupMetrics a = r.group("a");
        assertEquals(3, a.count());
        assertEquals(2.0 / 3, a.mse(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), a.rmse(), 1e-12);
        assertEquals(2.0 / 3, a.mae(), 1e-12);
        assertEquals(0.0, a.r2(), 1e-12); // SS_res = 2, SS_tot = 2
        assertEquals(2.0, a.meanPrediction(), 1e-12);
        assertEquals(0.0, a.meanResidual(), 1e-12);
        GroupMetrics b = r.group("b");
        assertEquals(8.0 / 3, b.mse(), 1e-12);
        assertEquals(4.0 / 3, b.mae(), 1e-12);
        assertEquals(0.0, b.r2(), 1e-12); // SS_res = 8, SS_tot = 8
        assertEquals(6.0, b.meanPrediction(), 1e-12);
        GroupMetrics all = r.overall();
        assertEquals(6, all.count());
        assertEquals(10.0 / 6, all.mse(), 1e-12);
        // mean y = 4, SS_tot = 9 + 4 + 1 + 0 + 4 + 16 = 34
        assertEquals(1 - 10.0 / 34, all.r2(), 1e-12);
    }

    /**
     * The mean residual is prediction - target (docs/responsible.md; positive: the model over-predicts), by hand:
     * group "over" y = 1, 2, p = 2, 4 (residuals 1, 2: mean 1.5); group "under" y = 5, 7, p = 4, 4 (-1, -3: -2);
     * overall (1 + 2 - 1 - 3) / 4 = -0.25. The cases above have mean residual 0 in every group, where the sign
     * cannot show.
     */
    @Test
    void theMeanResidualIsPredictionMinusTargetByHand() {
        FairnessReport r = FairnessAnalyzer.analyze("g", new float[] {1, 2, 5, 7}, new double[] {2, 4, 4, 4},
                new String[] {"over", "over", "under", "under"}, BootstrapSettings.none());
        assertEquals(1.5, r.group("over").meanResidual(), 1e-12);
        assertEquals(-2.0, r.group("under").meanResidual(), 1e-12);
        assertEquals(-0.25, r.overall().meanResidual(), 1e-12);
        Disparity d = r.disparity(FairnessMetric.MEAN_RESIDUAL);
        assertEquals("under", d.minGroup());
        assertEquals("over", d.maxGroup());
        assertEquals(3.5, d.difference(), 1e-12);
    }

    @Test
    void disparitiesAndComparisonsToOverallMatchHandComputation() {
        FairnessReport r = FairnessAnalyzer.analyze("g", Y, P, G, BootstrapSettings.none());
        Disparity mse = r.disparity(FairnessMetric.MSE);
        assertEquals("a", mse.minGroup());
        assertEquals("b", mse.maxGroup());
        assertEquals(2.0, mse.difference(), 1e-12);
        assertEquals(0.25, mse.ratio(), 1e-12);
        Disparity pred = r.disparity(FairnessMetric.MEAN_PREDICTION);
        assertEquals(4.0, pred.difference(), 1e-12);
        // a mean prediction can be negative: no ratio, although both are positive here (2 and 6)
        assertTrue(Double.isNaN(pred.ratio()));
        assertTrue(Double.isNaN(r.disparity(FairnessMetric.MEAN_RESIDUAL).ratio()));
        assertEquals(8.0 / 3 - 10.0 / 6, r.differenceToOverall("b", FairnessMetric.MSE), 1e-12);
        assertEquals((8.0 / 3) / (10.0 / 6), r.ratioToOverall("b", FairnessMetric.MSE), 1e-12);
        for (FairnessMetric signed : new FairnessMetric[] {FairnessMetric.R2, FairnessMetric.MEAN_PREDICTION,
                FairnessMetric.MEAN_RESIDUAL}) {
            assertTrue(Double.isNaN(r.ratioToOverall("b", signed)), signed + ": no parity reading");
        }
    }

    @Test
    void onlyMetricsThatCannotBeNegativeGetARatioAndARatioInterval() {
        // group a: y = 1, 2, 3, 4, p = 1, 2, 4, 4 -> R2 = 0.8; group b: y = 2, 4, 6, 8, p = 3, 4, 6, 7 -> R2 = 0.9
        float[] y = {1, 2, 3, 4, 2, 4, 6, 8};
        double[] p = {1, 2, 4, 4, 3, 4, 6, 7};
        String[] g = {"a", "a", "a", "a", "b", "b", "b", "b"};
        FairnessReport r = FairnessAnalyzer.analyze("g", y, p, g, new BootstrapSettings(200, 3, 0.95));
        assertEquals(0.8, r.group("a").r2(), 1e-12);
        assertEquals(0.9, r.group("b").r2(), 1e-12);
        for (FairnessMetric metric : FairnessMetric.values()) {
            Disparity d = r.disparity(metric);
            boolean errorSize = metric == FairnessMetric.MSE || metric == FairnessMetric.RMSE || metric == FairnessMetric.MAE;
            assertEquals(errorSize, metric.nonNegative(), metric.label());
            assertEquals(errorSize, !Double.isNaN(d.ratio()), metric.label() + " ratio " + d.ratio());
            assertEquals(errorSize, d.ratioCi() != null, metric.label() + " ratio interval " + d.ratioCi());
        }
        assertEquals(0.25 / 0.5, r.disparity(FairnessMetric.MSE).ratio(), 1e-12); // a: 1/4, b: 2/4
    }

    @Test
    void bootstrapIntervalsAreSeededAndCoverTheEstimate() {
        int m = 400;
        float[] y = new float[m];
        double[] p = new double[m];
        String[] g = new String[m];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < m; i++) {
            g[i] = i % 4 == 0 ? "minority" : "majority";
            y[i] = (float) rnd.nextGaussian();
            p[i] = y[i] + (g[i].equals("minority") ? 2 : 1) * rnd.nextGaussian();
        }
        BootstrapSettings s = new BootstrapSettings(300, 9, 0.95);
        FairnessReport r1 = FairnessAnalyzer.analyze("g", y, p, g, s);
        FairnessReport r2 = FairnessAnalyzer.analyze("g", y, p, g, s);
        Interval ci = r1.groupIntervals().get("minority").get(FairnessMetric.MSE);
        assertEquals(ci, r2.groupIntervals().get("minority").get(FairnessMetric.MSE));
        assertTrue(ci.contains(r1.group("minority").mse()), ci + " vs " + r1.group("minority").mse());
        Interval diff = r1.disparity(FairnessMetric.MSE).differenceCi();
        assertTrue(diff.low() > 0, "the minority's MSE is clearly larger: " + diff);
        assertTrue(diff.contains(r1.disparity(FairnessMetric.MSE).difference()));
        assertTrue(r1.overallIntervals().get(FairnessMetric.MSE).contains(r1.overall().mse()));
    }

    @Test
    void aOneRowGroupKeepsItsFiguresButGetsNoIntervalAndGroupsUnderThirtyRowsAreSmall() {
        int m = 60;
        float[] y = new float[m];
        double[] p = new double[m];
        String[] g = new String[m];
        for (int i = 0; i < m; i++) {
            y[i] = i % 7;
            p[i] = y[i] + (i % 3) - 1;
            g[i] = i == 0 ? "one" : i <= 29 ? "small" : "large";
        }
        FairnessReport r = FairnessAnalyzer.analyze("g", y, p, g, new BootstrapSettings(100, 5, 0.95));
        assertEquals(1, r.group("one").count());
        assertEquals(1.0, r.group("one").mse(), 1e-12); // y = 0, p = -1
        assertFalse(r.groupIntervals().containsKey("one"), "every resample of one row is that row");
        assertEquals(29, r.group("small").count());
        assertTrue(r.groupIntervals().get("small").get(FairnessMetric.MSE).high()
                > r.groupIntervals().get("small").get(FairnessMetric.MSE).low());
        assertEquals(30, r.group("large").count());
        assertEquals(List.of("one", "small"), r.smallGroups().stream().map(GroupMetrics::group).toList());
        assertEquals("one", r.disparity(FairnessMetric.MSE).maxGroup(), "a small group still enters the disparities");
        assertTrue(FairnessAnalyzer.overallIntervals(new float[] {1}, new double[] {2}, new BootstrapSettings(40, 1, 0.95))
                .isEmpty());
    }

    /**
     * A two-row group with two targets: its R2 is defined only in the resamples that draw both rows, where it is the
     * observed value, so it gets no interval (it had [0.1146, 0.1146] whenever half the resamples drew both); its
     * MSE, which the other resamples vary, keeps one.
     */
    @Test
    void aTwoRowGroupGetsNoZeroWidthR2Interval() {
        float[] y = {0, 1, 0, 1, 1, 0, 1};
        double[] p = {0.2, 0.5, 0.4, 0.7, 0.6, 0.3, 0.9};
        String[] g = {"A", "A", "B", "B", "C", "D", "A"};
        for (long seed = 1; seed <= 20; seed++) {
            FairnessReport r = FairnessAnalyzer.analyze("g", y, p, g, new BootstrapSettings(200, seed, 0.95));
            Interval r2 = r.groupIntervals().get("B").get(FairnessMetric.R2);
            assertTrue(Double.isNaN(r2.low()) && Double.isNaN(r2.high()), "seed " + seed + ": " + r2);
            Interval mse = r.groupIntervals().get("B").get(FairnessMetric.MSE);
            assertTrue(mse.high() > mse.low(), "seed " + seed + ": " + mse);
        }
    }

    /** Targets y, predictions p and group labels g of the same rows. */
    private record GroupedRows(float[] y, double[] p, String[] g) {
        /**
         * Groups A and B of {@code size} rows each (standard normal targets, predictions off by normal noise of
         * spread noiseA and noiseB), then group T of the given targets and predictions. Shapes: returns (2 size + t).
         */
        static GroupedRows largeGroupsAndT(long seed, int size, double noiseA, double noiseB, float[] smallY,
                double[] smallP) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            int m = 2 * size + smallY.length;
            float[] y = new float[m];
            double[] p = new double[m];
            String[] g = new String[m];
            for (int i = 0; i < 2 * size; i++) {
                y[i] = (float) random.nextGaussian();
                p[i] = y[i] + (i < size ? noiseA : noiseB) * random.nextGaussian();
                g[i] = i < size ? "A" : "B";
            }
            for (int i = 0; i < smallY.length; i++) {
                y[2 * size + i] = smallY[i];
                p[2 * size + i] = smallP[i];
                g[2 * size + i] = "T";
            }
            return new GroupedRows(y, p, g);
        }
    }

    /**
     * Two groups of 49 rows beside a two-row group ranked lowest on R2: the two-row group has no R2 interval, so
     * neither has the disparity in which it is ranked (it had a bracket, [0.21, 2.16] at seed 1, made mostly of the
     * resamples that left that group's R2 undefined and compared the two large groups); MSE, which every resample
     * of every group defines, keeps its bracket.
     */
    @Test
    void aDisparityRankingAGroupWithoutAnIntervalHasNoBracket() {
        GroupedRows rows = GroupedRows.largeGroupsAndT(7, 49, 0.5, 0.8, new float[] {0, 1}, new double[] {0.8, 0.3});
        float[] y = rows.y();
        double[] p = rows.p();
        String[] g = rows.g();
        for (long seed = 1; seed <= 10; seed++) {
            FairnessReport r = FairnessAnalyzer.analyze("g", y, p, g, new BootstrapSettings(200, seed, 0.95));
            Disparity r2 = r.disparity(FairnessMetric.R2);
            assertEquals("T", r2.minGroup());
            assertTrue(Double.isNaN(r.groupIntervals().get("T").get(FairnessMetric.R2).low()));
            assertTrue(Double.isNaN(r2.differenceCi().low()) && Double.isNaN(r2.differenceCi().high()),
                    "seed " + seed + ": " + r2.differenceCi());
            Interval mse = r.disparity(FairnessMetric.MSE).differenceCi();
            assertTrue(mse.high() > mse.low(), "seed " + seed + ": " + mse);
        }
    }

    /**
     * A resample in which the lowest or highest group of the evaluation rows has no value of the metric is no
     * resample of the disparity: NaN there; a group between them undefined in a resample leaves it as it is.
     */
    @Test
    void aDisparityReplicateIsUndefinedWhereAnExtremeGroupIsUndefined() {
        FairnessMetric r2 = FairnessMetric.R2;
        int metrics = FairnessMetric.values().length;
        double[][][] group = new double[3][metrics][4];
        group[0][r2.ordinal()] = new double[] {0.5, Double.NaN, 0.4, 0.6};
        group[1][r2.ordinal()] = new double[] {0.1, 0.3, Double.NaN, 0.2};
        group[2][r2.ordinal()] = new double[] {0.3, 0.3, 0.3, Double.NaN};
        FairnessAnalyzer.Resamples boot = new FairnessAnalyzer.Resamples(group, new double[metrics][4],
                new double[metrics][4], new double[metrics][4]);
        double[] kept = FairnessAnalyzer.comparable(new double[] {0.4, 0.0, 0.0, 0.4}, r2, new int[] {1, 0}, boot);
        assertEquals(0.4, kept[0]);
        assertTrue(Double.isNaN(kept[1]) && Double.isNaN(kept[2]));
        assertEquals(0.4, kept[3], "group 2, between the extremes, undefined there");
    }

    /**
     * Through analyze: a lowest group of three rows (targets 0, 0, 1) has an R2 only in the resamples that draw its
     * 1, about 70 % of them; the disparity's bracket is that of those resamples, not of all of them (the others
     * compared the two large groups only).
     */
    @Test
    void theBracketOfADisparityLeavesOutResamplesWithoutItsLowestGroup() {
        GroupedRows rows = GroupedRows.largeGroupsAndT(11, 40, 0.3, 0.6, new float[] {0, 0, 1},
                new double[] {0.6, 0.1, 0.2});
        float[] y = rows.y();
        double[] p = rows.p();
        String[] g = rows.g();
        int m = y.length;
        BootstrapSettings settings = new BootstrapSettings(400, 3, 0.95);
        FairnessReport r = FairnessAnalyzer.analyze("g", y, p, g, settings);
        Disparity r2 = r.disparity(FairnessMetric.R2);
        assertEquals("T", r2.minGroup());
        assertEquals("A", r2.maxGroup());
        double[] py = new double[m];
        for (int i = 0; i < m; i++) {
            py[i] = y[i];
        }
        FairnessAnalyzer.Resamples boot = FairnessAnalyzer.resample(py, p,
                GroupLabels.rowsByGroup(g), settings, false);
        int t = new ArrayList<>(GroupLabels.rowsByGroup(g).keySet()).indexOf("T");
        int a = new ArrayList<>(GroupLabels.rowsByGroup(g).keySet()).indexOf("A");
        double[] all = boot.difference()[FairnessMetric.R2.ordinal()];
        double[] withT = FairnessAnalyzer.comparable(all, FairnessMetric.R2, new int[] {t, a}, boot);
        long undefined = java.util.Arrays.stream(withT).filter(Double::isNaN).count();
        assertTrue(undefined > 80 && undefined < 200, undefined + " of 400 resamples without T's R2");
        Interval expected = Percentiles.interval(withT, 0.95);
        assertEquals(expected, r2.differenceCi());
        assertFalse(expected.equals(Percentiles.interval(all, 0.95)), "the resamples left out change the bracket");
    }

    @Test
    void severalSensitiveColumnsIntersect() {
        String[] labels = GroupLabels.intersect(List.of("sex", "age"),
                List.of(new String[] {"F", "M", "F"}, new String[] {"old", "old", "young"}));
        assertEquals("sex=F, age=old", labels[0]);
        assertEquals("sex=M, age=old", labels[1]);
        assertEquals("sex=F, age=young", labels[2]);
    }

    /**
     * Values holding ", " and "=" could write two intersections alike: (1, "2, b=3") and ("1, b=2", 3) both read
     * a=1, b=2, b=3 and were one group of both rows. Quoted, they stay apart; a quote inside is doubled.
     */
    @Test
    void intersectionsOfValuesWithCommasOrEqualsSignsStayApart() {
        String[] labels = GroupLabels.intersect(List.of("a", "b"),
                List.of(new String[] {"1", "1, b=2", "say \"hi\""}, new String[] {"2, b=3", "3", "x=y"}));
        assertEquals("a=1, b=\"2, b=3\"", labels[0]);
        assertEquals("a=\"1, b=2\", b=3", labels[1]);
        assertEquals("a=\"say \"\"hi\"\"\", b=\"x=y\"", labels[2]);
        assertEquals(3, GroupLabels.rowsByGroup(labels).size());
        assertEquals("1, b=2", GroupLabels.intersect(List.of("a"), List.<String[]>of(new String[] {"1, b=2"}))[0],
                "one column's groups are its values as they are");
    }

    /**
     * The bootstrap interval of the MSE has the width the sampling distribution gives it. Of 400 rows, the even
     * ones have squared error 4 and the odd ones 0, so a resample's MSE is 4 B / 400 with B ~ Binomial(400, 1/2):
     * mean 2, sd 4 sqrt(0.25 / 400) = 0.1, and a 95% percentile interval near 2 -+ 1.96 * 0.1 = [1.804, 2.196]
     * (tolerance 0.04: the Monte Carlo error of 2,000 resamples is about 0.006, the normal approximation's under 0.01).
     */
    @Test
    void theBootstrapIntervalOfTheMseHasTheBinomialWidth() {
        int m = 400;
        float[] y = new float[m];
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = i % 5;
            p[i] = y[i] + (i % 2 == 0 ? 2 : 0);
        }
        var cis = FairnessAnalyzer.overallIntervals(y, p, new BootstrapSettings(2000, 11, 0.95));
        Interval mse = cis.get(FairnessMetric.MSE);
        assertEquals(1.804, mse.low(), 0.04);
        assertEquals(2.196, mse.high(), 0.04);
        Interval r2 = cis.get(FairnessMetric.R2);
        assertTrue(Double.isFinite(r2.low()) && r2.low() < r2.high(), "R2 interval " + r2);
    }

    /**
     * Group b of one row has no R2: with a alone valued there is nothing to compare, so R2's disparity is n/a (no
     * groups, no difference, no bracket, no p) rather than a, compared with itself, at 0 [0, 0] and p 1, which read
     * as parity. MSE, which b has, is still compared.
     */
    @Test
    void aMetricOnlyOneGroupHasIsNotComparedWithItself() {
        float[] y = {1, 2, 3, 4, 9};
        double[] p = {1, 3, 2, 5, 6};
        String[] g = {"a", "a", "a", "a", "b"};
        FairnessReport r = FairnessAnalyzer.analyze("g", y, p, g, new BootstrapSettings(200, 3, 0.95));
        Disparity r2 = r.disparity(FairnessMetric.R2);
        assertEquals(1, FairnessAnalyzer.valued(FairnessMetric.R2, r.groups()));
        assertEquals(null, r2.minGroup());
        assertEquals(null, r2.maxGroup());
        assertTrue(Double.isNaN(r2.difference()), "difference " + r2.difference());
        assertTrue(Double.isNaN(r2.permutationP()), "p " + r2.permutationP());
        assertTrue(r2.differenceCi() == null || Double.isNaN(r2.differenceCi().low()), "bracket " + r2.differenceCi());
        Disparity mse = r.disparity(FairnessMetric.MSE);
        assertEquals("a", mse.minGroup());
        assertEquals("b", mse.maxGroup());
        assertEquals(9 - 0.75, mse.difference(), 1e-12);
    }

    /** One group: no disparity, but its worst-group MSE (mitigation's held-out figure) is still that group's. */
    @Test
    void oneGroupHasNoDisparityButAHighestValue() {
        float[] y = {1, 2, 3};
        double[] p = {1, 3, 2};
        FairnessReport r = FairnessAnalyzer.analyze("g", y, p, new String[] {"a", "a", "a"}, BootstrapSettings.none());
        assertTrue(Double.isNaN(r.disparity(FairnessMetric.MSE).max()));
        assertEquals(2.0 / 3, r.highest(FairnessMetric.MSE), 1e-15);
        FairnessReport two = FairnessAnalyzer.analyze("g", Y, P, G, BootstrapSettings.none());
        assertEquals(two.disparity(FairnessMetric.MSE).max(), two.highest(FairnessMetric.MSE), 0);
    }
}
