package dev.ridgeline.engine;

/**
 * The rows of one mini-batch: {@code order[from..to)}, indices into the bound matrix.
 * Backends read X only at these rows; the data term is scaled by the batch's own weight W_B while the
 * L2 term keeps the full W, so the batch gradient is an unbiased estimate of the full one.
 */
public record RowBatch(int[] order, int from, int to) {
    public RowBatch {
        if (from < 0 || to > order.length || from > to) {
            throw new IllegalArgumentException("batch [" + from + ", " + to + ") outside 0.." + order.length);
        }
    }

    public int size() {
        return to - from;
    }
}
