package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** erfc against reference values (Abramowitz and Stegun, table 7.1, and high-precision values). */
class LogMathTest {
    @Test
    void erfcMatchesReferenceValues() {
        double[][] cases = {
            {0, 1}, {0.5, 0.4795001221869535}, {1, 0.15729920705028513}, {2, 0.004677734981047265},
            {2.9, 4.109787809945886e-05}, {3, 2.209049699858544e-05}, {5, 1.5374597944280349e-12},
            {10, 2.088487583762545e-45}, {-1, 1.8427007929497148},
        };
        for (double[] c : cases) {
            assertEquals(c[1], LogMath.erfc(c[0]), 1e-12 * c[1], "erfc(" + c[0] + ")");
        }
    }

    @Test
    void logErfcStaysFiniteWhereErfcUnderflows() {
        // erfc(30) = 2.5646562037561116e-393: log = -904.2526...
        double expected = Math.log(2.5646562037561116) - 393 * Math.log(10);
        assertEquals(expected, LogMath.logErfc(30), 1e-10 * Math.abs(expected));
    }

    @Test
    void logAddAndSubInvertEachOther() {
        double a = Math.log(5);
        double b = Math.log(3);
        assertEquals(Math.log(8), LogMath.logAdd(a, b), 1e-15);
        assertEquals(Math.log(2), LogMath.logSub(a, b), 1e-15);
        assertEquals(a, LogMath.logAdd(a, Double.NEGATIVE_INFINITY));
    }

    /**
     * log(e^a - e^b) to the precision of its own size when b is far below a: a signed series near A = 1 takes away
     * terms of log -670, and log(expm1(a - b)) + b had lost about eps |b| (2.0000004e-7 for 2e-7 - e^-670, an error
     * of 2e-6 of the value). Expected values by mpmath at 40 digits.
     */
    @Test
    void logSubKeepsTheDigitsOfASmallResult() {
        assertEquals(1.9999999999999999e-7, LogMath.logSub(2e-7, -670), 1e-22);
        assertEquals(0.0009999999999999957767086572, LogMath.logSub(1e-3, -40), 1e-19);
        assertEquals(-30.45867514538708189102164, LogMath.logSub(-30, -31), 1e-14);
    }
}
