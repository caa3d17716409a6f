package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The accountant at the ends of its range: noise so large the RDP rounds below 0, step counts beyond 2^53, sampling
 * rates so large that the fractional-order series converge slowly.
 */
class AccountantLimitsTest {
    @Test
    void aHugeNoiseMultiplierCostsNothingInsteadOfFailing() {
        for (double sigma : new double[] {1e7, 1e8, 1e300}) {
            PrivacySpent spent = new RdpAccountant().step(150.0 / 60000, sigma, 400).spent(1e-5);
            assertEquals(0.0, spent.epsilon(), 1e-9, "sigma " + sigma);
        }
    }

    /**
     * With sigma 1e8 one step's A is 1 + 1e-17: summing A's own terms rounded it to 1, the RDP to 0, and
     * epsilon to 0 however many steps ran. To first order in 1/sigma^2, A - 1 = E[I (I - 1)] / (2 sigma^2) =
     * alpha (alpha - 1) q^2 / (2 sigma^2) for I ~ Binomial(alpha, q), so RDP = alpha q^2 / (2 sigma^2).
     */
    @Test
    void aHugeNoiseMultiplierStillCostsWhatItsStepsCost() {
        double q = 1.0 / 3;
        double sigma = 1e8;
        for (int alpha : new int[] {2, 5, 63, 512}) {
            double expected = alpha * q * q / (2 * sigma * sigma);
            assertEquals(expected, SubsampledGaussianRdp.perStep(q, sigma, alpha), 1e-9 * expected, "order " + alpha);
        }
        // A fractional order's series cannot resolve it; its bound is the next integer order's RDP.
        double fractional = SubsampledGaussianRdp.perStep(q, sigma, 1.5);
        assertEquals(SubsampledGaussianRdp.perStep(q, sigma, 2), fractional);
        // 3e14 steps: epsilon by the improved conversion of that RDP, minimised over the accountant's orders.
        long steps = 300_000_000_000_000L;
        double delta = 1e-5;
        double best = Double.POSITIVE_INFINITY;
        for (double alpha : RdpAccountant.defaultOrders()) {
            double rdp = steps * (alpha == Math.rint(alpha) ? alpha : Math.ceil(alpha)) * q * q / (2 * sigma * sigma);
            best = Math.min(best, rdp + Math.log1p(-1 / alpha) - Math.log(delta * alpha) / (alpha - 1));
        }
        PrivacySpent spent = RdpAccountant.dpSgd(3, 1, sigma, 1e14, delta, RdpConversion.IMPROVED);
        assertEquals(best, spent.epsilon(), 1e-6 * best);
        assertEquals(0.2079, spent.epsilon(), 1e-4);
    }

    @Test
    void aTargetEpsilonThatAnyNoiseMeetsIsRefusedRatherThanAnsweredWithTheSearchBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSolver.noiseFor(1e300, 60000, 150, 15, 1e-5, RdpConversion.IMPROVED));
        assertTrue(e.getMessage().startsWith("every noise multiplier down to 1.91e-06 reaches epsilon 1.0E300"),
                e.getMessage());
        double sigma = NoiseSolver.noiseFor(50, 60000, 150, 15, 1e-5, RdpConversion.IMPROVED);
        assertTrue(sigma > 0.1 && sigma < 1, "sigma " + sigma);
    }

    @Test
    void aStepCountBeyondWhatTheAccountantCountsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RdpAccountant.stepsFor(60000, 150, 1e300));
        assertTrue(e.getMessage().endsWith("are 4.00e+302 steps, more than the accountant counts (2^53)"),
                e.getMessage());
        assertEquals(400_000_000L, RdpAccountant.stepsFor(60000, 150, 1e6));
    }

    /**
     * The privacy command (epochs n / batch) and training (epochs / q) divide in different orders; with float
     * noise the command counted one step more than training took (1.1 epochs of 50 rows in batches of 1: 56
     * against 55). Both now count the same, a real fraction of a step still counts as a step, and at large
     * counts no step is dropped.
     */
    @Test
    void thePrivacyCommandAndTrainingCountTheSameSteps() {
        for (int n = 1; n <= 300; n++) {
            for (int batch = 1; batch <= n; batch++) {
                for (double epochs : new double[] {0.1, 0.2, 0.3, 0.35, 0.7, 1.1, 1.3, 2.5, 15}) {
                    DpSgdConfig c = new DpSgdConfig(DpSgdConfig.rateFor(batch, n), 1, 1, epochs, 0.1, 1e-5, 0, false,
                            RdpConversion.IMPROVED);
                    long steps = RdpAccountant.stepsFor(n, batch, epochs);
                    assertEquals(steps, c.steps(), n + " rows, batch " + batch + ", " + epochs + " epochs");
                    // Exact rational arithmetic: ceil(epochs10 * n / (10 batch)) for these one-decimal epochs.
                    long tenths = Math.round(epochs * 100);
                    long exact = Math.floorDiv(tenths * n + 100L * batch - 1, 100L * batch);
                    assertEquals(exact, steps, n + " rows, batch " + batch + ", " + epochs + " epochs");
                }
            }
        }
        assertEquals(55, RdpAccountant.stepsFor(50, 1, 1.1));
        assertEquals(1_000_000_001L, RdpAccountant.stepsFor(2_000_000_001L, 2, 1)); // 1e9 + 0.5 steps
        assertEquals(1L << 53, RdpAccountant.stepsFor(1L << 53, 1, 1));
    }

    @Test
    void lowFractionalOrdersStayFiniteAtALargeSamplingRate() {
        // At q = 0.5 the terms of the fractional series fall only polynomially; the series was cut at 1000 terms and
        // orders 1.25-1.75 came out infinite, so epsilon came from order 2 (47.25 where the series in absolute value
        // gave 45.73). Oracle: quadratures of A at 40 digits (FractionalOrderExactTest), epsilon the classic
        // conversion's minimum over orders 1.25-4.5 of those exact values.
        assertBoundAbove(0.29269089792954153, SubsampledGaussianRdp.perStep(0.5, 1.0, 1.75), "order 1.75");
        assertBoundAbove(0.18403840772767036, SubsampledGaussianRdp.perStep(0.5, 1.0, 1.25), "order 1.25");
        PrivacySpent spent = RdpAccountant.dpSgd(5000, 2500, 1.0, 50, 1e-5, RdpConversion.CLASSIC);
        assertBoundAbove(44.619657079581124, spent.epsilon(), "epsilon");
        assertEquals(1.75, spent.order());
        // q = 0.2, sigma 0.5: best at order 1.25 (54.56), which the cut made infinite (80.86 at order 1.75).
        spent = RdpAccountant.dpSgd(100, 20, 0.5, 20, 1e-3, RdpConversion.CLASSIC);
        assertBoundAbove(54.562579104257063, spent.epsilon(), "epsilon");
        assertEquals(1.25, spent.order());
    }

    /**
     * An order beyond an int had been cast to one (3e9 summed as a negative order's terms): above 2^20 the RDP
     * is the Gaussian mechanism's, alpha / (2 sigma^2), which bounds the subsampled one's.
     */
    @Test
    void ordersBeyondTheSeriesAreBoundedByTheGaussianMechanism() {
        assertEquals(3e9 / 2, SubsampledGaussianRdp.perStep(0.01, 1.0, 3e9));
        assertEquals((3.5e9 + 0.5) / 8, SubsampledGaussianRdp.perStep(0.5, 2.0, 3.5e9 + 0.5));
        double last = SubsampledGaussianRdp.perStep(0.01, 1.0, SubsampledGaussianRdp.MAX_SERIES_ORDER);
        assertTrue(last > 0 && last <= SubsampledGaussianRdp.MAX_SERIES_ORDER / 2, "order 2^20: " + last);
    }

    /** {@code bound} at least {@code exact} (shown to 17 digits) and within 1e-9 of it, relative. */
    private static void assertBoundAbove(double exact, double bound, String what) {
        assertTrue(bound >= exact * (1 - 1e-16) && bound <= exact * (1 + 1e-9), what + ": " + bound + " against "
                + exact);
    }

    /**
     * A noise so small that 1 / sigma^2 overflows made the series infinite minus infinite: NaN, and the run failed
     * with "RDP must be >= 0, got NaN at order 2.25". Its RDP is infinite, so is epsilon; 1e-100 stays finite.
     */
    @Test
    void aVanishingNoiseCostsAnInfiniteEpsilonNotANan() {
        assertEquals(Double.POSITIVE_INFINITY, SubsampledGaussianRdp.perStep(0.01, 1e-155, 2.25));
        assertEquals(Double.POSITIVE_INFINITY, SubsampledGaussianRdp.perStep(0.01, 1e-155, 3));
        PrivacySpent spent = RdpAccountant.dpSgd(1000, 10, 1e-155, 1, 1e-5, RdpConversion.IMPROVED);
        assertEquals(Double.POSITIVE_INFINITY, spent.epsilon());
        double finite = RdpAccountant.dpSgd(1000, 10, 1e-100, 1, 1e-5, RdpConversion.IMPROVED).epsilon();
        assertTrue(Double.isFinite(finite) && finite > 1e200, "epsilon " + finite);
    }

    /** Epochs > 0 is at least one step: 4.9e-324 epochs had been 0 steps and epsilon 0. */
    @Test
    void anyPositiveEpochCountIsAtLeastOneStep() {
        assertEquals(1, RdpAccountant.stepsFor(1, 1, Double.MIN_VALUE));
        assertEquals(1, new DpSgdConfig(1, 1, 1, Double.MIN_VALUE, 0.1, 1e-5, 1, false, RdpConversion.IMPROVED).steps());
        assertTrue(RdpAccountant.dpSgd(1, 1, 1, Double.MIN_VALUE, 1e-5, RdpConversion.IMPROVED).epsilon() > 0);
    }

    /** Training with a given noise had no step limit: 1e300 epochs started and never ended. Refused as privacy refuses. */
    @Test
    void aTrainingRunBeyondWhatTheAccountantCountsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DpSgdConfig(0.5, 1, 1, 1e300, 0.1, 1e-5, 1, false, RdpConversion.IMPROVED));
        assertTrue(e.getMessage().contains("more than the accountant counts (2^53)"), e.getMessage());
    }

    /**
     * The classic conversion cannot go below -log(delta) / 511 (orders up to 512) whatever the noise and steps:
     * a target under it is refused by that floor, not with advice to lower the epochs, which cannot help.
     */
    @Test
    void aTargetUnderTheClassicFloorIsRefusedByTheFloor() {
        double floor = -Math.log(1e-5) / 511;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSolver.noiseFor(0.02, 60000, 1, 1e-9, 1e-5, RdpConversion.CLASSIC));
        assertEquals(String.format(java.util.Locale.ROOT, "no noise multiplier reaches epsilon 0.02 (delta 1.0E-5): the"
                + " classic conversion gives at least %.6g at this delta whatever the noise and steps; raise epsilon or"
                + " delta, or use the improved conversion", floor), e.getMessage());
        // Just above the floor a noise multiplier is found, and the improved conversion has no floor.
        assertTrue(NoiseSolver.noiseFor(floor * 1.01, 60000, 1, 1e-9, 1e-5, RdpConversion.CLASSIC) > 0);
        assertTrue(NoiseSolver.noiseFor(0.02, 60000, 1, 1e-9, 1e-5, RdpConversion.IMPROVED) > 0);
    }
}
