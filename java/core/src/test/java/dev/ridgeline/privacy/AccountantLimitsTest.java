package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The accountant at the ends of its range: noise so large the RDP rounds below 0, step counts beyond 2^53. */
class AccountantLimitsTest {
    @Test
    void aHugeNoiseMultiplierCostsNothingInsteadOfFailing() {
        for (double sigma : new double[] {1e7, 1e8, 1e300}) {
            PrivacySpent spent = new RdpAccountant().step(150.0 / 60000, sigma, 400).spent(1e-5);
            assertEquals(0.0, spent.epsilon(), 1e-9, "sigma " + sigma);
        }
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
}
