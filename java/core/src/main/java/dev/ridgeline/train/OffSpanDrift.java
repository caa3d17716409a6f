package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import java.util.Optional;

/**
 * What gradient steps leave undone on rows too few to pin the coefficients down. With r rows of weight above 0
 * and n >= r features, the centred rows span at most r - 1, fewer than n, directions of theta; along the others
 * only the penalty curves the objective, and the ridge minimiser has no component there. Steps shrink an iterate's part
 * along a direction of curvature c by (1 - a c) each, for the effective rate a = rate / (1 - momentum), so
 * {@code steps} of them leave (1 - a c)^steps of it.
 *
 * <p>Two things put the iterates off the span. Columns not centred: theta's gradient is
 * Xc^T W r / W + xbar (mean residual) + lambda theta / W, and the middle term, which moves with the intercept,
 * points along the column means xbar, off the span. There the intercept and theta move together: for u of unit
 * length off the span, the direction (u, -xbar . u) of (theta, b) has curvature about
 * (lambda / W) / (1 + (xbar . u)^2), lowest, lambda / W / (1 + |P xbar|^2), for u along P xbar, P the projection
 * off the span. |P xbar| is not computed (that takes the rows' r x r Gram matrix); |xbar| in its place gives a
 * curvature at or below that lowest one, so {@link #coupledRemaining} is an upper bound. On 300 rows of 4,000
 * features of mean 1 under --scale none (|xbar|^2 about 4,000), gd "converged" with the intercept 3 % and the
 * coefficients 0.4 % from the minimiser, and 10,000 epochs at lambda 300 left them as far. A random start's part off the span shrinks at lambda / W (centred columns). Centred
 * columns from a zero start stay on the span. Repeated rows span fewer directions than r - 1: such a shape is not
 * caught here.
 *
 * <p>Reported: columns not centred when the coupled part may linger ({@link #coupledRemaining} at or above
 * {@link #LINGERS}; its size at the start is unknown, since the steps themselves put it there), and a random start
 * when its part left off the span, about scale sqrt(n - r + 1) at the start, is still {@link #START_FAR} of the
 * coefficients' length or more.
 *
 * @param rows r, the rows of weight above 0
 * @param features n
 * @param steps the gradient steps taken (gd: one per epoch; sgd: one per batch)
 * @param effectiveRate the learning rate over 1 - momentum
 * @param uncentred whether the columns' weighted means are off 0 (with an intercept fitted)
 * @param coupledCurvature (lambda / W) / (1 + |xbar|^2), the flattest curvature as estimated (NaN if centred)
 * @param coupledRemaining (1 - effectiveRate coupledCurvature)^steps, an upper bound on the share of the
 *     coupled part still in place (NaN if centred)
 * @param penaltyCurvature lambda / W, the curvature off the span and the column means
 * @param startLeft the estimated length of a random start's part still off the span (0 from a zero start)
 * @param coefficientNorm the fitted coefficients' length, |theta|
 */
public record OffSpanDrift(int rows, int features, int steps, double effectiveRate, boolean uncentred,
        double coupledCurvature, double coupledRemaining, double penaltyCurvature, double startLeft,
        double coefficientNorm) {

    /** A coupled share at or above which the drift is reported: a tenth of the coupled part still in place. */
    public static final double LINGERS = 0.1;
    /** A random start's part left, as a share of |theta|, at or above which it is reported. */
    public static final double START_FAR = 0.01;

    /** Whether the columns' coupling with the intercept may have left the fit off the minimiser. */
    public boolean coupledLingers() {
        return uncentred && coupledRemaining >= LINGERS;
    }

    /** Whether a random start's part off the span may have left the fit off the minimiser. */
    public boolean startLingers() {
        return startLeft > 0 && startLeft >= START_FAR * coefficientNorm;
    }

    /**
     * The drift of a gradient-step fit of rows x (m, n) under weights w (m, or null) and penalty lambda > 0, when
     * either part lingers; empty for the exact solver, lambda 0 (its minimum is not unique: another matter), a fit
     * of no step, or rows enough to span every direction.
     */
    public static Optional<OffSpanDrift> of(DenseMatrix x, float[] w, double lambda, boolean fitIntercept,
            TrainerConfig config, TrainingResult result) {
        java.util.Objects.requireNonNull(x, "x");
        java.util.Objects.requireNonNull(config, "config");
        java.util.Objects.requireNonNull(result, "result");
        if (config.solver() == Solver.EXACT || !(lambda > 0) || result.epochs(0) == 0) {
            return Optional.empty();
        }
        int rows = weighingRows(w, x.rows());
        int n = x.cols();
        if (rows > n || rows == 0) {
            return Optional.empty();
        }
        ColumnMoments moments = ColumnMoments.of(x, w, lambda);
        boolean uncentred = fitIntercept && !moments.centred();
        Initialization init = config.initialization();
        boolean randomStart = init.random() && init.scale() > 0;
        if (!uncentred && !randomStart) {
            return Optional.empty();
        }
        int perEpoch = config.solver() == Solver.SGD ? stepsPerEpoch(x.rows(), config) : 1;
        int steps = (int) Math.min(Integer.MAX_VALUE, (long) result.epochs(0) * perEpoch);
        double rate = result.learningRates()[0] / (1 - config.momentum());
        double penalty = lambda / moments.total();
        double coupled = Double.NaN;
        double coupledRemaining = Double.NaN;
        if (uncentred) {
            double meansSquared = 0;
            for (int j = 0; j < n; j++) {
                meansSquared += moments.mean(j) * moments.mean(j);
            }
            coupled = penalty / (1 + meansSquared);
            coupledRemaining = remaining(rate * coupled, steps);
        }
        double startLeft = randomStart ? init.scale() * Math.sqrt(n - rows + 1.0) * remaining(rate * penalty, steps) : 0;
        double norm = 0;
        for (double t : result.parameters().theta(0)) {
            norm += t * t;
        }
        OffSpanDrift drift = new OffSpanDrift(rows, n, steps, rate, uncentred, coupled, coupledRemaining, penalty,
                startLeft, Math.sqrt(norm));
        return drift.coupledLingers() || drift.startLingers() ? Optional.of(drift) : Optional.empty();
    }

    /**
     * sgd's steps an epoch over {@code rows} rows: one per batch, the short last one included, but with momentum
     * the rows left over join the last full batch (Trainer), so floor(rows / batch): 30 rows at batch size 20 make
     * one step, not two, and counting two had halved what the report said a random start still left.
     */
    private static int stepsPerEpoch(int rows, TrainerConfig config) {
        int batch = Math.min(config.batchSize(), rows);
        return config.momentum() > 0 ? rows / batch : (rows + batch - 1) / batch;
    }

    /** (1 - shrink)^steps, 0 once a step's shrink reaches 1. */
    private static double remaining(double shrink, int steps) {
        return shrink >= 1 ? 0 : Math.exp(steps * Math.log1p(-shrink));
    }

    /**
     * How many of the rows weigh above 0 (all of them without weights): the rows that constrain a fit. Shape:
     * weights (m) or null, m = {@code rows}.
     */
    public static int weighingRows(float[] weights, int rows) {
        if (weights == null) {
            return rows;
        }
        int count = 0;
        for (float w : weights) {
            count += w > 0 ? 1 : 0;
        }
        return count;
    }
}
