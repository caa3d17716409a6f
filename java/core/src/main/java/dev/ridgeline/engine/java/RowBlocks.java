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
    /**
     * A block holds at least this many rows (or all of them): each block's partial, (K, n + 3) doubles, is
     * cleared, filled from the float sums, copied and added once per block, about 6 / rows of the block's
     * arithmetic whatever K and n, and on rows of 1,024 features and more the element minimum left blocks of
     * 16 rows and fewer. With 64 (one JVM per setting, best epoch, three rounds alternated, 2 threads, Zen 4,
     * 2026-12-06): SGD batches of 256 at 16,384 x 4,096 15.4-18.9 -> 13.2-14.9 ms an epoch, batches of 64 at
     * 65,536 x 1,024 53.6-60.6 -> 34.7-40.5 ms, full batches of 1,024 x 4,096, K = 8, 2.10-2.57 -> 1.74-1.78 ms.
     */
    static final int MIN_BLOCK_ROWS = 64;

    /** Blocks for a pass over {@code positions} rows of {@code features} features. */
    static RowBlocks of(int positions, int features) {
        int byCount = (int) ((positions + (long) MAX_BLOCKS - 1) / MAX_BLOCKS);
        int bySize = (MIN_BLOCK_ELEMENTS + Math.max(1, features) - 1) / Math.max(1, features);
        int rows = Math.max(MIN_BLOCK_ROWS, Math.max(byCount, bySize));
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
