package dev.ridgeline.bench.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * a / b of two JMH scores with worst-case bounds from their errors (JMH's scoreError: the half-width of
 * the 99.9 % confidence interval of the mean): [(a - ea) / (b + eb), (a + ea) / (b - eb)], the upper
 * bound unbounded when b - eb <= 0, the lower one not below 0. NaN bounds when either error is unknown.
 * Given the mean of each fork of both, the bounds widen to take in every ratio of a fork of a to a fork of
 * b: a JVM runs consistently faster or slower than the next over all its iterations, which JMH's interval
 * (every iteration of every fork an independent sample) does not allow for.
 */
record Ratio(double value, double low, double high) {
    static Ratio of(double a, double ea, double b, double eb) {
        double value = a / b;
        if (Double.isNaN(ea) || Double.isNaN(eb)) {
            return new Ratio(value, Double.NaN, Double.NaN);
        }
        double low = Math.max(0, (a - ea) / (b + eb));
        double high = b - eb <= 0 ? Double.POSITIVE_INFINITY : (a + ea) / (b - eb);
        return new Ratio(value, low, high);
    }

    static Ratio of(Measurement a, Measurement b) {
        Ratio r = of(a.epochMillis(), a.errorMillis(), b.epochMillis(), b.errorMillis());
        if (!r.hasInterval() || a.forkMillis().isEmpty() || b.forkMillis().isEmpty()) {
            return r;
        }
        double low = r.low;
        double high = r.high;
        for (double fa : a.forkMillis()) {
            for (double fb : b.forkMillis()) {
                low = Math.min(low, fa / fb);
                high = Math.max(high, fa / fb);
            }
        }
        return new Ratio(r.value, low, high);
    }

    boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** "0.91", with no bounds: the value alone. */
    String value2() {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * "[0.35, 2.10]", "[0.35, ∞]", or "n/a" without error estimates. The bounds are rounded outwards (the low one
     * down, the high one up), so that the interval shown holds the true one: a low bound of 0.748 shows as 0.74,
     * not as a 0.75 that would seem to meet a goal of 0.75 which the verdict says is not met.
     */
    String interval() {
        return interval(2);
    }

    /**
     * {@link #interval()} beside a verdict on {@code goal}: with more digits (up to six) while a bound rounded to two
     * shows the goal itself and the bound is not it, so that a low bound of 2.004 against "at most 2", NOT met, shows
     * as 2.004 rather than as a 2.00 that would seem to touch the goal.
     */
    String interval(double goal) {
        int digits = 2;
        while (digits < 6 && (showsAs(low, goal, digits, RoundingMode.FLOOR)
                || showsAs(high, goal, digits, RoundingMode.CEILING))) {
            digits++;
        }
        return interval(digits);
    }

    private String interval(int digits) {
        if (!hasInterval()) {
            return "n/a";
        }
        return "[" + rounded(low, digits, RoundingMode.FLOOR) + ", "
                + (Double.isInfinite(high) ? "∞" : rounded(high, digits, RoundingMode.CEILING)) + "]";
    }

    /** Whether {@code bound}, other than {@code goal}, rounds to it. */
    private static boolean showsAs(double bound, double goal, int digits, RoundingMode rounding) {
        return Double.isFinite(bound) && bound != goal
                && new BigDecimal(rounded(bound, digits, rounding)).compareTo(BigDecimal.valueOf(goal)) == 0;
    }

    private static String rounded(double bound, int digits, RoundingMode rounding) {
        return BigDecimal.valueOf(bound).setScale(digits, rounding).toPlainString();
    }

    /**
     * "met" when the whole interval meets the bound (at least or at most it), "NOT met" when the whole
     * interval misses it, "inconclusive" otherwise or without an interval.
     */
    String verdict(double bound, boolean atLeast) {
        if (!hasInterval()) {
            return "inconclusive (no error estimate)";
        }
        boolean allMeet = atLeast ? low >= bound : high <= bound;
        boolean allMiss = atLeast ? high < bound : low > bound;
        return allMeet ? "met" : allMiss ? "NOT met" : "inconclusive";
    }
}
