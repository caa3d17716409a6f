package dev.ridgeline.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded assignment of rows to k folds. Rows are shuffled and dealt round-robin, so fold sizes differ by
 * at most one. With group labels the dealing runs group by group (continuing where the last group ended),
 * so each fold keeps the group proportions of the whole: stratified k-fold.
 *
 * @param folds fold index per row (m), each in [0, k)
 */
public record KFold(int k, int[] folds) {

    public KFold {
        if (k < 2) {
            throw new DataException("cross-validation needs at least 2 folds, got " + k);
        }
        if (folds.length < k) {
            throw new DataException(k + " folds need at least " + k + " rows, there are " + folds.length);
        }
    }

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
        checkRows(groups.length, k);
        List<int[]> byGroup = Shuffles.shuffledGroups(groups, new SplittableRandom(seed));
        int[] folds = new int[groups.length];
        int next = 0;
        for (int[] g : byGroup) {
            for (int row : g) {
                folds[row] = next;
                next = (next + 1) % k;
            }
        }
        return new KFold(k, folds);
    }

    /** Rows of fold f, ascending (the held-out part of split f). */
    public int[] heldOut(int f) {
        return Arrays.stream(indices()).filter(i -> folds[i] == f).toArray();
    }

    /** Rows outside fold f, ascending (the training part of split f). */
    public int[] training(int f) {
        return Arrays.stream(indices()).filter(i -> folds[i] != f).toArray();
    }

    /** The training mask of split f as a weight column (m): 1 outside fold f, 0 inside. */
    public float[] trainingMask(int f) {
        float[] w = new float[folds.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = folds[i] == f ? 0f : 1f;
        }
        return w;
    }

    private int[] indices() {
        int[] idx = new int[folds.length];
        Arrays.setAll(idx, i -> i);
        return idx;
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
