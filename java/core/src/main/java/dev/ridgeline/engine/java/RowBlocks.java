package dev.ridgeline.engine.java;

/**
 * The fixed split of a pass into row blocks. It depends only on the number of rows in the pass and the
 * number of features, never on the thread count, so per-block partial sums, added in block order, give
 * bitwise the same totals however many threads share the blocks.
 */
record RowBlocks(int positions, int rowsPerBlock, int count) {
    /** At most this many blocks per pass: bounds the memory of the per-block partials, (K, n + 3) each. */
    static final int MAX_BLOCKS = 32;
    /** A block holds at least this many elements of X, so that small problems are not over-split. */
    static final int MIN_BLOCK_ELEMENTS = 1 << 14;

    /** Blocks for a pass over {@code positions} rows of {@code features} features. */
    static RowBlocks of(int positions, int features) {
        int byCount = (int) ((positions + (long) MAX_BLOCKS - 1) / MAX_BLOCKS);
        int bySize = (MIN_BLOCK_ELEMENTS + Math.max(1, features) - 1) / Math.max(1, features);
        int rows = Math.max(1, Math.max(byCount, bySize));
        int count = positions == 0 ? 0 : (int) ((positions + (long) rows - 1) / rows);
        return new RowBlocks(positions, rows, count);
    }

    /**
     * Blocks as {@link #of}, but each at least {@code minRows} rows and a whole number of {@code multiple}
     * rows (the last block takes the rest); like {@link #of}, independent of the thread count.
     */
    static RowBlocks aligned(int positions, int features, int multiple, int minRows) {
        int rows = Math.max(of(positions, features).rowsPerBlock(), minRows);
        rows = (int) Math.min(Integer.MAX_VALUE / 2, (rows + (long) multiple - 1) / multiple * multiple);
        int count = positions == 0 ? 0 : (int) ((positions + (long) rows - 1) / rows);
        return new RowBlocks(positions, rows, count);
    }

    int from(int block) {
        return block * rowsPerBlock;
    }

    int to(int block) {
        return (int) Math.min(positions, (long) (block + 1) * rowsPerBlock);
    }
}
