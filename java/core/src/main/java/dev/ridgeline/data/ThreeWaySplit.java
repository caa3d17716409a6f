package dev.ridgeline.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded split of row indices into training, validation and test parts (each ascending). With group
 * labels the split is either stratified (each group is split in the same fractions, so every part keeps the
 * group proportions of the whole, up to rounding within each group) or grouped (each group's rows stay in
 * one part, so the held-out parts measure groups the training never saw).
 */
public record ThreeWaySplit(int[] train, int[] validation, int[] test) {
    // Copied in and out: a caller's change to a part it was handed cannot move rows between parts.
    public ThreeWaySplit {
        train = java.util.Objects.requireNonNull(train, "train").clone();
        validation = java.util.Objects.requireNonNull(validation, "validation").clone();
        test = java.util.Objects.requireNonNull(test, "test").clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreeWaySplit s && Arrays.equals(train, s.train) && Arrays.equals(validation, s.validation)
                && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(train) + Arrays.hashCode(validation)) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "ThreeWaySplit[train=" + Arrays.toString(train) + ", validation=" + Arrays.toString(validation)
                + ", test=" + Arrays.toString(test) + "]";
    }

    /** Holds out {@code round(f * rows)} rows for validation and for test, from one seeded shuffle. */
    public static ThreeWaySplit of(int rows, double validationFraction, double testFraction, long seed) {
        if (rows < 0) {
            throw new IllegalArgumentException("a split needs a row count >= 0, got " + rows);
        }
        check(validationFraction, testFraction);
        int[] order = Shuffles.permutation(rows, new SplittableRandom(seed));
        return cut(order, validationFraction, testFraction, rows + " rows");
    }

    /** The same, stratified by {@code groups} (one label per row). */
    public static ThreeWaySplit stratified(String[] groups, double validationFraction, double testFraction, long seed) {
        check(validationFraction, testFraction);
        List<int[]> byGroup = Shuffles.shuffledGroups(groups, new SplittableRandom(seed));
        int[][] parts = {new int[0], new int[0], new int[0]};
        for (int[] g : byGroup) {
            // A group too small to keep a training row after its rounded shares is named: the whole data's
            // row count would not explain the failure.
            String what = "the " + (g.length == 1 ? "1 row" : g.length + " rows") + " of group '" + groups[g[0]]
                    + "'";
            ThreeWaySplit s = cut(g, validationFraction, testFraction, what);
            parts[0] = concat(parts[0], s.train);
            parts[1] = concat(parts[1], s.validation);
            parts[2] = concat(parts[2], s.test);
        }
        for (int[] p : parts) {
            Arrays.sort(p);
        }
        return new ThreeWaySplit(parts[0], parts[1], parts[2]);
    }

    /**
     * Each group's rows in one part: for repeated measures of one unit (a patient, a customer, a site), whose
     * rows on both sides of a split would let the held-out figures reward memorising the unit. The groups are
     * taken in a seeded order; the test part takes groups from the front of it until its rows come as close
     * as whole groups allow to round(tf m), validation the same from there on, training the rest. A part asked
     * for 1 row or more gets at least one group, so its size may miss the fraction by up to a group.
     */
    public static ThreeWaySplit grouped(String[] groups, double validationFraction, double testFraction, long seed) {
        check(validationFraction, testFraction);
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> byGroup = Shuffles.shuffledGroups(groups, rng);
        int[] order = Shuffles.permutation(byGroup.size(), rng);
        int testEnd = closestRun(byGroup, order, 0, Math.round(testFraction * groups.length));
        int validationEnd = closestRun(byGroup, order, testEnd, Math.round(validationFraction * groups.length));
        if (validationEnd == order.length) {
            throw new DataException(String.format(java.util.Locale.ROOT, "validation %s and test %s leave no group for "
                    + "training out of %d (each part takes whole groups, at least one when it is asked for a row)",
                    validationFraction, testFraction, order.length));
        }
        int[][] parts = {rowsOf(byGroup, order, validationEnd, order.length), rowsOf(byGroup, order, testEnd,
                validationEnd), rowsOf(byGroup, order, 0, testEnd)};
        for (int[] p : parts) {
            Arrays.sort(p);
        }
        return new ThreeWaySplit(parts[0], parts[1], parts[2]);
    }

    /**
     * The end of the run of groups order[from ..] whose rows come closest to {@code target} (the shorter run on a
     * tie); at least one group when target >= 1 and one is left. The row count only grows along the run, so the
     * first group that would take it further from the target ends it.
     */
    private static int closestRun(List<int[]> byGroup, int[] order, int from, long target) {
        if (target == 0 || from == order.length) {
            return from;
        }
        long rows = byGroup.get(order[from]).length;
        int end = from + 1;
        while (end < order.length && Math.abs(rows + byGroup.get(order[end]).length - target) < Math.abs(rows - target)) {
            rows += byGroup.get(order[end]).length;
            end++;
        }
        return end;
    }

    /** The rows of groups order[from .. to), concatenated. */
    private static int[] rowsOf(List<int[]> byGroup, int[] order, int from, int to) {
        int[] out = new int[0];
        for (int g = from; g < to; g++) {
            out = concat(out, byGroup.get(order[g]));
        }
        return out;
    }

    /** Shape: order (n row indices) -> test round(tf n), validation round(vf n), training the rest (>= 1). */
    private static ThreeWaySplit cut(int[] order, double vf, double tf, String rows) {
        int n = order.length;
        int nTest = (int) Math.round(tf * n);
        int nVal = (int) Math.round(vf * n);
        if (n - nTest - nVal < 1) {
            throw new DataException(String.format(java.util.Locale.ROOT, "validation %s and test %s leave no training rows out of %s",
                    vf, tf, rows));
        }
        int[] test = Arrays.copyOfRange(order, 0, nTest);
        int[] val = Arrays.copyOfRange(order, nTest, nTest + nVal);
        int[] train = Arrays.copyOfRange(order, nTest + nVal, n);
        Arrays.sort(test);
        Arrays.sort(val);
        Arrays.sort(train);
        return new ThreeWaySplit(train, val, test);
    }

    private static void check(double vf, double tf) {
        if (!(vf >= 0 && vf < 1) || !(tf >= 0 && tf < 1) || !(vf + tf < 1)) {
            throw new DataException("validation and test fractions must be in [0, 1) with a sum below 1, got "
                    + vf + " and " + tf);
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
