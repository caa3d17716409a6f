package dev.ridgeline.engine.cuda;

/**
 * Grid, block and shared-memory sizes for every kernel: the host mirror of the constants in
 * native/common.cuh. Pure arithmetic, tested without a GPU.
 */
final class KernelGeometry {
    /** Threads per block (RL_BLOCK). */
    static final int BLOCK = 256;
    /** Warps per block (RL_WARPS). */
    static final int WARPS = BLOCK / 32;
    /** Models per pass (RL_KMAX); a batch of more models runs in groups. */
    static final int MODELS_PER_PASS = 8;
    /** Widest row for the fused single-read pass of several models (RL_NARROW_MAX). */
    static final int NARROW_MAX = 1024;
    /** Widest row for the single-model fused pass (RL_NARROW_MAX_SINGLE). */
    static final int NARROW_MAX_SINGLE = 4096;
    /** Floats of X per shared-memory tile the fused pass aims for (32 KiB): enough bytes in flight. */
    static final int TILE_TARGET_FLOATS = 8192;
    /** Largest tile, in rows, for very narrow data. */
    static final int TILE_MAX_ROWS = 256;
    /** Largest grid y of a launch (maxGridDimY, the same on every architecture). */
    static final int MAX_GRID_Y = 65_535;

    private KernelGeometry() {
    }

    /** Rows per tile of the fused pass: about 32 KiB of X, a multiple of 4 (16-byte aligned tiles). */
    static int tileRows(int n) {
        int rows = Math.max(4, Math.min(TILE_MAX_ROWS, TILE_TARGET_FLOATS / Math.max(1, n)));
        return rows - rows % 4;
    }

    /**
     * Dynamic shared memory of the fused and loss passes compiled for {@code modelsPerPass} models (1 or
     * {@link #MODELS_PER_PASS}): the layout of RlPassShared in native/tile.cuh.
     */
    static long fusedSharedBytes(int n, int tileRows, int modelsPerPass) {
        long floats = (long) tileRows * n            // x tile
                + (long) modelsPerPass * n            // theta
                + (long) tileRows * modelsPerPass     // w r
                + (long) WARPS * modelsPerPass        // per-warp loss
                + modelsPerPass                       // bias
                + 2L * tileRows * modelsPerPass;      // targets and weights of the tile rows
        return 4 * floats + 4L * 2 * modelsPerPass;   // column indices
    }

    /**
     * Whether rows of n features take the fused single-read pass for this many models on a device with
     * this shared memory per block; otherwise the wide path (two reads of X) runs.
     */
    static boolean narrow(int n, int models, long maxSharedPerBlock) {
        int perPass = models == 1 ? 1 : MODELS_PER_PASS;
        int widest = models == 1 ? NARROW_MAX_SINGLE : NARROW_MAX;
        return n <= widest && fusedSharedBytes(n, tileRows(n), perPass) <= maxSharedPerBlock;
    }

    /** Blocks of a fused or loss pass over {@code count} rows: one wave of resident blocks, at most a tile each. */
    static int passGrid(long count, int tileRows, int multiprocessors, int blocksPerMultiprocessor) {
        long tiles = (count + tileRows - 1) / tileRows;
        long wave = (long) multiprocessors * Math.max(1, blocksPerMultiprocessor);
        return (int) Math.max(1, Math.min(tiles, wave));
    }

    /** Blocks of ridge_wide_residuals: one row per block at a time, a few waves of blocks. */
    static int wideResidualGrid(long count, int multiprocessors) {
        return (int) Math.max(1, Math.min(count, 8L * multiprocessors));
    }

    /** Column blocks of ridge_wide_gradient. */
    static int wideColumnBlocks(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    /**
     * The most slabs (grid y) ridge_wide_gradient is launched with, whatever the batch: column blocks x slabs
     * fill about 8 blocks per SM. The gradient partials are sized by it, so launch and buffer share this one
     * formula.
     */
    static int wideMaxSlabs(int n, int multiprocessors) {
        return (int) Math.max(1, (8L * multiprocessors) / wideColumnBlocks(n));
    }

    /** Rows per slab of ridge_wide_gradient: count rows over at most {@link #wideMaxSlabs} slabs. */
    static long wideSlabRows(long count, int n, int multiprocessors) {
        long wanted = wideMaxSlabs(n, multiprocessors);
        long slabs = Math.max(1, Math.min(count, wanted));
        return Math.max(1, (count + slabs - 1) / slabs);
    }

    /** Slabs (grid y) of ridge_wide_gradient for slabRows rows each. */
    static int wideSlabs(long count, long slabRows) {
        return (int) Math.max(1, (count + slabRows - 1) / slabRows);
    }

    /** Blocks along x of ridge_reduce_update: one thread per element of (theta_k, b_k). */
    static int reduceGridX(int n) {
        return (n + 1 + BLOCK - 1) / BLOCK;
    }

    /**
     * Refuses more models than ridge_reduce_update can take: it runs one grid row (blockIdx.y) per
     * model, so K above {@link #MAX_GRID_Y} would fail at the first launch, after the whole upload.
     */
    static void checkModels(int models) {
        if (models > MAX_GRID_Y) {
            throw new IllegalArgumentException("the CUDA backend takes at most " + MAX_GRID_Y
                    + " models in one problem (one grid row per model), got " + models
                    + "; split the models into several problems or use another backend");
        }
    }

    /** Number of passes for K models. */
    static int modelGroups(int models) {
        return (models + MODELS_PER_PASS - 1) / MODELS_PER_PASS;
    }

    /** Blocks of ridge_predict: one warp per row, capped at a few waves. */
    static int predictGrid(long rows, int multiprocessors) {
        long blocks = (rows + WARPS - 1) / WARPS;
        return (int) Math.max(1, Math.min(blocks, 8L * multiprocessors));
    }
}
