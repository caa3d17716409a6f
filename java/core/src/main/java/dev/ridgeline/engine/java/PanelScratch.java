package dev.ridgeline.engine.java;

/**
 * One worker's scratch for {@link PanelPassKernel}. rs and sums are padded ({@link WorkerPadding}), first
 * element at PAD; the lane sums end in an unused vector ({@link PanelLoops#sumLength}), so no other
 * worker's writes share their cache lines.
 */
final class PanelScratch {
    /** Per model, (n + 3, L) float lane sums of the latest groups; zero between passes. */
    final float[][] inner;
    /** Per model, (n + 3, L) float sums of carried inner sums; zero between passes. */
    final float[][] outer;
    /** Per model, theta_k as float: one array each, so the loops index them like the panels. */
    final float[][] theta;
    /**
     * {@link PanelPassKernel#MAX_BATCH_GROUPS} buffers of (4, K) vectors: the groups of a batch, the two
     * groups of a pair, or the group being read and the one waiting for its gradient.
     */
    final float[][] rs;
    /** The block's (K, n + 3) sums. */
    final double[] sums;

    PanelScratch(int models, int features) {
        this.inner = new float[models][PanelLoops.sumLength(features)];
        this.outer = new float[models][PanelLoops.sumLength(features)];
        this.theta = new float[models][features];
        this.rs = new float[PanelPassKernel.MAX_BATCH_GROUPS][WorkerPadding.padded(
                PanelMatrix.PANELS * models * PanelPassKernel.LANES)];
        this.sums = new double[WorkerPadding.padded(models * (features + 3))];
    }
}
