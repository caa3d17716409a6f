package dev.ridgeline.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded assignment of rows to k folds. Rows are shuffled and dealt round-robin, so fold sizes differ by
 * at most one. With group labels the dealing runs group by group (continuing where the last group ended),
 * so each fold keeps the group proportions of the whole: stratified k-fold. Grouped k-fold instead keeps each
 * group's rows in one fold ({@link #grouped}).
 *
 * @param folds fold index per row (m), each in [0, k), every fold holding at least one row
 */
public record KFold(int k, int[] folds) {

    public KFold {
        // A copy: the caller's array, changed after this check, would undo it (a row in no fold).
        folds = java.util.Objects.requireNonNull(folds, "folds").clone();
        if (k < 2) {
            throw new DataException("cross-validation needs at least 2 folds, got " + k);
        }
        if (folds.length < k) {
            throw new DataException(k + " folds need at least " + k + " rows, there are " + folds.length);
        }
        requireEveryFold(k, folds);
    }

    /**
     * {@code rows} rows shuffled by {@code seed} and dealt round-robin into {@code k} folds (sizes differ by at most
     * one); the same seed gives the same folds. Refuses {@code k < 2} and fewer rows than folds.
     */
    public static KFold of(int rows, int k, long seed) {
        checkRows(rows, k);
        int[] order = Shuffles.permutation(rows, new SplittableRandom(seed));
        int[] folds = new int[rows];
        for (int r = 0; r < rows; r++) {
            folds[order[r]] = r % k;
        }
        return new KFold(k, folds);
    }

    /** Stratified by {@code groups} (one label per row). */
    public static KFold stratified(String[] groups, int k, long seed) {
        Objects.requireNonNull(groups, "groups");
        checkRows(groups.length, k);
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> byGroup = Shuffles.shuffledGroups(groups, rng);
        // The groups are dealt in a seeded order too: in their order of first appearance, a column of distinct
        // values (each row its own group) put every row in the fold of its position, whatever the seed.
        int[] groupOrder = Shuffles.permutation(byGroup.size(), rng);
        int[] folds = new int[groups.length];
        int next = 0;
        for (int gi : groupOrder) {
            for (int row : byGroup.get(gi)) {
                folds[row] = next;
                next = (next + 1) % k;
            }
        }
        return new KFold(k, folds);
    }

    /**
     * Grouped k-fold: each group's rows in one fold, so every held-out fold holds groups its training part never
     * saw (repeated measures of one unit). Groups go largest first, in a seeded order among equal sizes, each to
     * the fold of fewest rows so far (the lowest-numbered on a tie), which evens the fold sizes as far as whole
     * groups allow. Needs at least k groups.
     */
    public static KFold grouped(String[] groups, int k, long seed) {
        Objects.requireNonNull(groups, "groups");
        checkRows(groups.length, k);
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> byGroup = Shuffles.shuffledGroups(groups, rng);
        if (byGroup.size() < k) {
            throw new DataException(k + " folds that keep each group whole need at least " + k + " groups, there are "
                    + byGroup.size());
        }
        // A stable sort of a seeded order: equal sizes stay in a random order, not in order of first appearance.
        List<Integer> order = new java.util.ArrayList<>();
        for (int g : Shuffles.permutation(byGroup.size(), rng)) {
            order.add(g);
        }
        order.sort((a, b) -> Integer.compare(byGroup.get(b).length, byGroup.get(a).length));
        long[] rowsIn = new long[k];
        int[] folds = new int[groups.length];
        for (int g : order) {
            int lightest = 0;
            for (int f = 1; f < k; f++) {
                if (rowsIn[f] < rowsIn[lightest]) {
                    lightest = f;
                }
            }
            for (int row : byGroup.get(g)) {
                folds[row] = lightest;
            }
            rowsIn[lightest] += byGroup.get(g).length;
        }
        return new KFold(k, folds);
    }

    /** The fold index of each row (m): a copy. */
    @Override
    public int[] folds() {
        return folds.clone();
    }

    /** m, the rows the folds cover. */
    public int rows() {
        return folds.length;
    }

    /** Equal when k and every row's fold are (a record compares arrays by reference, and the array is a copy). */
    @Override
    public boolean equals(Object o) {
        return o instanceof KFold other && k == other.k && Arrays.equals(folds, other.folds);
    }

    @Override
    public int hashCode() {
        return 31 * k + Arrays.hashCode(folds);
    }

    /** Rows of fold f, ascending (the held-out part of split f). */
    public int[] heldOut(int f) {
        checkFold(f);
        return Arrays.stream(indices()).filter(i -> folds[i] == f).toArray();
    }

    /** Rows outside fold f, ascending (the training part of split f). */
    public int[] training(int f) {
        checkFold(f);
        return Arrays.stream(indices()).filter(i -> folds[i] != f).toArray();
    }

    /** The training mask of split f as a weight column (m): 1 outside fold f, 0 inside. */
    public float[] trainingMask(int f) {
        // Fold numbers outside [0, k) had given an empty held-out part and every row for training, silently.
        checkFold(f);
        float[] w = new float[folds.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = folds[i] == f ? 0f : 1f;
        }
        return w;
    }

    /** Fails unless 0 <= f < k, naming both: "Index 9 out of bounds for length 3" had named neither. */
    private void checkFold(int f) {
        if (f < 0 || f >= k) {
            throw new IndexOutOfBoundsException("fold " + f + " of " + k + " folds");
        }
    }

    private int[] indices() {
        int[] idx = new int[folds.length];
        Arrays.setAll(idx, i -> i);
        return idx;
    }

    /**
     * Every id in [0, k) and every fold used, as {@link #of} and {@link #stratified} deal them: an empty fold
     * has nothing to score on and its split trains on every row; otherwise tuning failed far from the cause.
     */
    private static void requireEveryFold(int k, int[] folds) {
        int[] rows = new int[k];
        for (int i = 0; i < folds.length; i++) {
            if (folds[i] < 0 || folds[i] >= k) {
                throw new DataException("row " + i + ": fold index " + folds[i] + " is outside 0.." + (k - 1)
                        + " (" + k + " folds)");
            }
            rows[folds[i]]++;
        }
        for (int f = 0; f < k; f++) {
            if (rows[f] == 0) {
                throw new DataException("fold index " + f + " has no rows; each of the " + k
                        + " folds needs at least one");
            }
        }
    }

    private static void checkRows(int rows, int k) {
        if (k < 2) {
            throw new DataException("cross-validation needs at least 2 folds, got " + k);
        }
        if (rows < k) {
            throw new DataException(k + " folds need at least " + k + " rows, there are " + rows);
        }
    }
}
