package dev.ridgeline.engine.java;

/**
 * One worker's scratch for {@link FusedPassKernel}: float gradient sums (K, n), the group waiting for its
 * gradient, the block's sums. Everything written per group lives in padded arrays ({@link WorkerPadding}),
 * first element at PAD; the fields are set once per block.
 */
final class RowScratch {
    private static final int PAD = WorkerPadding.PAD;

    /** (K, n) float gradient sums, model k at PAD + k n. */
    final float[] gradient;
    /** The previous group's rows and offsets at PAD, whose gradient is still to be added. */
    final float[][] pendingRows = new float[WorkerPadding.padded(FusedPassKernel.ROWS)][];
    final int[] pendingOffsets = new int[WorkerPadding.padded(FusedPassKernel.ROWS)];
    /** Two (K, 4) buffers of gradient scales w r: the waiting group's and the group being read. */
    final float[] scales;
    /**
     * [PAD]: 1 while a group waits for its gradient; [PAD + 1]: which scale buffer it uses; [PAD + 2]: rows
     * in the block waiting for their gradient ({@link BlockGradientLoops}); [PAD + 3]: carries into outer.
     */
    final int[] state = new int[WorkerPadding.padded(4)];
    /** With block gradients, (K, n) outer float sums, model k at PAD + k n; else empty. */
    final float[] outer;
    /** The block's rows and offsets, from PAD. */
    final float[][] blockRows = new float[WorkerPadding.padded(FusedPassKernel.BLOCK_ROWS)][];
    final int[] blockOffsets = new int[WorkerPadding.padded(FusedPassKernel.BLOCK_ROWS)];
    /** (rows, K) gradient scales of the block's rows, from PAD. */
    final float[] blockScales;
    /** The block's (K, n + 3) sums, at PAD; copied into the block's partial when the block ends. */
    final double[] sums;
    /** Where lane sums are formed ({@link GroupLoops#laneSum}). */
    final float[] lanes = GroupLoops.laneBuffer();
    /** (K, 4, L) lane partials of the group's dot products, at PAD, carried from one column tile to the next. */
    final float[] partials;
    float[] theta;
    double[] bias;
    boolean withGradient;
    /** Whether this pass takes block gradients ({@link FusedPassKernel#blockGradient}; full batches only). */
    boolean blocks;

    RowScratch(int models, int features, boolean blockGradient) {
        this.outer = new float[blockGradient ? WorkerPadding.padded(models * features) : 0];
        this.gradient = new float[WorkerPadding.padded(models * features)];
        this.scales = new float[WorkerPadding.padded(2 * models * FusedPassKernel.ROWS)];
        this.sums = new double[WorkerPadding.padded(models * (features + 3))];
        this.partials = new float[WorkerPadding.padded(models * FusedPassKernel.ROWS * GroupLoops.LANES)];
        this.blockScales = new float[WorkerPadding.padded(models * FusedPassKernel.BLOCK_ROWS)];
    }

    int blockCount() {
        return state[PAD + 2];
    }

    void clearBlock() {
        state[PAD + 2] = 0;
    }

    /** Counts a carry into {@link #outer}; returns the carries since the last drain. */
    int addCarry() {
        return ++state[PAD + 3];
    }

    void clearCarries() {
        state[PAD + 3] = 0;
    }

    /**
     * Appends a group's four rows to the block, with their scales: model k's four at scales[c + 4k ..], as
     * {@link RowLossSums#addGroup} left them. Shapes: rows a_q[o_q .. o_q + n); scales (2, K, 4) from PAD, this
     * group's (K, 4) from c; blockScales (BLOCK_ROWS, K) from PAD.
     */
    void addToBlock(float[] a0, int o0, float[] a1, int o1, float[] a2, int o2, float[] a3, int o3, int c,
                    int models) {
        int at = PAD + state[PAD + 2];
        blockRows[at] = a0;
        blockRows[at + 1] = a1;
        blockRows[at + 2] = a2;
        blockRows[at + 3] = a3;
        blockOffsets[at] = o0;
        blockOffsets[at + 1] = o1;
        blockOffsets[at + 2] = o2;
        blockOffsets[at + 3] = o3;
        int row = state[PAD + 2];
        for (int k = 0; k < models; k++) {
            int from = c + k * FusedPassKernel.ROWS;
            for (int q = 0; q < FusedPassKernel.ROWS; q++) {
                blockScales[PAD + (row + q) * models + k] = scales[from + q];
            }
        }
        state[PAD + 2] = row + FusedPassKernel.ROWS;
    }

    boolean pending() {
        return state[PAD] != 0;
    }

    /** Where the waiting group's scales start. */
    int pendingScales(int models) {
        return PAD + state[PAD + 1] * models * FusedPassKernel.ROWS;
    }

    /** Where the scales of the group being read start. */
    int nextScales(int models) {
        return PAD + (1 - state[PAD + 1]) * models * FusedPassKernel.ROWS;
    }
}
