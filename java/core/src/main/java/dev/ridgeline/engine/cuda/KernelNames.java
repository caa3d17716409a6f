package dev.ridgeline.engine.cuda;

import java.util.List;

/** The extern "C" kernel names in native/*.cu, spelled identically (a test checks both directions). */
public final class KernelNames {
    /** Fused residual + loss + gradient partials for up to 8 models, one read of X (native/fused_pass.cu). */
    public static final String FUSED_PASS = "ridge_fused_pass";
    /** The fused pass specialised for a single model: fewer registers, less shared memory. */
    public static final String FUSED_PASS_SINGLE = "ridge_fused_pass_single";
    /** Loss partials only (native/loss_pass.cu). */
    public static final String LOSS_PASS = "ridge_loss_pass";
    /** Loss partials for a single model (native/loss_pass.cu). */
    public static final String LOSS_PASS_SINGLE = "ridge_loss_pass_single";
    /** Fixed-order sum of loss partials plus the L2 term (native/loss_pass.cu). */
    public static final String LOSS_FINALIZE = "ridge_loss_finalize";
    /** Fixed-order reduction of the gradient partials fused with the update (native/reduce_update.cu). */
    public static final String REDUCE_UPDATE = "ridge_reduce_update";
    /** Wide rows, first read of X: residuals and loss partials (native/wide_pass.cu). */
    public static final String WIDE_RESIDUALS = "ridge_wide_residuals";
    /** Wide rows, second read of X: gradient partials (native/wide_pass.cu). */
    public static final String WIDE_GRADIENT = "ridge_wide_gradient";
    /** Predictions on new rows (native/predict.cu). */
    public static final String PREDICT = "ridge_predict";
    /** DP-SGD: per-block sums of clipped example gradients over a batch (native/clipped_sum.cu). */
    public static final String CLIPPED_SUM = "ridge_clipped_sum";
    /** DP-SGD: fixed-order sum of the clipped-sum partials and clipped-row counts (native/clipped_sum.cu). */
    public static final String CLIPPED_REDUCE = "ridge_clipped_reduce";

    public static final List<String> ALL = List.of(
            FUSED_PASS, FUSED_PASS_SINGLE, LOSS_PASS, LOSS_PASS_SINGLE, LOSS_FINALIZE, REDUCE_UPDATE, WIDE_RESIDUALS, WIDE_GRADIENT, PREDICT,
            CLIPPED_SUM, CLIPPED_REDUCE);

    private KernelNames() {
    }
}
