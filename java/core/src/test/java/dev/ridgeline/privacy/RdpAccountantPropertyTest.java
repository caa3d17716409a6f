package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/**
 * The accountant against what privacy loss must do: epsilon never falls with more steps or a higher sampling
 * rate, and never rises with more noise (up to rounding, 1e-12 relative). The noise solver against the
 * accountant: its noise meets the target epsilon, and a noise 1e-5 smaller (ten times its search width)
 * does not.
 */
class RdpAccountantPropertyTest {
    private static final double ROUNDING = 1e-12;

    @Property(tries = 60, seed = "101")
    void moreStepsNeverCostLess(@ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 1) double q,
            @ForAll @Scale(6) @DoubleRange(min = 0.3, max = 20) double sigma, @ForAll @LongRange(min = 1, max = 100_000) long steps,
            @ForAll @LongRange(min = 1, max = 100_000) long more, @ForAll @IntRange(min = 3, max = 9) int deltaExponent) {
        double delta = Math.pow(10, -deltaExponent);
        assertNotBelow(epsilon(q, sigma, steps, delta), epsilon(q, sigma, steps + more, delta), "more steps");
    }

    @Property(tries = 60, seed = "103")
    void aHigherSamplingRateNeverCostsLess(@ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 1) double q,
            @ForAll @Scale(6) @DoubleRange(min = 1.0001, max = 10) double factor, @ForAll @Scale(6) @DoubleRange(min = 0.3, max = 20) double sigma,
            @ForAll @LongRange(min = 1, max = 100_000) long steps) {
        double higher = Math.min(1, q * factor);
        assertNotBelow(epsilon(q, sigma, steps, 1e-5), epsilon(higher, sigma, steps, 1e-5), "higher q");
    }

    @Property(tries = 60, seed = "107")
    void moreNoiseNeverCostsMore(@ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 1) double q,
            @ForAll @Scale(6) @DoubleRange(min = 0.3, max = 20) double sigma, @ForAll @Scale(6) @DoubleRange(min = 1.0001, max = 10) double factor,
            @ForAll @LongRange(min = 1, max = 100_000) long steps) {
        assertNotBelow(epsilon(q, sigma * factor, steps, 1e-5), epsilon(q, sigma, steps, 1e-5), "more noise");
    }

    @Property(tries = 25, seed = "109")
    void theSolvedNoiseMeetsItsTargetAndASmallerOneDoesNot(@ForAll @Scale(6) @DoubleRange(min = 0.1, max = 10) double target,
            @ForAll @LongRange(min = 100, max = 1_000_000) long n, @ForAll @Scale(6) @DoubleRange(min = 1e-4, max = 0.2) double rate,
            @ForAll @Scale(6) @DoubleRange(min = 0.5, max = 50) double epochs, @ForAll @IntRange(min = 4, max = 8) int deltaExponent) {
        long batch = Math.max(1, Math.round(rate * n));
        double delta = Math.pow(10, -deltaExponent);
        // Every generated setting is within reach (noise in (1e-6, 1e6)): a refusal fails the property.
        double sigma = NoiseSolver.noiseFor(target, n, batch, epochs, delta, RdpConversion.IMPROVED);
        double met = RdpAccountant.dpSgd(n, batch, sigma, epochs, delta, RdpConversion.IMPROVED).epsilon();
        double missed = RdpAccountant.dpSgd(n, batch, sigma * (1 - 1e-5), epochs, delta, RdpConversion.IMPROVED)
                .epsilon();
        assertTrue(met <= target, "epsilon " + met + " at the solved noise " + sigma + " exceeds the target " + target);
        assertTrue(missed > target, "a noise of " + sigma * (1 - 1e-5) + " still meets the target " + target
                + " (epsilon " + missed + "): the solver's " + sigma + " is not the smallest");
    }

    private static double epsilon(double q, double sigma, long steps, double delta) {
        return new RdpAccountant().step(q, sigma, steps).spent(delta).epsilon();
    }

    /** {@code larger} >= {@code smaller} up to rounding. */
    private static void assertNotBelow(double smaller, double larger, String what) {
        assertTrue(larger >= smaller * (1 - ROUNDING), what + " lowered epsilon from " + smaller + " to " + larger);
    }
}
