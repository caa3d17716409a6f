package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Group metrics against what they must not depend on: the order of the rows (equal up to the rounding of
 * sums taken in another order) and the names of the groups (bit for bit under a renaming; with a renaming
 * that keeps their sorted order, bootstrap intervals and permutation p-values too). And against their
 * definition: a group whose targets are all equal has no R^2.
 */
class FairnessPropertyTest {
    private static final String[] GROUPS = {"a", "b", "c", "d"};

    /** Target and prediction in tenths (not exact in binary), and a group. */
    record Row(int targetTenths, int predictionTenths, int group) {
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Integer> tenths = Arbitraries.integers().between(-300, 300);
        return Combinators.combine(tenths, tenths, Arbitraries.integers().between(0, GROUPS.length - 1))
                .as(Row::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 150, seed = "31")
    void reorderingTheRowsChangesNoMetric(@ForAll("rows") List<Row> rows, @ForAll long shuffle) {
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(shuffle));
        FairnessReport a = analyze(rows, g -> GROUPS[g], BootstrapSettings.none());
        FairnessReport b = analyze(shuffled, g -> GROUPS[g], BootstrapSettings.none());
        assertEquals(a.groups().size(), b.groups().size());
        for (GroupMetrics g : a.groups()) {
            sameUpToRounding(g, b.group(g.group()));
        }
        sameUpToRounding(a.overall(), b.overall());
        for (FairnessMetric metric : FairnessMetric.values()) {
            close(a.disparity(metric).difference(), b.disparity(metric).difference(), metric + " difference");
            close(a.disparity(metric).ratio(), b.disparity(metric).ratio(), metric + " ratio");
        }
    }

    @Property(tries = 100, seed = "37")
    void renamingTheGroupsChangesOnlyTheirNames(@ForAll("rows") List<Row> rows, @ForAll long shuffle) {
        List<String> renamed = new ArrayList<>(List.of("w", "x", "y", "z"));
        Collections.shuffle(renamed, new Random(shuffle));
        FairnessReport a = analyze(rows, g -> GROUPS[g], BootstrapSettings.none());
        FairnessReport b = analyze(rows, renamed::get, BootstrapSettings.none());
        for (GroupMetrics g : a.groups()) {
            String name = renamed.get(List.of(GROUPS).indexOf(g.group()));
            assertEquals(g, renameGroup(b.group(name), g.group()));
        }
        assertEquals(a.overall(), b.overall());
        for (FairnessMetric metric : FairnessMetric.values()) {
            Disparity d = a.disparity(metric);
            Disparity e = b.disparity(metric);
            assertEquals(bits(d.min()), bits(e.min()), metric + " min");
            assertEquals(bits(d.max()), bits(e.max()), metric + " max");
            assertEquals(bits(d.ratio()), bits(e.ratio()), metric + " ratio");
        }
    }

    /** Names that sort as the old ones did: the bootstrap and the permutation test draw the same rows. */
    @Property(tries = 30, seed = "41")
    void anOrderKeepingRenamingKeepsIntervalsAndPValues(@ForAll("rows") List<Row> rows, @ForAll long seed) {
        BootstrapSettings boot = new BootstrapSettings(50, seed, 0.9);
        FairnessReport a = analyze(rows, g -> GROUPS[g], boot);
        FairnessReport b = analyze(rows, g -> "group " + GROUPS[g], boot);
        for (FairnessMetric metric : FairnessMetric.values()) {
            Disparity d = a.disparity(metric);
            Disparity e = b.disparity(metric);
            assertEquals(d.differenceCi(), e.differenceCi(), metric + " difference interval");
            assertEquals(d.ratioCi(), e.ratioCi(), metric + " ratio interval");
            assertEquals(bits(d.permutationP()), bits(e.permutationP()), metric + " p-value");
        }
        for (GroupMetrics g : a.groups()) {
            assertEquals(a.groupIntervals().get(g.group()), b.groupIntervals().get("group " + g.group()));
        }
    }

    @Property(tries = 100, seed = "43")
    void aGroupWhoseTargetsAreAllEqualHasNoR2(@ForAll @DoubleRange(min = -1e6, max = 1e6) double target,
            @ForAll("rows") List<Row> rows, @ForAll @IntRange(min = 0, max = 3) int constantGroup) {
        double[] y = new double[rows.size()];
        double[] p = new double[rows.size()];
        String[] labels = new String[rows.size()];
        for (int i = 0; i < y.length; i++) {
            Row r = rows.get(i);
            y[i] = r.group() == constantGroup ? target : r.targetTenths() / 10.0;
            p[i] = r.predictionTenths() / 10.0;
            labels[i] = GROUPS[r.group()];
        }
        FairnessReport report = FairnessAnalyzer.analyze("g", y, p, labels, BootstrapSettings.none());
        if (rows.stream().anyMatch(r -> r.group() == constantGroup)) {
            double r2 = report.group(GROUPS[constantGroup]).r2();
            assertTrue(Double.isNaN(r2), "R2 of a group whose targets are all " + target + ": " + r2);
        }
    }

    private static FairnessReport analyze(List<Row> rows, java.util.function.IntFunction<String> name,
            BootstrapSettings boot) {
        double[] y = new double[rows.size()];
        double[] p = new double[rows.size()];
        String[] labels = new String[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).targetTenths() / 10.0;
            p[i] = rows.get(i).predictionTenths() / 10.0;
            labels[i] = name.apply(rows.get(i).group());
        }
        return FairnessAnalyzer.analyze("g", y, p, labels, boot);
    }

    private static GroupMetrics renameGroup(GroupMetrics g, String name) {
        return new GroupMetrics(name, g.count(), g.mse(), g.rmse(), g.mae(), g.r2(), g.meanPrediction(),
                g.meanResidual());
    }

    private static void sameUpToRounding(GroupMetrics e, GroupMetrics a) {
        assertEquals(e.count(), a.count(), e.group() + " count");
        for (FairnessMetric metric : FairnessMetric.values()) {
            close(metric.of(e), metric.of(a), e.group() + " " + metric);
        }
    }

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
