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
    /** [PAD]: 1 while a group waits for its gradient; [PAD + 1]: which scale buffer it uses. */
    final int[] state = new int[WorkerPadding.padded(2)];
    /** The block's (K, n + 3) sums, at PAD; copied into the block's partial when the block ends. */
    final double[] sums;
    /** Where lane sums are formed ({@link GroupLoops#laneSum}). */
    final float[] lanes = GroupLoops.laneBuffer();
    /** (K, 4, L) lane partials of the group's dot products, at PAD, carried from one column tile to the next. */
    final float[] partials;
    float[] theta;
    double[] bias;
    boolean withGradient;

    RowScratch(int models, int features) {
        this.gradient = new float[WorkerPadding.padded(models * features)];
        this.scales = new float[WorkerPadding.padded(2 * models * FusedPassKernel.ROWS)];
        this.sums = new double[WorkerPadding.padded(models * (features + 3))];
        this.partials = new float[WorkerPadding.padded(models * FusedPassKernel.ROWS * GroupLoops.LANES)];
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
