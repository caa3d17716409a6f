package dev.ridgeline.privacy;

/**
 * Renyi differential privacy of one step of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar,
 * Zhang 2019, "Renyi Differential Privacy of the Sampled Gaussian Mechanism"), the computation that
 * TF Privacy and Opacus use. Sampling rate q in [0, 1], noise multiplier sigma > 0, order alpha > 1.
 *
 * <p>RDP(alpha) = log(A_alpha) / (alpha - 1). Integer orders use the finite binomial sum; fractional orders
 * the two-sided series with erfc tails, summed with their signs plus a bound on the sum's error: an upper
 * bound, within 1e-5 of the value where log A exceeds 1e-8, unless q is near 1/2 with a large noise, where both
 * series run long and the rounding bound grows with the number of terms (1.7e-4 above at q 0.5, noise 1,000,
 * order 1.5). Every sum is in logs.
 */
public final class SubsampledGaussianRdp {
    private static final double LOG_HALF = Math.log(0.5);
    private static final double SQRT2 = Math.sqrt(2);
    /** The double unit roundoff. */
    private static final double EPS = Math.ulp(1.0) / 2;
    /** Orders above this are bounded by the Gaussian mechanism's RDP, not summed. */
    static final double MAX_SERIES_ORDER = 1 << 20;
    // The terms of both series fall only polynomially in i (as |C(alpha, i)| / i: the Gaussian tail cancels the
    // exp(i^2 / 2 sigma^2) growth), so low orders need many: 10,871 at alpha 1.25, q 0.5, sigma 30; 118,350 at
    // sigma 1e5. With the old cap of 1000, orders 1.25-1.75 came out infinite from q of about 0.05 up, and epsilon
    // up to 45% too high (q 0.2, sigma 0.5, 100 steps, classic: 80.9 at order 1.75 for 55.6 at 1.25).
    private static final int MAX_FRACTIONAL_TERMS = 1_000_000;

    private SubsampledGaussianRdp() {
    }

    /**
     * RDP of one step at order alpha. A noise so small that 1 / sigma^2 overflows (sigma below about 1e-154) makes
     * the sums infinite minus infinite: the RDP is then infinite, the bound in the safe direction (it had been NaN,
     * and the run failed naming an internal quantity).
     */
    public static double perStep(double q, double sigma, double alpha) {
        double rdp = perStepAsComputed(q, sigma, alpha);
        return Double.isNaN(rdp) ? Double.POSITIVE_INFINITY : rdp;
    }

    private static double perStepAsComputed(double q, double sigma, double alpha) {
        check(q, sigma, alpha);
        if (q == 0) {
            return 0;
        }
        if (q == 1) {
            return alpha / (2 * sigma * sigma);
        }
        if (Double.isInfinite(alpha)) {
            return Double.POSITIVE_INFINITY;
        }
        if (alpha > MAX_SERIES_ORDER) {
            // Beyond an int (the integer sum's loop bound) and any useful order: the RDP of the mechanism without
            // subsampling, alpha / (2 sigma^2), bounds it (subsampling only lowers it). (alpha was cast to an int.)
            return alpha / (2 * sigma * sigma);
        }
        if (alpha == Math.rint(alpha)) {
            return logAInteger(q, sigma, (int) alpha) / (alpha - 1);
        }
        // RDP does not fall with the order, so the next integer order's RDP, computed without cancellation,
        // bounds this one too. Where A is 1 within a few units in the last place the series cannot resolve the
        // excess (with a huge sigma it came out 0, and epsilon 0 after steps that cost 0.2), and its terms near
        // z0 = sigma^2 log(1/q - 1) lose their digits (at sigma 1e8 it gave 0.018 where the bound is 1e-17).
        double bound = perStep(q, sigma, Math.ceil(alpha));
        if ((alpha - 1) * bound < FRACTIONAL_PRECISION) {
            return bound; // the series' log A could only fall below the threshold too (it cost 56 s at noise 1e12)
        }
        double logA = logAFractional(q, sigma, alpha);
        return logA < FRACTIONAL_PRECISION ? bound : Math.min(logA / (alpha - 1), bound);
    }

    /**
     * Below this log A, a fractional order's series is not trusted: its terms are near 1 and the double sum
     * resolves A - 1 only to about 1e-16, so at 1e-9 the excess still has about seven good digits.
     */
    static final double FRACTIONAL_PRECISION = 1e-9;

    /**
     * RDP of {@code steps} composed steps at each order (RDP composes by addition). Shapes: orders (O), returns (O).
     */
    public static double[] of(double q, double sigma, long steps, double[] orders) {
        java.util.Objects.requireNonNull(orders, "orders");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double[] rdp = new double[orders.length];
        for (int o = 0; o < orders.length; o++) {
            // No step spends nothing, even where one step's cost is infinite (sigma near 0): infinity x 0 is NaN.
            double step = perStep(q, sigma, orders[o]);
            rdp[o] = steps == 0 ? 0 : step * steps;
        }
        return rdp;
    }

    /**
     * log A for integer alpha, A = sum_{i=0..alpha} C(alpha, i) q^i (1-q)^(alpha-i) exp((i^2 - i) / (2 sigma^2)).
     * The binomial weights sum to 1, so A - 1 = sum_{i>=2} C(alpha, i) q^i (1-q)^(alpha-i) expm1((i^2 - i) /
     * (2 sigma^2)), a sum of terms >= 0: summed in logs and then log1p'd, it keeps its digits when A is 1 +
     * 1e-20 (sigma 1e8), where the sum of A's own terms rounded to 1 and log A to 0.
     */
    private static double logAInteger(double q, double sigma, int alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double logExcess = Double.NEGATIVE_INFINITY; // log(A - 1)
        double logBinom = Math.log(alpha) + Math.log(alpha - 1.0) - Math.log(2); // log C(alpha, 2)
        for (int i = 2; i <= alpha; i++) {
            double s = logBinom + i * logQ + (alpha - i) * log1mQ + logExpm1((i * (double) i - i) / (2 * sigma * sigma));
            logExcess = LogMath.logAdd(logExcess, s);
            logBinom += Math.log(alpha - i) - Math.log(i + 1.0);
        }
        // log A = log1p(A - 1), without overflow when A - 1 is beyond a double.
        return logExcess > 0 ? logExcess + Math.log1p(Math.exp(-logExcess)) : Math.log1p(Math.exp(logExcess));
    }

    /** log(e^x - 1) for x > 0, also where e^x overflows. */
    private static double logExpm1(double x) {
        return x > 50 ? x + Math.log1p(-Math.exp(-x)) : Math.log(Math.expm1(x));
    }

    /**
     * An upper bound on log A for fractional alpha: two series (below and above the crossing point z0) of
     * generalised binomial terms times Gaussian tail masses, summed with their signs as the reference
     * accountants (TF Privacy, Opacus, dp_accounting) sum them, plus a bound on that sum's error, and never
     * above the same series with every term in absolute value plus its rounding (the bound this accountant
     * used alone before: epsilon up to 40% high where fractional orders are the best ones). The error bound adds the last
     * term of each series (the series stops only past i > alpha, where the signs alternate and the terms
     * fall, so the omitted rest sums to less than the first omitted term), each term's rounding (its log carries about one rounding per update and per summand, here
     * counted as 4 eps (i + 1) times the magnitudes of its own summands) and the summation's (4 eps per term of
     * the absolute sum). The series stops when both sides decrease and lie 30 nats below the total; an order that
     * does not converge in a million terms, or whose terms are not numbers, gets RDP = infinity (it is then
     * never the best order).
     */
    private static double logAFractional(double q, double sigma, double alpha) {
        double logAbs0 = Double.NEGATIVE_INFINITY;
        double logAbs1 = Double.NEGATIVE_INFINITY;
        SignedLogSum signed = new SignedLogSum();
        double logRoundingError = Double.NEGATIVE_INFINITY;
        double lastS0 = Double.NEGATIVE_INFINITY;
        double lastS1 = Double.NEGATIVE_INFINITY;
        double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double logAbsBinom = 0; // log |C(alpha, i)|, generalised binomial, updated incrementally
        int binomSign = 1; // the sign of C(alpha, i): it flips with each factor alpha - i < 0
        for (int i = 0; i < MAX_FRACTIONAL_TERMS; i++) {
            double j = alpha - i;
            double logT0 = logAbsBinom + i * logQ + j * log1mQ;
            double logT1 = logAbsBinom + j * logQ + i * log1mQ;
            double logE0 = LOG_HALF + LogMath.logErfc((i - z0) / (SQRT2 * sigma));
            double logE1 = LOG_HALF + LogMath.logErfc((z0 - j) / (SQRT2 * sigma));
            double gauss0 = (i * (double) i - i) / (2 * sigma * sigma);
            double gauss1 = (j * j - j) / (2 * sigma * sigma);
            double logS0 = logT0 + gauss0 + logE0;
            double logS1 = logT1 + gauss1 + logE1;
            if (Double.isNaN(logS0) || Double.isNaN(logS1)) {
                // z0 overflows for sigma beyond about 1e154: no term is a number, and a million of them cost minutes.
                return Double.POSITIVE_INFINITY;
            }
            logAbs0 = LogMath.logAdd(logAbs0, logS0);
            logAbs1 = LogMath.logAdd(logAbs1, logS1);
            signed.add(binomSign, logS0);
            signed.add(binomSign, logS1);
            // Each term's rounding is relative to the summands of its own log: the other side's tail mass, e.g.
            // log E0 = -1e7 where z0 = -4.6e6 (q 0.99, noise 1,000), weighs nothing in a term that is exp(-1e7).
            double slack = Math.abs(logAbsBinom) + Math.abs(logQ) + Math.abs(log1mQ) + 1;
            double magnitude0 = slack + Math.abs(i * logQ) + Math.abs(j * log1mQ) + gauss0 + Math.abs(logE0);
            double magnitude1 = slack + Math.abs(j * logQ) + Math.abs(i * log1mQ) + Math.abs(gauss1) + Math.abs(logE1);
            double logScale = Math.log(4 * EPS * (i + 1.0));
            logRoundingError = LogMath.logAdd(logRoundingError, LogMath.logAdd(logS0 + logScale + Math.log(magnitude0),
                    logS1 + logScale + Math.log(magnitude1)));
            double total = LogMath.logAdd(logAbs0, logAbs1);
            // Only past i > alpha, where the signs alternate: the omitted rest is then less than the last term.
            if (i > alpha && logS0 < lastS0 && logS1 < lastS1 && Math.max(logS0, logS1) < total - 30) {
                double logRounding = LogMath.logAdd(logRoundingError, total + Math.log(4 * EPS * (2 * i + 2.0)));
                double absoluteBound = LogMath.logAdd(total, logRounding);
                if (signed.sign() <= 0) {
                    return absoluteBound;
                }
                double truncation = LogMath.logAdd(logS0, logS1);
                return Math.min(LogMath.logAdd(signed.log(), LogMath.logAdd(truncation, logRounding)), absoluteBound);
            }
            lastS0 = logS0;
            lastS1 = logS1;
            // C(alpha, i + 1) = C(alpha, i) (alpha - i) / (i + 1)
            logAbsBinom += Math.log(Math.abs(alpha - i)) - Math.log(i + 1.0);
            binomSign = alpha - i < 0 ? -binomSign : binomSign;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** A sum of signed terms given by their logs: its sign and the log of its magnitude. */
    private static final class SignedLogSum {
        private int sign;
        private double log = Double.NEGATIVE_INFINITY;

        void add(int termSign, double logTerm) {
            if (logTerm == Double.NEGATIVE_INFINITY) {
                return;
            }
            if (sign == 0 || sign == termSign) {
                log = LogMath.logAdd(log, logTerm);
                sign = termSign;
            } else if (log > logTerm) {
                log = LogMath.logSub(log, logTerm);
            } else if (logTerm > log) {
                log = LogMath.logSub(logTerm, log);
                sign = termSign;
            } else {
                log = Double.NEGATIVE_INFINITY;
                sign = 0;
            }
        }

        int sign() {
            return sign;
        }

        double log() {
            return log;
        }
    }

    private static void check(double q, double sigma, double alpha) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling rate q must be in [0, 1], got " + q);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise multiplier must be a finite number > 0, got " + sigma);
        }
        if (!(alpha > 1)) {
            throw new IllegalArgumentException("Renyi order must be > 1, got " + alpha);
        }
    }
}
