package dev.ridgeline.fairness;

/**
 * Seeded percentile bootstrap: {@code resamples} resamples, intervals at {@code level}; resamples = 0 disables
 * intervals. A fairness report draws rows with replacement inside each group (group sizes stay fixed) for the groups'
 * intervals and the disparities, and from all rows alike for the overall interval.
 */
public record BootstrapSettings(int resamples, long seed, double level) {
    public BootstrapSettings {
        if (resamples < 0) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 0, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
    }

    public static BootstrapSettings none() {
        return new BootstrapSettings(0, 0, 0.95);
    }

    public static BootstrapSettings standard(long seed) {
        return new BootstrapSettings(1000, seed, 0.95);
    }
}
