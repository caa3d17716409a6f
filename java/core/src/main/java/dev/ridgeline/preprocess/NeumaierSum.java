package dev.ridgeline.preprocess;

/**
 * Compensated (Neumaier) summation of doubles, in array order. {@code DoubleStream.sum} is compensated too, but
 * by Kahan's rule, which loses a small term next to two large ones of opposite sign (1e16, 1, -1e16 sums to 0),
 * and its algorithm is the JDK's to change (JDK-8214761 changed it in 17.0.2): column means, and with them every
 * shift and prediction, are fixed by this class instead. Error: about one rounding of the result, independent
 * of the length (plain summation grows with it).
 */
final class NeumaierSum {
    private NeumaierSum() {
    }

    /** Shape: values[0..m) -> sum, in index order, with a running correction for the low bits each add loses. */
    static double of(double[] values) {
        double sum = 0;
        double lost = 0;
        for (double v : values) {
            double t = sum + v;
            // Whichever operand is larger in magnitude is kept exactly; the low bits of the other are lost to t.
            lost += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + lost;
    }

    /** The mean of values (NaN for none). Shape: values (m). */
    static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : of(values) / values.length;
    }
}
