package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;

/**
 * Weighted means and variances of the columns of X in one pass, summed about the first row's values so that
 * a large common offset does not cancel a column's digits. Shapes: X (m, n) float32, w (m) or null (unit
 * weights); every figure is per column (n), weighted by w, over the total weight W.
 */
final class ColumnMoments {
    private final double total;
    private final double[] mean;
    private final double[] variance;

    private ColumnMoments(double total, double[] mean, double[] variance) {
        this.total = total;
        this.mean = mean;
        this.variance = variance;
    }

    static ColumnMoments of(DenseMatrix x, float[] w) {
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
}
