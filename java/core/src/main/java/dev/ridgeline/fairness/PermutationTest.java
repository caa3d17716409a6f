package dev.ridgeline.fairness;

import dev.ridgeline.data.Shuffles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Permutation test of the highest-minus-lowest group disparity of every metric. Null hypothesis: the group
 * labels are exchangeable, i.e. a row's group says nothing about its (target, prediction) pair. Under it every
 * relabelling of the rows with the same group sizes is as likely as the observed one, so
 * p = (1 + #relabellings whose difference >= the observed one) / (1 + #relabellings) (the +1 counts the
 * observed labelling, which keeps p a valid p-value for a finite number of draws). Unlike the bootstrap
 * interval of the difference, which never reaches 0, a large p says the observed gap is what group
 * sizes alone produce.
 */
final class PermutationTest {
    /** Ties within this relative distance count as "at least as large" (float sums of the same rows). */
    private static final double TIE = 1e-12;

    private PermutationTest() {
    }

    /** {@link #pValues(double[], double[], double[], List, double[], int, long)} with each row once. */
    static double[] pValues(double[] y, double[] p, List<int[]> groupRows, double[] observed, int permutations,
            long seed) {
        return pValues(y, p, null, groupRows, observed, permutations, seed);
    }

    /**
     * Shapes: y (m), p (m), w (m) row weights or null (a row keeps its weight under a new label); groupRows the row
     * indices of each group (together a subset of 0 .. m - 1); observed[metric ordinal] the observed max - min.
     * Returns p per metric ordinal: NaN where the observed difference is NaN, with fewer than two groups, or with
     * no permutations.
     */
    static double[] pValues(double[] y, double[] p, double[] w, List<int[]> groupRows, double[] observed,
            int permutations, long seed) {
        return pValues(y, p, w, groupRows, observed, permutations, seed, t -> { });
    }

    /**
     * {@link #pValues(double[], double[], double[], List, double[], int, long)}, telling {@code relabelled} how many
     * relabellings are done (1 to {@code permutations}, in order, on this thread; none where there is no test),
     * for a progress display. Shapes as there.
     */
    static double[] pValues(double[] y, double[] p, double[] w, List<int[]> groupRows, double[] observed,
            int permutations, long seed, IntConsumer relabelled) {
        FairnessMetric[] metrics = FairnessMetric.values();
        double[] out = new double[metrics.length];
        if (groupRows.size() < 2 || permutations == 0) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        if (w != null) {
            // Rows of weight 0 are no evidence: relabelled, they would make room in a group for rows that weigh
            // (a group of weight-0 rows only, absent from the observed difference, took part in the permuted ones).
            groupRows = groupRows.stream().map(r -> Arrays.stream(r).filter(i -> w[i] > 0).toArray())
                    .filter(r -> r.length > 0).toList();
            if (groupRows.size() < 2) {
                Arrays.fill(out, Double.NaN);
                return out;
            }
        }
        int[] pool = groupRows.stream().flatMapToInt(Arrays::stream).toArray();
        int[] atLeast = new int[metrics.length];
        int[] valid = new int[metrics.length];
        SplittableRandom random = new SplittableRandom(seed);
        List<GroupMetrics> drawn = new ArrayList<>(groupRows.size());
        for (int t = 0; t < permutations; t++) {
            Shuffles.shuffle(pool, random);
            drawn.clear();
            int from = 0;
            for (int[] rows : groupRows) {
                drawn.add(GroupMetrics.of("permuted", y, p, w, Arrays.copyOfRange(pool, from, from + rows.length)));
                from += rows.length;
            }
            for (FairnessMetric metric : metrics) {
                double d = FairnessAnalyzer.difference(metric, drawn);
                int k = metric.ordinal();
                if (Double.isNaN(d)) {
                    continue;
                }
                valid[k]++;
                if (d >= observed[k] - TIE * Math.abs(observed[k])) {
                    atLeast[k]++;
                }
            }
            relabelled.accept(t + 1);
        }
        for (FairnessMetric metric : metrics) {
            int k = metric.ordinal();
            out[k] = Double.isNaN(observed[k]) ? Double.NaN : (1.0 + atLeast[k]) / (1.0 + valid[k]);
        }
        return out;
    }
}
