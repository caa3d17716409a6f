package dev.ridgeline.cli;

import dev.ridgeline.data.DenseMatrix;

/**
 * Rows of weight 0 move nothing in the objective, nor in tune's held-out errors, so their features are set to 0 in the
 * matrices train and tune fit. java-vector and cuda form each row's products in float32 and then weigh them: a
 * z-scored value of 1e38 in a row of weight 0 (a legal float32 value, 3.4e38 being the limit) overflowed to Infinity,
 * and 0 x Infinity made the sums NaN: the rate's estimate failed, told to "scale the features (--scale zscore)" on
 * z-scored features, or the fit "diverged" with advice to lower --lr, and tune blamed its lambdas, where java-scalar
 * reached the minimum. With the row at 0 the sums hold the same finite terms as before: 0 times a finite value.
 */
final class WeightlessRows {
    private WeightlessRows() {
    }

    /**
     * Sets to 0 each row of x (m x n) whose weight is 0, in place, and returns x. Shapes: weights (m) or null
     * (every row weighs 1: x is returned as it is).
     */
    static DenseMatrix cleared(DenseMatrix x, float[] weights) {
        if (weights == null) {
            return x;
        }
        float[] zeros = new float[x.cols()];
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0) {
                x.setRow(i, zeros);
            }
        }
        return x;
    }
}
