package dev.ridgeline.train;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;

/**
 * The automatic learning rate of mini-batch SGD: 1 / (2 L_b), the step of Gower et al. 2019 ("SGD: general
 * analysis and improved rates", Theorem 3.1), where L_b is the expected smoothness of a batch of b rows drawn
 * without replacement (Proposition 3.8):
 *
 * <pre>  L_b = m (b - 1) / (b (m - 1)) L  +  (m - b) / (b (m - 1)) L_max</pre>
 *
 * with L the full-batch constant (gradient descent steps by 1 / L) and L_max the largest one-row constant,
 * L_i = (m w_i / W)(|x_i|^2 + 1) + lambda / W (the 1 for the intercept). b = m gives L, b = 1 gives L_max.
 * A step of 1 / L, right for the full batch, makes small batches diverge on rows much longer than average:
 * the one-row gradient moves by |x_i|^2 per unit step, the full one by about its mean. The factor 1/2 keeps
 * the noise of a constant step small: at 1 / L_b the loss of 32-row batches on the diabetes data still
 * jumped up to 5.7x its optimum at some epochs.
 *
 * <p>Shapes: X (m, n); rates (K), one per model, from L (K).
 */
final class MiniBatchRates {
    private MiniBatchRates() {
    }

    /** Shapes: X (m, n), lipschitz (K); rowNorms (m); returns rates (K). */
    static double[] of(Problem problem, double[] lipschitz, int batch) {
        int m = problem.rows();
        int b = Math.min(batch, m);
        double[] rates = new double[lipschitz.length];
        if (m == 1 || b == m) {
            for (int k = 0; k < rates.length; k++) {
                rates[k] = 0.5 / lipschitz[k];
            }
            return rates;
        }
        double[] rowNorms = squaredRowNorms(problem.x(), problem.fitIntercept() ? 1 : 0);
        for (int k = 0; k < rates.length; k++) {
            double lMax = largestRowConstant(problem, k, rowNorms);
            double lb = (double) m * (b - 1) / ((double) b * (m - 1)) * lipschitz[k]
                    + (double) (m - b) / ((double) b * (m - 1)) * lMax;
            rates[k] = 0.5 / lb;
        }
        return rates;
    }

    /** max_i (m w_ik / W_k) r_i + lambda_k / W_k, with r_i = |x_i|^2 (+ 1). Shapes: rowNorms (m). */
    private static double largestRowConstant(Problem problem, int k, double[] rowNorms) {
        int m = problem.rows();
        double w = problem.totalWeight(k);
        double largest = 0;
        for (int i = 0; i < m; i++) {
            largest = Math.max(largest, m * problem.weight(k, i) / w * rowNorms[i]);
        }
        return largest + problem.lambda(k) / w;
    }

    /** |x_i|^2 + extra for each row, in double. Shapes: x (m, n); returns (m). */
    private static double[] squaredRowNorms(DenseMatrix x, double extra) {
        double[] out = new double[x.rows()];
        float[] row = new float[x.cols()];
        for (int i = 0; i < out.length; i++) {
            x.copyRow(i, row);
            double s = extra;
            for (float v : row) {
                s += (double) v * v;
            }
            out[i] = s;
        }
        return out;
    }
}
