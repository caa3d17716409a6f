package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import java.util.Objects;

/**
 * Weighted means and variances of the columns of X in one pass, summed about the first row's values so that
 * a large common offset does not cancel a column's digits. Shapes: X (m, n) float32, w (m) or null (unit
 * weights); every figure is per column (n), weighted by w, over the total weight W.
 */
final class ColumnMoments {
    /**
     * Columns whose weighted mean lies within this fraction of their root mean square count as centred. A
     * z-scored column's mean is 0 up to float32's rounding of its values (about 1e-7 of them); the intercept's
     * error that such means leave, xbar . theta, is at most this fraction of the predictions' spread.
     */
    static final double CENTRED = 1e-4;

    private final double total;
    private final double[] mean;
    private final double[] variance;

    private ColumnMoments(double total, double[] mean, double[] variance) {
        this.total = total;
        this.mean = mean;
        this.variance = variance;
    }

    /**
     * The moments of x under w, and lambda checked for the caller's figures: a short weight array had ended in
     * an index out of bounds, a long one, a negative or NaN weight or lambda in a figure without a word.
     * Shapes: x (m, n), w (m) or null.
     */
    static ColumnMoments of(DenseMatrix x, float[] w, double lambda) {
        Objects.requireNonNull(x, "x");
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        int m = x.rows();
        if (w != null && w.length != m) {
            throw new IllegalArgumentException("the weights have " + w.length + " rows, x has " + m);
        }
        for (int i = 0; w != null && i < m; i++) {
            if (!(w[i] >= 0) || Float.isInfinite(w[i])) {
                throw new IllegalArgumentException("row " + i + ": weight " + w[i] + " must be a finite number >= 0");
            }
        }
        return of(x, w);
    }

    /** Shapes: x (m, n), w (m) or null; origin, sum, squares, mean and variance (n). */
    private static ColumnMoments of(DenseMatrix x, float[] w) {
        int m = x.rows();
        int n = x.cols();
        double[] origin = new double[n];
        for (int j = 0; m > 0 && j < n; j++) {
            origin[j] = x.get(0, j);
        }
        double[] sum = new double[n];
        double[] squares = new double[n];
        double total = 0;
        for (int i = 0; i < m; i++) {
            float[] row = x.rowArray(i);
            int off = x.rowOffset(i);
            double weight = w == null ? 1.0 : w[i];
            for (int j = 0; j < n; j++) {
                double v = row[off + j] - origin[j];
                sum[j] += weight * v;
                squares[j] += weight * v * v;
            }
            total += weight;
        }
        double[] mean = new double[n];
        double[] variance = new double[n];
        for (int j = 0; j < n; j++) {
            double shifted = total > 0 ? sum[j] / total : 0;
            mean[j] = origin[j] + shifted;
            variance[j] = total > 0 ? Math.max(0, squares[j] / total - shifted * shifted) : 0;
        }
        return new ColumnMoments(total, mean, variance);
    }

    /** W, the total weight. */
    double total() {
        return total;
    }

    int columns() {
        return mean.length;
    }

    double mean(int j) {
        return mean[j];
    }

    /** The population variance: sum_i w_i (x_ij - mean_j)^2 / W. */
    double variance(int j) {
        return variance[j];
    }

    /** sum_i w_i x_ij^2 / W = variance + mean^2. */
    double meanSquare(int j) {
        return variance[j] + mean[j] * mean[j];
    }

    /**
     * Whether every column's weighted mean is 0 within {@link #CENTRED} of its root mean square. Shapes: mean
     * and variance (n).
     */
    boolean centred() {
        for (int j = 0; j < mean.length; j++) {
            if (!(Math.abs(mean[j]) <= CENTRED * Math.sqrt(meanSquare(j)))) {
                return false;
            }
        }
        return true;
    }
}
