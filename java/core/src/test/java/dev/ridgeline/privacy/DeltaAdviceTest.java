package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DeltaAdviceTest {
    /** delta = 1/n is not below 1/n, so it is warned about; n delta = 1 row is expected in the clear. */
    @Test
    void aDeltaOfOneOverNIsWarnedAbout() {
        assertEquals("--delta 0.01 is not below 1/n = 0.01000 (n = 100 training rows): at this delta, (epsilon, "
                + "delta)-differential privacy allows publishing each row in the clear with probability delta (1.00 "
                + "rows expected); choose delta well below 1/n", DeltaAdvice.warning("--delta", 0.01, 100, "training rows"));
    }

    /** A delta a tenth of 1/n draws no warning. */
    @Test
    void aDeltaWellBelowOneOverNIsNot() {
        assertNull(DeltaAdvice.warning("--delta", 0.001, 100, "training rows"));
    }
}
