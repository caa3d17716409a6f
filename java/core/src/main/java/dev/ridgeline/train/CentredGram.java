package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;

/**
 * The weighted, centred Gram matrix G = sum_i w_i (x_i - xbar)(x_i - xbar)^T of the exact solver, in double,
 * with the weighted column means xbar. It depends on X, the weight column and whether there is an
 * intercept, not on the target or lambda, so every model that shares a weight column shares one: a tuning
 * grid of L lambdas over k folds builds k of them, not L k.
 *
 * <p>Shapes: X (m, n) float32; gram (n, n), full and symmetric; meanX (n). Cost m n^2 / 2 multiply-adds,
 * a rank-one update of the lower triangle per row of non-zero weight, rows in order. Four rows share one
 * sweep of the triangle, their terms added in row order (the sums of four sweeps, bit for bit): the sweep
 * streams the triangle (4 MB at n = 1,000) from cache or memory, and this reads it a quarter as often.
 * Measured 1.6x-1.9x at n = 1,000 and 2.1x-2.7x at n = 200 (stand-alone, one thread); eight rows per sweep
 * ran slower (0.7x-0.8x), and a two-thread version with 4 x 4 register tiles 1.0x-1.3x.
 */
final class CentredGram {
    /** Rows per sweep of the triangle. */
    private static final int ROWS_PER_SWEEP = 4;

    final double[][] gram;
    final double[] meanX;

    private CentredGram(double[][] gram, double[] meanX) {
        this.gram = gram;
        this.meanX = meanX;
    }

    /**
     * The Gram matrix of model {@code model}'s weight column (with the problem's centring). Shapes: X (m, n),
     * w (m) or null; gram (n, n), meanX (n).
     */
    static CentredGram build(Problem problem, int model) {
        DenseMatrix x = problem.x();
        int m = x.rows();
        int n = x.cols();
        double[] meanX = centre(problem, model);
        double[][] gram = new double[n][n];
        double[][] rows = new double[ROWS_PER_SWEEP][n];
        double[] weights = new double[ROWS_PER_SWEEP];
        int held = 0;
        for (int i = 0; i < m; i++) {
            if (i % ExactSolver.INTERRUPT_ROWS == 0) {
                ExactSolver.checkInterrupt();
            }
            double w = problem.weight(model, i);
            if (w == 0) {
                continue;
            }
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            double[] row = rows[held];
            for (int j = 0; j < n; j++) {
                row[j] = a[off + j] - meanX[j];
            }
            weights[held++] = w;
            if (held == ROWS_PER_SWEEP) {
                addFourRows(gram, rows, weights);
                held = 0;
            }
        }
        for (int r = 0; r < held; r++) {
            addRow(gram, rows[r], weights[r]);
        }
        for (int j = 0; j < n; j++) {
            for (int l = 0; l < j; l++) {
                gram[l][j] = gram[j][l];
            }
        }
        return new CentredGram(gram, meanX);
    }

    /**
     * The weighted column means xbar (n) of model {@code model}'s weight column, the point the exact solve centres
     * on; zeros without an intercept (nothing is centred). Rows in order.
     */
    static double[] centre(Problem problem, int model) {
        DenseMatrix x = problem.x();
        int n = x.cols();
        double[] meanX = new double[n];
        if (problem.fitIntercept()) {
            for (int i = 0; i < x.rows(); i++) {
                double w = problem.weight(model, i);
                float[] a = x.rowArray(i);
                int off = x.rowOffset(i);
                for (int j = 0; j < n; j++) {
                    meanX[j] += w * a[off + j];
                }
            }
            double total = problem.totalWeight(model);
            for (int j = 0; j < n; j++) {
                meanX[j] /= total;
            }
        }
        return meanX;
    }

    /** Lower triangle of gram (n, n) += w row row^T. Shapes: row (n). */
    private static void addRow(double[][] gram, double[] row, double w) {
        for (int j = 0; j < row.length; j++) {
            double wr = w * row[j];
            double[] g = gram[j];
            for (int l = 0; l <= j; l++) {
                g[l] += wr * row[l];
            }
        }
    }

    /**
     * {@link #addRow} for four rows in one sweep of the triangle, adding their terms in row order, so the sums
     * are those of four calls, bit for bit. Shapes: rows (4, n), weights (4).
     */
    private static void addFourRows(double[][] gram, double[][] rows, double[] weights) {
        double[] r0 = rows[0];
        double[] r1 = rows[1];
        double[] r2 = rows[2];
        double[] r3 = rows[3];
        for (int j = 0; j < r0.length; j++) {
            double a0 = weights[0] * r0[j];
            double a1 = weights[1] * r1[j];
            double a2 = weights[2] * r2[j];
            double a3 = weights[3] * r3[j];
            double[] g = gram[j];
            for (int l = 0; l <= j; l++) {
                g[l] = g[l] + a0 * r0[l] + a1 * r1[l] + a2 * r2[l] + a3 * r3[l];
            }
        }
    }
}
