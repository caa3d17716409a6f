package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fractional order's RDP is an upper bound on the exact value, within 1e-5 of it where log A is above 1e-8
 * and q is not near 1/2 with a large noise (there both series are long: 1.7e-4 at q 0.5, noise 1,000, order 1.5;
 * below log A 1e-8 the rounding bound of many terms weighs more: 0.3% at log A 3e-9 and 20,000 terms; below
 * 1e-9 the next integer order's RDP stands in). The exact values are quadratures at 40 digits (mpmath 1.3, {@code quad} split at
 * -40s, -10s, -3s, 0, 0.5, 3s, 10s, z0, z0 + 3s, z0 + 10s) of A = E_{z ~ N(0, s^2)} [(1 - q + q exp((2z - 1) /
 * (2 s^2)))^alpha], with z0 = s^2 log(1/q - 1) + 1/2, RDP = log A / (alpha - 1) (Mironov, Talwar, Zhang 2019), independent of the series. The
 * series in absolute value had been 3.2% high at (0.01, 2.5, 1.5) and 0.5% to 40% high in the settings where
 * fractional orders are the best ones.
 */
class FractionalOrderExactTest {
    @ParameterizedTest(name = "q {0}, sigma {1}, order {2}, within {4}")
    @CsvSource({
        "0.01, 2.5, 1.5, 1.3001417943760795e-5, 1e-5",
        "0.2, 0.5, 1.25, 0.26931557988328515, 1e-5",
        "0.2, 0.5, 1.5, 0.43616107556051446, 1e-5",
        "0.2, 1.0, 1.25, 0.034642316647445101, 1e-5",
        "0.2, 1.0, 2.25, 0.080263937601350622, 1e-5",
        "0.2, 1.0, 3.5, 0.19887039852889407, 1e-5",
        "0.5, 2.0, 1.5, 0.049819377632093183, 1e-5",
        "0.5, 2.0, 4.5, 0.18356433554793552, 1e-5",
        "0.1, 1.0, 2.25, 0.020096164600854, 1e-5",
        "0.001, 0.8, 1.75, 3.2925898397980142e-6, 1e-5",
        "0.01, 1.1, 3.5, 0.00023114550949697185, 1e-5",
        "0.05, 5.0, 1.25, 6.367000093303557e-5, 1e-5",
        "0.137, 0.912, 1.25, 0.021973593924690071, 1e-5",
        "0.5, 0.6, 2.5, 2.348599749730351, 1e-5",
        "0.9, 1.5, 1.75, 0.32442142300609839, 1e-5",
        "0.7383740122001051, 0.34500226750660407, 3.5, 14.277973557711181, 1e-5",
        "0.0015665059628023946, 4.996567472094382, 1.5, 7.5213296869698138e-8, 1e-5",
        "0.0005275078987884224, 26.71602041407502, 4.5, 8.7781297004697013e-10, 1e-2",
        // Large noise, one side's tail mass far below the other's (log E of -1e7 at q 0.99, noise 1,000): the
        // rounding bound had weighed each term by both sides' logs, 1.3% (q 0.99), 0.27% and 7% high here.
        "0.99, 1000, 1.5, 7.3507500367537439e-7, 1e-5",
        "0.1, 300, 1.25, 6.9444774306284569e-8, 1e-5",
        "0.9, 3000, 2.5, 1.1250000174999995e-7, 1e-5",
        // A small noise: (j^2 - j) / (2 sigma^2) is negative for the term with 0 < alpha - i < 1, and counted as it
        // is, a term's rounding magnitude came out negative and its log NaN.
        "0.01, 0.1, 1.5, 61.18448944203582, 1e-5",
        "0.0001, 0.05, 1.25, 203.94829814011905, 1e-5",
    })
    void theBoundIsAtLeastTheExactValueAndCloseToIt(double q, double sigma, double order, double exact,
                                                    double within) {
        double rdp = SubsampledGaussianRdp.perStep(q, sigma, order);
        // The quadratures agree with the same at 70 digits to 30 digits or more; shown here to 17.
        assertTrue(rdp >= exact * (1 - 1e-16), "below the exact value: " + rdp + " < " + exact);
        assertTrue(rdp <= exact * (1 + within), "more than " + within + " above the exact value: " + rdp + " > "
                + exact);
    }
}
