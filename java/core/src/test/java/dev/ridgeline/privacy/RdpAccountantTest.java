package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The published vectors of TF Privacy's accountant tests (dp_accounting's rdp_privacy_accountant_test), to their
 * 1e-4 relative, and exact values of fractional orders ({@code FractionalOrderExactTest}).
 */
class RdpAccountantTest {
    private static void assertRelative(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.abs(expected), what);
    }

    /**
     * q 0.01, sigma 2.5, 50 steps: TF Privacy publishes 6.5007e-04, 1.0854e-03, 2.1808e-03, 2.3846e-02 and
     * 1.6742e+02 at orders 1.5, 2.5, 5, 50 and 100. At order 1.5 the series in absolute value had given
     * 6.7058e-04, 3.2% above; summed with its signs and its error bound it agrees.
     */
    @Test
    void subsampledGaussianRdpMatchesPublishedValuesAtIntegerAndFractionalOrders() {
        double[] orders = {1.5, 2.5, 5, 50, 100};
        double[] published = {6.5007e-04, 1.0854e-03, 2.1808e-03, 2.3846e-02, 1.6742e+02};
        double[] rdp = SubsampledGaussianRdp.of(0.01, 2.5, 50, orders);
        for (int o = 0; o < orders.length; o++) {
            assertRelative(published[o], rdp[o], 1e-4, "order " + orders[o]);
        }
        assertTrue(rdp[0] <= rdp[1], "RDP does not fall with the order");
    }

    @Test
    void improvedConversionOfConstantRdpMatchesPublishedEpsilonAndOrder() {
        double[] orders = new double[31];
        double[] rdp = new double[31];
        for (int a = 2; a <= 32; a++) {
            orders[a - 2] = a;
            rdp[a - 2] = 1.1;
        }
        PrivacySpent spent = RdpConversion.IMPROVED.epsilon(orders, rdp, 1e-5);
        assertRelative(1.32783806176, spent.epsilon(), 1e-4, "epsilon");
        assertEquals(32, spent.order());
    }

    /** No step spends nothing, even at a noise whose one step would cost infinitely much (it had given NaN). */
    @Test
    void zeroStepsSpendNothingAtAnyNoise() {
        assertEquals(0.0, new RdpAccountant().step(0.01, 1e-155, 0).spent(1e-5).epsilon());
        assertEquals(0.0, new RdpAccountant().step(0.5, 1.0, 0).spent(1e-5).epsilon());
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant().step(0.01, Double.NaN, 0));
    }

    @Test
    void dpSgdOnMnistSizesMatchesTfPrivacy() {
        PrivacySpent spent = RdpAccountant.dpSgd(60000, 150, 1.3, 15, 1e-5, RdpConversion.IMPROVED);
        assertRelative(0.7242234026109595, spent.epsilon(), 1e-4, "epsilon");
    }

    @Test
    void classicConversionIsLooserThanImproved() {
        PrivacySpent improved = RdpAccountant.dpSgd(60000, 150, 1.3, 15, 1e-5, RdpConversion.IMPROVED);
        PrivacySpent classic = RdpAccountant.dpSgd(60000, 150, 1.3, 15, 1e-5, RdpConversion.CLASSIC);
        assertTrue(classic.epsilon() > improved.epsilon(), classic + " vs " + improved);
        // classic, by hand at one order: eps = rdp - log(delta) / (a - 1)
        double rdp = SubsampledGaussianRdp.of(0.0025, 1.3, 6000, new double[] {classic.order()})[0];
        assertRelative(rdp - Math.log(1e-5) / (classic.order() - 1), classic.epsilon(), 1e-12, "classic");
    }

    @Test
    void fullSamplingIsTheGaussianMechanism() {
        // q = 1: RDP(alpha) = alpha / (2 sigma^2) per step, exactly.
        assertEquals(3 * 2.5 / (2 * 4.0), SubsampledGaussianRdp.of(1, 2, 3, new double[] {2.5})[0], 1e-15);
    }

    @Test
    void integerOrderAgreesWithFractionalSeriesNearby() {
        // The two code paths meet: RDP is continuous in the order.
        double atInt = SubsampledGaussianRdp.perStep(0.02, 1.1, 8);
        double near = SubsampledGaussianRdp.perStep(0.02, 1.1, 8.0000001);
        assertRelative(atInt, near, 1e-5, "continuity at order 8");
    }

    @Test
    void noiseSolverMeetsTheTargetTightly() {
        double sigma = NoiseSolver.noiseFor(0.7242234026109595, 60000, 150, 15, 1e-5, RdpConversion.IMPROVED);
        assertRelative(1.3, sigma, 1e-4, "sigma");
        double eps = RdpAccountant.dpSgd(60000, 150, sigma, 15, 1e-5, RdpConversion.IMPROVED).epsilon();
        assertTrue(eps <= 0.7242234026109595, "eps " + eps);
    }

    @Test
    void badInputsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RdpAccountant.dpSgd(100, 200, 1, 1, 1e-5, RdpConversion.IMPROVED));
        assertTrue(e.getMessage().contains("batch size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RdpAccountant.dpSgd(100, 10, 0, 1, 1e-5, RdpConversion.IMPROVED));
        assertTrue(e.getMessage().contains("noise multiplier"), e.getMessage());
    }

    /**
     * RDP composes by addition, so steps recorded in several calls cost what they cost in one: 100 steps at q 0.01
     * then 200 at q 0.02 hold, at each order, RDP(0.01) x 100 + RDP(0.02) x 200, each per-step value taken alone.
     */
    @Test
    void stepsRecordedInSeveralCallsCompose() {
        double[] orders = {2, 8, 32};
        RdpAccountant accountant = new RdpAccountant(orders, RdpConversion.IMPROVED).step(0.01, 1.1, 100)
                .step(0.02, 1.1, 200);
        double[] rdp = accountant.rdp();
        for (int o = 0; o < orders.length; o++) {
            double expected = 100 * SubsampledGaussianRdp.perStep(0.01, 1.1, orders[o])
                    + 200 * SubsampledGaussianRdp.perStep(0.02, 1.1, orders[o]);
            assertRelative(expected, rdp[o], 1e-12, "order " + orders[o]);
        }
        assertTrue(accountant.spent(1e-5).epsilon() > new RdpAccountant(orders, RdpConversion.IMPROVED)
                .step(0.02, 1.1, 200).spent(1e-5).epsilon(), "the first call's steps cost something");
    }

    /** Orders that tie on epsilon (here both 0: delta^2 + expm1(-0) >= 0) report the first of them. */
    @Test
    void tiedOrdersReportTheFirst() {
        PrivacySpent spent = RdpConversion.IMPROVED.epsilon(new double[] {2, 3}, new double[] {0, 0}, 1e-5);
        assertEquals(0.0, spent.epsilon(), 0);
        assertEquals(2.0, spent.order(), 0);
    }
}
