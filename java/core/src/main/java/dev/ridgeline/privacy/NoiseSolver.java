package dev.ridgeline.privacy;

import java.util.Locale;

/**
 * Finds the smallest noise multiplier sigma for which DP-SGD meets a target epsilon at a given delta.
 * Epsilon decreases as sigma grows, so the solver brackets the answer by doubling and then bisects in
 * log(sigma) to a relative width of 1e-6; it returns the upper end, so the target is always met. A target
 * that a noise multiplier below 1e-6 still meets is refused: it bounds nothing.
 */
public final class NoiseSolver {
    private static final double MAX_SIGMA = 1e6;
    /** Below this the search stops: a target met even here sets no bound worth reporting. */
    private static final double MIN_SIGMA = 1e-6;

    private NoiseSolver() {
    }

    /**
     * The smallest noise multiplier (within a relative 1e-6, from above) for which DP-SGD over {@code n} rows in
     * expected batches of {@code batch} for {@code epochs} epochs spends at most {@code targetEpsilon} at
     * {@code delta}.
     *
     * @throws IllegalArgumentException when targetEpsilon is not a finite number > 0, delta is not in (0, 1), the
     *     conversion's floor at this delta is above the target, n, batch or epochs are refused as by {@link
     *     RdpAccountant#dpSgd} (n &lt; 1, batch not in [1, n], epochs not a finite number > 0, more than 2^53 steps),
     *     no noise multiplier up to 1e6 meets the target, or every one down to 1e-6 does
     * @throws NullPointerException when conversion is null
     */
    public static double noiseFor(double targetEpsilon, long n, long batch, double epochs, double delta,
            RdpConversion conversion) {
        if (!(targetEpsilon > 0) || Double.isInfinite(targetEpsilon)) {
            throw new IllegalArgumentException("the target epsilon must be a finite number > 0, got " + targetEpsilon);
        }
        // The conversion's value at RDP 0 is a floor no noise or step count goes below (the classic one's is
        // -log(delta) / 511 with orders up to 512: 0.0225 at delta 1e-5); fewer epochs would not help.
        double[] orders = RdpAccountant.defaultOrders();
        double floor = conversion.epsilon(orders, new double[orders.length], delta).epsilon();
        if (floor > targetEpsilon) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "no noise multiplier reaches epsilon %s "
                    + "(delta %s): the %s conversion gives at least %.6g at this delta whatever the noise and steps; "
                    + "raise epsilon or delta%s", targetEpsilon, delta, conversion.name().toLowerCase(Locale.ROOT),
                    floor, conversion == RdpConversion.CLASSIC ? ", or use the improved conversion" : ""));
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
        while (epsilon(low, n, batch, epochs, delta, conversion) <= targetEpsilon) {
            high = low;
            low /= 2;
            if (low < MIN_SIGMA) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "every noise multiplier down to %.3g reaches epsilon %s (delta %s; there epsilon is %.3g), "
                                + "so the target bounds nothing; give the noise multiplier itself or a smaller epsilon",
                        high, targetEpsilon, delta, epsilon(high, n, batch, epochs, delta, conversion)));
            }
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
