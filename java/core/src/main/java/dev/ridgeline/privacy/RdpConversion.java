package dev.ridgeline.privacy;

/**
 * Converts RDP curves to (epsilon, delta), minimising over the orders.
 *
 * <ul>
 *   <li>{@link #IMPROVED}: Balle, Barthe, Gaboardi, Hsu, Sato 2020, Theorem 21 (as Opacus cites it; Canonne,
 *       Kamath, Steinke 2020, Proposition 12, as TF Privacy does): eps = rdp + log1p(-1/a) - log(delta a) / (a - 1),
 *       0 when delta^2 + expm1(-rdp) >= 0 (the KL bound already gives delta), infinite for {@code a <= 1.01}.</li>
 *   <li>{@link #CLASSIC}: Mironov 2017, Proposition 3: eps = rdp - log(delta) / (a - 1).</li>
 * </ul>
 */
public enum RdpConversion {
    IMPROVED {
        @Override
        double epsilonAt(double order, double rdp, double delta) {
            if (delta * delta + Math.expm1(-rdp) >= 0) {
                return 0;
            }
            if (order > 1.01) {
                return rdp + Math.log1p(-1 / order) - Math.log(delta * order) / (order - 1);
            }
            return Double.POSITIVE_INFINITY;
        }
    },
    CLASSIC {
        @Override
        double epsilonAt(double order, double rdp, double delta) {
            return rdp - Math.log(delta) / (order - 1);
        }
    };

    abstract double epsilonAt(double order, double rdp, double delta);

    /** The smallest epsilon over the orders (ties keep the first order), clamped at 0. Shapes: orders (O), rdp (O). */
    public PrivacySpent epsilon(double[] orders, double[] rdp, double delta) {
        if (orders.length != rdp.length || orders.length == 0) {
            throw new IllegalArgumentException(orders.length + " orders but " + rdp.length + " RDP values");
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = orders[0];
        for (int o = 0; o < orders.length; o++) {
            if (!(orders[o] >= 1)) {
                throw new IllegalArgumentException("Renyi order must be >= 1, got " + orders[o]);
            }
            if (!(rdp[o] >= 0)) {
                throw new IllegalArgumentException("RDP must be >= 0, got " + rdp[o] + " at order " + orders[o]);
            }
            double eps = epsilonAt(orders[o], rdp[o], delta);
            if (eps < best) {
                best = eps;
                bestOrder = orders[o];
            }
        }
        return new PrivacySpent(Math.max(0, best), delta, bestOrder);
    }
}
