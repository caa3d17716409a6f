package dev.ridgeline.fairness;

/**
 * Seeded percentile bootstrap: {@code resamples} resamples, intervals at {@code level}; resamples = 0 disables
 * intervals. A fairness report draws rows with replacement inside each group (group sizes stay fixed) for the groups'
 * intervals and the disparities, and from all rows alike for the overall interval.
 */
public record BootstrapSettings(int resamples, long seed, double level) {
    /**
     * The fewest resamples that give a 95% percentile interval: each 2.5% tail then holds at least one resample.
     * With fewer, a bound is the lowest or highest replicate or between them (one resample gave "3067 [3554, 3554]",
     * an interval of no width beside its own estimate), and the permutation p can never be small. A higher level
     * asks for more ({@link #fewestFor}).
     */
    public static final int MIN_RESAMPLES = 40;

    /**
     * The most resamples: the replicates are kept, six per group and resample, and beyond this their percentiles
     * move by far less than the intervals are wide (two billion asked for about 480 GB).
     */
    public static final int MAX_RESAMPLES = 100_000;

    public BootstrapSettings {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        int fewest = fewestFor(level);
        if (resamples != 0 && (resamples < fewest || resamples > MAX_RESAMPLES)) {
            throw new IllegalArgumentException("bootstrap resamples must be 0 (none) or between " + fewest
                    + " and " + MAX_RESAMPLES + " (intervals at level " + level + "), got " + resamples);
        }
    }

    /**
     * The fewest resamples whose tails, (1 - level) / 2 each, hold one resample or more: {@link #MIN_RESAMPLES} at
     * 95%, 200 at 99%; never fewer than MIN_RESAMPLES.
     */
    public static int fewestFor(double level) {
        return (int) Math.max(MIN_RESAMPLES, Math.ceil(2 / (1 - level) - 1e-9));
    }

    public static BootstrapSettings none() {
        return new BootstrapSettings(0, 0, 0.95);
    }

    public static BootstrapSettings standard(long seed) {
        return new BootstrapSettings(1000, seed, 0.95);
    }
}
