package dev.ridgeline.privacy;

import dev.ridgeline.engine.Parameters;

/**
 * What DP-SGD produced: the parameters, the privacy spent, the number of steps, the mean Poisson batch
 * size and the fraction of example gradients that were clipped (these two are diagnostics computed from
 * the private data; they are not covered by the guarantee and should not be released with the model).
 */
public record DpSgdResult(
        Parameters parameters,
        PrivacySpent privacy,
        long steps,
        double meanBatchSize,
        double clippedFraction) {

    /** True when the noise gives a formal (epsilon, delta) guarantee. */
    public boolean hasGuarantee() {
        return Double.isFinite(privacy.epsilon());
    }
}
