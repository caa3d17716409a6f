package dev.ridgeline.cli;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.train.StopReason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A step fit that stopped as converged, yet one feature's own step would still lower the loss by more than a
 * thousandth. --tol compares the whole gradient with its start, which steep features set: a feature whose start
 * gradient is below --tol times theirs is never fitted. Raw columns of standard deviations 9.9 and 1 (a curvature
 * spread of 98, under the own-scale test's 100) with y = 1e5 x0 + 2 x1 + noise had "converged" with x1 at 1.03
 * against the exact 1.99 and 92 times the exact loss, without a word. The gain of a step along feature j alone is
 * g_j^2 / (2 h_j), g the gradient and h the diagonal of the Hessian, in double at the parameters kept.
 */
final class CoordinateGainWarning {
    /** A feature's step worth more than this share of the loss is named. */
    static final double SHARE = 1e-3;
    /**
     * Losses below this share of the start (the targets' weighted variance / 2) are not judged: float32 keeps the
     * targets to about 6e-8 of their size, so a loss there is near their rounding (an interpolating fit of more
     * features than rows ended at 3e-14 of its start, where a step along one feature gains 10 % of nothing).
     */
    static final double LOSS_FLOOR = 1e-13;
    /**
     * Nor losses below this share of the targets' mean square / 2, double's rounding of the targets themselves (1e-15
     * of their size, squared): a constant target starts at 0, which no share of it floors, and its fit ended at
     * coefficients of 1e-31 and a loss of about 1e-62, where a step along one feature gained a third of nothing.
     */
    static final double TARGET_ROUNDING = 1e-30;

    private CoordinateGainWarning() {
    }

    /**
     * The warning for a converged fit of theta, bias (p, model 0) on x (m x n), targets y (m), weights (m or null),
     * lambda; empty when no feature's step gains SHARE of the loss, or the fit did not stop as converged.
     */
    static Optional<String> of(StopReason stop, DenseMatrix x, double[] y, float[] weights, double lambda,
            Parameters p, List<String> names) {
        if (stop != StopReason.CONVERGED || x.cols() == 0) {
            return Optional.empty();
        }
        int n = x.cols();
        double[] theta = p.theta(0);
        double[] g = new double[n];
        double[] h = new double[n];
        double total = 0;
        double squares = 0;
        double targetSquares = 0;
        double mean = 0;
        double spread = 0;
        float[] row = new float[n];
        for (int i = 0; i < x.rows(); i++) {
            double w = weights == null ? 1 : weights[i];
            if (w == 0) {
                continue;
            }
            x.copyRow(i, row);
            double r = p.bias(0) - y[i];
            for (int j = 0; j < n; j++) {
                r += theta[j] * row[j];
            }
            for (int j = 0; j < n; j++) {
                g[j] += w * r * row[j];
                h[j] += w * (double) row[j] * row[j];
            }
            squares += w * r * r;
            targetSquares += w * y[i] * y[i];
            total += w;
            // Welford's update of the weighted mean and sum of squares of y: the start's loss, in one pass.
            double delta = y[i] - mean;
            mean += w / total * delta;
            spread += w * delta * (y[i] - mean);
        }
        double penalty = 0;
        for (double t : theta) {
            penalty += t * t;
        }
        double loss = (squares + lambda * penalty) / (2 * total);
        int worst = -1;
        double best = 0;
        for (int j = 0; j < n; j++) {
            double gj = (g[j] + lambda * theta[j]) / total;
            double hj = (h[j] + lambda) / total;
            double gain = hj > 0 ? gj * gj / (2 * hj) : 0;
            if (gain > best) {
                best = gain;
                worst = j;
            }
        }
        double floor = Math.max(LOSS_FLOOR * spread, TARGET_ROUNDING * targetSquares) / (2 * total);
        if (!(loss > floor) || worst < 0 || !(best > SHARE * loss)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "training stopped as converged (its gradient norm fell to --tol "
                + "times its start), but a step along feature '%s' alone would still lower the loss by %.3g%% of it: "
                + "steeper features set that norm, so the fit may be short of its minimum along this one; use --solver "
                + "exact, or a smaller --tol", names.get(worst), 100 * Math.min(best / loss, 1)));
    }
}
