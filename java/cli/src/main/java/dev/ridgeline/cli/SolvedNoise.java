package dev.ridgeline.cli;

import dev.ridgeline.card.PrivacyInfo;

/**
 * A noise multiplier solved for a target epsilon, written for a reader to pass back as {@code --noise} or
 * {@code --dp-noise}: six significant digits rounded up, never down, so that the value shown still meets the
 * target (more noise only lowers epsilon). Rounded to the nearest, 1.097564 (target 1 at n 60,000, batch 150,
 * 15 epochs) had read 1.09756, whose epsilon is 1.0000045.
 */
final class SolvedNoise {
    private SolvedNoise() {
    }

    /** {@code sigma} as %.6g would write it, but rounded towards +infinity. */
    static String text(double sigma) {
        return PrivacyInfo.roundedUp(sigma, 6);
    }
}
