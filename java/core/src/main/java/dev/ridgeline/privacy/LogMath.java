package dev.ridgeline.privacy;

/**
 * Numerically stable arithmetic on logarithms, and log erfc for arguments where erfc underflows.
 * The accountant sums terms that range over hundreds of orders of magnitude, so it works with logs only.
 */
final class LogMath {
    private static final double LOG_SQRT_PI = 0.5 * Math.log(Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    // Below this the power series of erf is used (1 - erf loses little there); above it the fraction converges fast.
    private static final double CONTINUED_FRACTION_FROM = 1.5;

    private LogMath() {
    }

    /** log(exp(a) + exp(b)). */
    static double logAdd(double a, double b) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        if (lo == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return Math.log1p(Math.exp(lo - hi)) + hi;
    }

    /**
     * log(exp(a) - exp(b)), requires a >= b: a + log(1 - e^(b - a)), by log1p where e^(b - a) is below 1/2 and by
     * expm1 above, so the error is a few units in the last place of the result. (log(expm1(a - b)) + b had lost
     * about eps |b|: 2.0000004e-7 for log(e^(2e-7) - e^-670), which the accountant's signed series meets where it
     * takes a tail term of log -670 from a sum near 1.)
     */
    static double logSub(double a, double b) {
        if (a < b) {
            throw new ArithmeticException("log of a negative difference: " + a + " < " + b);
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (a == b) {
            return Double.NEGATIVE_INFINITY;
        }
        double d = b - a;
        return a + (d < -LOG_2 ? Math.log1p(-Math.exp(d)) : Math.log(-Math.expm1(d)));
    }

    private static final double LOG_2 = Math.log(2);

    /**
     * log(erfc(x)) to near double precision for every finite x: a positive power series of erf for small
     * |x|, a continued fraction of erfc (evaluated in logs, so it never underflows) for larger x.
     */
    static double logErfc(double x) {
        if (x >= CONTINUED_FRACTION_FROM) {
            return -x * x - LOG_SQRT_PI - Math.log(erfcContinuedFraction(x));
        }
        if (x <= -CONTINUED_FRACTION_FROM) {
            // erfc(x) = 2 - erfc(-x), and erfc(-x) is small here.
            return Math.log(2 - Math.exp(logErfc(-x)));
        }
        return Math.log(1 - erf(x));
    }

    /** erfc(x) for tests and small arguments. */
    static double erfc(double x) {
        return Math.exp(logErfc(x));
    }

    /**
     * erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)): every term positive,
     * so there is no cancellation. Used for |x| < 1.5, where fewer than 40 terms reach double precision.
     */
    private static double erf(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /**
     * The continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))), for which
     * erfc(x) = exp(-x^2) / (sqrt(pi) * fraction); modified Lentz evaluation, x >= 1.5.
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 5000; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return f;
    }
}
