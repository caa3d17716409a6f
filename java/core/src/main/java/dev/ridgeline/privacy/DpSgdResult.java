package dev.ridgeline.privacy;

import dev.ridgeline.engine.Parameters;

/**
 * What DP-SGD produced: the parameters, the privacy spent, the number of steps, the mean Poisson batch
 * size and the fraction of example gradients that were clipped (these two are diagnostics computed from
 * the private data, outside the guarantee: the command line prints them labelled so, and whoever releases a
 * model decides whether they go with it).
 */
public record DpSgdResult(
        Parameters parameters,
        PrivacySpent privacy,
        long steps,
        double meanBatchSize,
        double clippedFraction) {

    /**
     * True when the noise is enough for a finite epsilon. That is the accountant's figure, not yet a guarantee: a
     * run is private only when its sampling and noise were also secret ({@link DpSgdConfig#secureRandom()}), since
     * anyone who knows a seed can replay every draw.
     */
    public boolean hasFiniteEpsilon() {
        return Double.isFinite(privacy.epsilon());
    }
}
