package dev.ridgeline.card;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line (epsilon, delta) statement never claims less than the accountant's figures. */
class PrivacyStatementTest {
    private static PrivacyInfo secure(double epsilon, double delta) {
        return new PrivacyInfo(true, epsilon, delta, 3.5, "DP-SGD", 1, 1, 0.1, 100, "RDP accountant", true,
                List.of());
    }

    /**
     * Rounded to the nearest, epsilon 4.605059 (n 1,600, batch 100, noise 1, 5 epochs) read "epsilon = 4.605": a
     * claim of (4.605, 1e-5)-differential privacy that the run does not meet. Rounded up, it reads 4.606; a figure
     * that four digits hold stays as it is.
     */
    @Test
    void theStatementRoundsEpsilonAndDeltaUp() {
        assertEquals("(epsilon = 4.606, delta = 1.00e-05)-differential privacy", secure(4.605059482875752, 1e-5).summary());
        assertEquals("(epsilon = 3.000, delta = 1.00e-05)-differential privacy", secure(2.9999996032059397, 1e-5).summary());
        assertEquals("(epsilon = 3.000, delta = 1.24e-05)-differential privacy", secure(3, 1.2345e-5).summary());
        assertEquals("(epsilon = 0.000, delta = 1.00e-05)-differential privacy", secure(0, 1e-5).summary());
    }
    /**
     * The card's privacy section carries each setting of the run under its own name: a DP-SGD run of noise 1.3,
     * clip norm 0.7, sampling rate 0.02 and delta 1e-6 whose accountant spent epsilon 2.5 at order 12 after 750
     * steps (every figure distinct, so that one written under another's name shows).
     */
    @Test
    void theCardsPrivacySectionNamesEachFigureOfTheRun() {
        dev.ridgeline.privacy.DpSgdConfig config = new dev.ridgeline.privacy.DpSgdConfig(0.02, 1.3, 0.7, 15, 0.1, 1e-6,
                7, true, dev.ridgeline.privacy.RdpConversion.IMPROVED);
        dev.ridgeline.privacy.DpSgdResult result = new dev.ridgeline.privacy.DpSgdResult(
                dev.ridgeline.engine.Parameters.zeros(1, 2), new dev.ridgeline.privacy.PrivacySpent(2.5, 1e-6, 12), 750,
                20, 0.3);
        com.fasterxml.jackson.databind.node.ObjectNode node = ModelCardJson.privacy(PrivacyInfo.of(config, result,
                List.of()));
        assertEquals(2.5, node.get("epsilon").doubleValue());
        assertEquals(1e-6, node.get("delta").doubleValue());
        assertEquals(12.0, node.get("order").doubleValue());
        assertEquals(1.3, node.get("noiseMultiplier").doubleValue());
        assertEquals(0.7, node.get("clipNorm").doubleValue());
        assertEquals(0.02, node.get("samplingRate").doubleValue());
        assertEquals(750, node.get("steps").longValue());
        assertEquals(true, node.get("guaranteed").booleanValue());
        assertEquals(true, node.get("secureRandom").booleanValue());
        assertEquals("RDP accountant, improved conversion", node.get("accounting").textValue());
    }
}
