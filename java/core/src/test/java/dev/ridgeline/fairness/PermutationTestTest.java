package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The permutation p-value of the max - min disparity against exhaustive enumeration, its calibration under
 * the null (groups drawn alike) and its power against a real gap.
 */
class PermutationTestTest {
    private static final int MSE = FairnessMetric.MSE.ordinal();

    /**
     * Two groups of four rows: all C(8, 4) = 70 relabellings enumerated give the exact p of the observed
     * MSE gap; 20,000 random ones must come within 0.01 of it (binomial standard error 0.0035).
     */
    @Test
    void matchesExhaustiveEnumerationOnEightRows() {
        float[] y = {0, 0, 0, 0, 0, 0, 0, 0};
        double[] p = {0.1, -0.3, 0.2, 0.5, 1.1, -0.9, 0.4, 1.6};
        List<int[]> groups = List.of(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7});
        double observed = mseGap(y, p, groups.get(0), groups.get(1));
        int atLeast = 0;
        int all = 0;
        for (int mask = 0; mask < 256; mask++) {
            if (Integer.bitCount(mask) != 4) {
                continue;
            }
            int[] a = new int[4];
            int[] b = new int[4];
            int na = 0;
            int nb = 0;
            for (int i = 0; i < 8; i++) {
                if ((mask >> i & 1) == 1) {
                    a[na++] = i;
                } else {
                    b[nb++] = i;
                }
            }
            all++;
            if (mseGap(y, p, a, b) >= observed - 1e-12) {
                atLeast++;
            }
        }
        assertEquals(70, all);
        double exact = (double) atLeast / all;
        double[] observedAll = observedDifferences(y, p, groups);
        double estimate = PermutationTest.pValues(GroupMetrics.widen(y), p, groups, observedAll, 20_000, 5)[MSE];
        assertTrue(exact > 0.05 && exact < 0.95, "a case that is neither trivial nor extreme: " + exact);
        assertEquals(exact, estimate, 0.01);
    }

    /** Under the null the p-values are uniform: about 5 % fall at or below 0.05, about half below 0.5. */
    @Test
    void isCalibratedWhenTheGroupsAreAlike() {
        SplittableRandom random = new SplittableRandom(11);
        int datasets = 300;
        int small = 0;
        int belowHalf = 0;
        for (int d = 0; d < datasets; d++) {
            Case c = generated(random, 60, 20, 1.0);
            double pv = PermutationTest.pValues(GroupMetrics.widen(c.y), c.p, c.groups,
                    observedDifferences(c.y, c.p, c.groups), 199, random.nextLong())[MSE];
            small += pv <= 0.05 ? 1 : 0;
            belowHalf += pv <= 0.5 ? 1 : 0;
        }
        // Binomial(300, 0.05): mean 15, sd 3.8; Binomial(300, 0.5): mean 150, sd 8.7. Bounds at about 3.5 sd.
        assertTrue(small <= 29, small + " of " + datasets + " p-values <= 0.05 under the null");
        assertTrue(belowHalf >= 120 && belowHalf <= 180, belowHalf + " of " + datasets + " p-values <= 0.5");
    }

    /** A group whose errors have three times the spread is found with 999 relabellings. */
    @Test
    void findsARealGap() {
        Case c = generated(new SplittableRandom(3), 120, 40, 3.0);
        double pv = PermutationTest.pValues(GroupMetrics.widen(c.y), c.p, c.groups,
                observedDifferences(c.y, c.p, c.groups), 999, 8)[MSE];
        assertTrue(pv <= 0.002, "p = " + pv);
        assertTrue(pv >= 1.0 / 1000, "never below 1 / (B + 1): " + pv);
    }

    @Test
    void identicalGroupsGiveOneAndOneGroupGivesNothing() {
        float[] y = {1, 2, 1, 2};
        double[] p = {1.5, 2.5, 1.5, 2.5};
        List<int[]> two = List.of(new int[] {0, 1}, new int[] {2, 3});
        double[] pv = PermutationTest.pValues(GroupMetrics.widen(y), p, two, observedDifferences(y, p, two), 50, 1);
        assertEquals(1.0, pv[MSE], 0.0);
        List<int[]> one = List.of(new int[] {0, 1, 2, 3});
        assertTrue(Double.isNaN(PermutationTest.pValues(GroupMetrics.widen(y), p, one,
                observedDifferences(y, p, one), 50, 1)[MSE]));
    }

    /**
     * The rule docs/responsible.md states: a relabelling counts when at least two of its groups have the metric
     * (R2 is undefined for constant targets), its difference taken over those groups; one that leaves it defined in
     * one group or none counts in neither, since there is nothing to compare (a lone group's difference of 0 would
     * lower p). With an observed difference no relabelling reaches, p = 1 / (1 + counted).
     */
    @Test
    void aRelabellingCountsWhenTwoGroupsOrMoreHaveTheMetric() {
        int r2 = FairnessMetric.R2.ordinal();
        List<int[]> three = List.of(new int[] {0, 1}, new int[] {2, 3}, new int[] {4, 5});
        double[] out = new double[FairnessMetric.values().length];
        java.util.Arrays.fill(out, 1e9);
        double[] p = {0.5, 1.5, 0.7, 1.2, 4, 8};
        // Four equal targets: some relabellings leave R2 defined in two groups, some in one (two pairs of 1s).
        double[] some = {1, 1, 1, 1, 5, 9};
        int[] byDefined = new int[4];
        // The same relabellings as the test's: one pool, shuffled in place by the seeded stream, 200 times.
        SplittableRandom rng = new SplittableRandom(3);
        int[] pool = {0, 1, 2, 3, 4, 5};
        for (int t = 0; t < 200; t++) {
            dev.ridgeline.data.Shuffles.shuffle(pool, rng);
            int defined = 0;
            for (int g = 0; g < 3; g++) {
                defined += some[pool[2 * g]] != some[pool[2 * g + 1]] ? 1 : 0;
            }
            byDefined[defined]++;
        }
        assertTrue(byDefined[1] > 10 && byDefined[2] > 10, "the case has both kinds: "
                + java.util.Arrays.toString(byDefined));
        assertEquals(1.0 / (1 + byDefined[2] + byDefined[3]), PermutationTest.pValues(some, p, three, out, 200, 3)[r2],
                1e-15);
        // Pairs of equal targets: R2 is undefined in every group when the pairs stay together (1 in 15 relabellings).
        double[] pairs = {1, 1, 2, 2, 3, 3};
        double pv = PermutationTest.pValues(pairs, p, three, out, 200, 3)[r2];
        double counted = 1 / pv - 1;
        assertEquals(Math.rint(counted), counted, 1e-9);
        assertTrue(counted < 200 && counted > 150, "relabellings counted: " + counted);
    }

    @Test
    void theReportCarriesItAndIsSeeded() {
        Case c = generated(new SplittableRandom(4), 80, 20, 2.5);
        String[] labels = new String[c.y.length];
        for (int g = 0; g < c.groups.size(); g++) {
            for (int i : c.groups.get(g)) {
                labels[i] = g == 0 ? "majority" : "minority";
            }
        }
        BootstrapSettings s = new BootstrapSettings(200, 9, 0.95);
        Disparity a = FairnessAnalyzer.analyze("g", c.y, c.p, labels, s).disparity(FairnessMetric.MSE);
        Disparity b = FairnessAnalyzer.analyze("g", c.y, c.p, labels, s).disparity(FairnessMetric.MSE);
        assertEquals(a.permutationP(), b.permutationP(), 0.0);
        assertTrue(a.permutationP() >= 1.0 / 201 && a.permutationP() <= 1, "p = " + a.permutationP());
        assertTrue(Double.isNaN(FairnessAnalyzer.analyze("g", c.y, c.p, labels, BootstrapSettings.none())
                .disparity(FairnessMetric.MSE).permutationP()));
    }

    private record Case(float[] y, double[] p, List<int[]> groups) {
    }

    /** Group 0 of size first, group 1 of size second; prediction errors of sd 1 and spread. */
    private static Case generated(SplittableRandom random, int first, int second, double spread) {
        int m = first + second;
        float[] y = new float[m];
        double[] p = new double[m];
        int[] a = new int[first];
        int[] b = new int[second];
        for (int i = 0; i < m; i++) {
            y[i] = (float) random.nextGaussian();
            p[i] = y[i] + (i < first ? 1 : spread) * random.nextGaussian();
            if (i < first) {
                a[i] = i;
            } else {
                b[i - first] = i;
            }
        }
        return new Case(y, p, List.of(a, b));
    }

    private static double[] observedDifferences(float[] y, double[] p, List<int[]> groups) {
        List<GroupMetrics> metrics = new ArrayList<>();
        for (int[] rows : groups) {
            metrics.add(GroupMetrics.of("g", y, p, rows));
        }
        double[] out = new double[FairnessMetric.values().length];
        for (FairnessMetric m : FairnessMetric.values()) {
            out[m.ordinal()] = FairnessAnalyzer.difference(m, metrics);
        }
        return out;
    }

    private static double mseGap(float[] y, double[] p, int[] a, int[] b) {
        double ma = GroupMetrics.of("a", y, p, a).mse();
        double mb = GroupMetrics.of("b", y, p, b).mse();
        return Math.abs(ma - mb);
    }
}
