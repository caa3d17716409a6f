package dev.ridgeline.privacy;

/**
 * Finds the smallest noise multiplier sigma for which DP-SGD meets a target epsilon at a given delta.
 * Epsilon decreases as sigma grows, so the solver brackets the answer by doubling and then bisects in
 * log(sigma) to a relative width of 1e-6; it returns the upper end, so the target is always met.
 */
public final class NoiseSolver {
    private static final double MAX_SIGMA = 1e6;

    private NoiseSolver() {
    }

    public static double noiseFor(double targetEpsilon, long n, long batch, double epochs, double delta,
            RdpConversion conversion) {
        if (!(targetEpsilon > 0) || Double.isInfinite(targetEpsilon)) {
            throw new IllegalArgumentException("the target epsilon must be a finite number > 0, got " + targetEpsilon);
        }
        double high = 1;
        while (epsilon(high, n, batch, epochs, delta, conversion) > targetEpsilon) {
            high *= 2;
            if (high > MAX_SIGMA) {
                throw new IllegalArgumentException("no noise multiplier up to " + MAX_SIGMA + " reaches epsilon "
                        + targetEpsilon + " (delta " + delta + "); lower the epochs or raise epsilon or delta");
            }
        }
        double low = high / 2;
        while (epsilon(low, n, batch, epochs, delta, conversion) <= targetEpsilon && low > 1e-6) {
            high = low;
            low /= 2;
        }
        while (high / low - 1 > 1e-6) {
            double mid = Math.sqrt(low * high);
            if (epsilon(mid, n, batch, epochs, delta, conversion) <= targetEpsilon) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    private static double epsilon(double sigma, long n, long batch, double epochs, double delta,
            RdpConversion conversion) {
        return RdpAccountant.dpSgd(n, batch, sigma, epochs, delta, conversion).epsilon();
    }
}
