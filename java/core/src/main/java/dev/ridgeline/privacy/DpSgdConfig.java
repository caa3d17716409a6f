package dev.ridgeline.privacy;

import java.util.Objects;

/**
 * Settings of DP-SGD.
 *
 * @param samplingRate q: each row joins a step's batch independently with this probability
 * @param noiseMultiplier sigma: the noise standard deviation is sigma * clipNorm; 0 gives no guarantee
 * @param clipNorm C: each example's data gradient is clipped to this L2 norm
 * @param epochs passes over the data in expectation; steps = ceil(epochs / q)
 * @param learningRate the step size alpha
 * @param delta the delta at which epsilon is reported
 * @param seed seed of the sampling and noise generator (ignored when {@code secureRandom})
 * @param secureRandom draw sampling and noise from {@link java.security.SecureRandom}, for real releases
 * @param conversion the RDP to (epsilon, delta) conversion used for the report
 */
public record DpSgdConfig(
        double samplingRate,
        double noiseMultiplier,
        double clipNorm,
        double epochs,
        double learningRate,
        double delta,
        long seed,
        boolean secureRandom,
        RdpConversion conversion) {

    /**
     * The settings, checked.
     *
     * @throws IllegalArgumentException when the sampling rate is not in (0, 1], the noise multiplier is not a
     *     finite number >= 0, the clipping norm is not a finite number > 0 or lies below float32's smallest normal
     *     number, epochs or the learning rate is not a finite number > 0, delta is not in (0, 1), or epochs / q
     *     are more steps than the accountant counts (2^53)
     * @throws NullPointerException when conversion is null
     */
    public DpSgdConfig {
        if (!(samplingRate > 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("DP sampling rate must be in (0, 1], got " + samplingRate);
        }
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("DP noise multiplier must be a finite number >= 0, got " + noiseMultiplier);
        }
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("DP clipping norm must be a finite number > 0, got " + clipNorm);
        }
        if (clipNorm < Float.MIN_NORMAL) {
            // Among float32's subnormals a clipped gradient's rounding is no longer a few units in 2^24 of it, so
            // it could exceed C, the norm the accountant assumes (1e-320 had trained, every gradient clipped).
            throw new IllegalArgumentException("DP clipping norm must be at least " + Float.MIN_NORMAL
                    + " (float32's smallest normal number: the clipped gradients are summed in float32), got "
                    + clipNorm);
        }
        if (!(epochs > 0) || Double.isInfinite(epochs)) {
            throw new IllegalArgumentException("DP epochs must be a finite number > 0, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("DP learning rate must be a finite number > 0, got " + learningRate);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("DP delta must be in (0, 1), got " + delta);
        }
        Objects.requireNonNull(conversion, "conversion");
        // As the privacy command refuses: beyond 2^53 no double holds every step count, and the run would not end.
        double steps = RdpAccountant.wholeSteps(epochs / samplingRate);
        if (!(steps <= RdpAccountant.MAX_STEPS)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "DP epochs %s at sampling rate %s are"
                    + " %.3g steps, more than the accountant counts (2^53)", epochs, samplingRate, steps));
        }
    }

    /**
     * A builder with the command line's defaults (noise multiplier 1, clipping norm 1, 5 epochs, learning rate 0.5,
     * delta 1e-5, seed 42, seeded draws, the improved conversion), each setting by name: the nine positional
     * arguments, six of them doubles, were easy to put in the wrong order. The sampling rate has no default (it
     * depends on the rows: {@link #rateFor}).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings by name; {@link #build} checks them as the constructor does. */
    public static final class Builder {
        private double samplingRate = Double.NaN;
        private double noiseMultiplier = 1.0;
        private double clipNorm = 1.0;
        private double epochs = 5;
        private double learningRate = 0.5;
        private double delta = 1e-5;
        private long seed = 42;
        // SecureRandom unless asked otherwise, as the command line's --dp: a seeded run is not private.
        private boolean secureRandom = true;
        private RdpConversion conversion = RdpConversion.IMPROVED;

        private Builder() {
        }

        /** q, in (0, 1]: each row joins a step's batch with this probability ({@link #rateFor}). */
        public Builder samplingRate(double q) {
            this.samplingRate = q;
            return this;
        }

        public Builder noiseMultiplier(double sigma) {
            this.noiseMultiplier = sigma;
            return this;
        }

        public Builder clipNorm(double c) {
            this.clipNorm = c;
            return this;
        }

        public Builder epochs(double e) {
            this.epochs = e;
            return this;
        }

        public Builder learningRate(double rate) {
            this.learningRate = rate;
            return this;
        }

        public Builder delta(double d) {
            this.delta = d;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Draw sampling and noise from {@link java.security.SecureRandom} (the default: the only private
         * release), or, with false, from a generator seeded by {@link #seed}: reproducible, and not private.
         */
        public Builder secureRandom(boolean secure) {
            this.secureRandom = secure;
            return this;
        }

        public Builder conversion(RdpConversion c) {
            this.conversion = c;
            return this;
        }

        /**
         * The settings, checked; a sampling rate never set is named.
         *
         * @throws IllegalArgumentException when no sampling rate was set, or as the {@link DpSgdConfig} constructor
         * @throws NullPointerException when the conversion was set to null
         */
        public DpSgdConfig build() {
            if (Double.isNaN(samplingRate)) {
                throw new IllegalArgumentException("DP sampling rate not set: samplingRate(DpSgdConfig.rateFor(batch,"
                        + " rows))");
            }
            return new DpSgdConfig(samplingRate, noiseMultiplier, clipNorm, epochs, learningRate, delta, seed,
                    secureRandom, conversion);
        }
    }

    /**
     * Sampling rate for an expected batch of {@code batch} rows out of {@code rows}.
     *
     * @throws IllegalArgumentException when batch is not in [1, rows] (so always when rows &lt; 1)
     */
    public static double rateFor(int batch, int rows) {
        if (batch < 1 || batch > rows) {
            throw new IllegalArgumentException("DP batch size must be in [1, " + rows + "], got " + batch);
        }
        return (double) batch / rows;
    }

    /** Number of steps: ceil(epochs / q), less rounding noise, at least one, as the privacy command counts them. */
    public long steps() {
        return (long) Math.max(1, RdpAccountant.wholeSteps(epochs / samplingRate));
    }
}
