package dev.ridgeline.engine;

/**
 * Optional capability of a {@link BoundProblem}: the per-example clipped gradient sum that DP-SGD needs.
 * A backend offers it by having its bound problem implement this interface; callers test with
 * {@code instanceof} and report "backend X does not support DP-SGD" otherwise.
 *
 * <p>For model k and each batch row i, the data term of the example gradient is
 * {@code g_ik = w_ik r_ik [x_i, 1]} (n + 1 values; the bias entry is 0 when the problem fits no intercept),
 * clipped to L2 norm at most C: {@code g_ik * min(1, C / |g_ik|)}. The result is the sum over the batch,
 * without the L2 term and without any scaling: noise and normalisation are the caller's business.
 */
public interface ClippedGradientStep {
    /**
     * Sum over the rows of {@code batch} of the clipped example gradients at the current parameters.
     * Shapes: returns sums (K, n + 1), theta entries then the bias entry, and per model the count of
     * rows whose gradient norm exceeded C.
     */
    ClippedSum clippedGradientSum(RowBatch batch, double clipNorm);

    /** Sums (K, n + 1) and per-model counts of clipped rows. */
    record ClippedSum(double[][] sums, int[] clippedRows) {
    }
}
