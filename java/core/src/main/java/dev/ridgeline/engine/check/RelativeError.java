package dev.ridgeline.engine.check;

/**
 * Normwise relative error: max_i |a_i - b_i| / max(max_i |b_i|, floor). The floor keeps quantities that
 * are legitimately near zero (a converged gradient) from turning rounding noise into a large ratio.
 */
final class RelativeError {
    static final double FLOOR = 1e-6;

    private RelativeError() {
    }

    static double of(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = 0;
        double scale = FLOOR;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / scale;
    }

    static double of(double[][] actual, double[][] expected) {
        double worst = actual.length == expected.length ? 0 : Double.POSITIVE_INFINITY;
        for (int k = 0; k < Math.min(actual.length, expected.length); k++) {
            worst = Math.max(worst, of(actual[k], expected[k]));
        }
        return worst;
    }
}
