package dev.ridgeline.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded split of row indices into a training part and a held-out part. The same seed and row count
 * always give the same split; both parts keep ascending row order.
 */
public record Split(int[] train, int[] holdout) {

    /**
     * Holds out {@code round(fraction * rows)} rows chosen by a seeded shuffle.
     *
     * @param fraction in [0, 1); 0 keeps every row for training
     */
    public static Split holdout(int rows, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new DataException("the holdout fraction must be in [0, 1), got " + fraction);
        }
        int held = (int) Math.round(fraction * rows);
        if (rows - held < 1) {
            throw new DataException("a holdout of " + fraction + " leaves no training rows out of " + rows);
        }
        int[] order = Shuffles.permutation(rows, new SplittableRandom(seed));
        int[] hold = Arrays.copyOfRange(order, 0, held);
        int[] train = Arrays.copyOfRange(order, held, rows);
        Arrays.sort(hold);
        Arrays.sort(train);
        return new Split(train, hold);
    }
}
