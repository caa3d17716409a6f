package dev.ridgeline.engine;

import java.util.Objects;

/**
 * The rows of one mini-batch: {@code order[from..to)}, indices into the bound matrix.
 * Backends read X only at these rows; the weighted data sums of the batch are scaled by {@link #dataScale}
 * while the L2 term keeps the full W, so the batch gradient is an unbiased estimate of the full one.
 */
public record RowBatch(int[] order, int from, int to) {
    public RowBatch {
        Objects.requireNonNull(order, "order");
        if (from < 0 || to > order.length || from > to) {
            throw new IllegalArgumentException("batch [" + from + ", " + to + ") outside 0.." + order.length);
        }
    }

    public int size() {
        return to - from;
    }

    /**
     * The factor of the batch's weighted data sums (sum over the batch of w_i r_i x_i, and of w_i r_i^2) in
     * the estimate of the full data term: m / (b W) for b rows drawn uniformly from the m rows of total weight
     * W, which is unbiased whatever the weights. With unit weights it is 1 / b, bit for bit. The batch's own
     * weight W_B, used before, is biased when the weights differ: one row of weight 1e6 among 59 of weight 1
     * made every batch without it an unweighted mean, and SGD settled 1,000x above the minimum loss.
     */
    public double dataScale(int rows, double totalWeight) {
        int b = size();
        return b == 0 ? 0.0 : rows / ((double) b * totalWeight);
    }

    /**
     * The data scale of a pass: {@link #dataScale} for a batch, else 1 / {@code passWeight}, the weight the full
     * pass summed (0 when it weighs nothing).
     */
    public static double dataScale(RowBatch batch, int rows, double totalWeight, double passWeight) {
        return batch != null ? batch.dataScale(rows, totalWeight) : passWeight > 0 ? 1.0 / passWeight : 0.0;
    }

    /**
     * Fails naming the position, the index and the row count unless every row of the batch lies in
     * [0, rows): the kernels index X without checks, so a bad index used to fail deep inside them. One plain
     * loop over the batch, meant to run once per pass before it, outside the kernels' loops.
     */
    public void requireRowsBelow(int rows) {
        for (int r = from; r < to; r++) {
            int i = order[r];
            if (i < 0 || i >= rows) {
                throw new IllegalArgumentException("batch row order[" + r + "] = " + i + " is outside 0.."
                        + (rows - 1) + " (" + rows + " rows)");
            }
        }
    }
}
