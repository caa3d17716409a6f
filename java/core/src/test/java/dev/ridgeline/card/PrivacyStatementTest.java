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
}
