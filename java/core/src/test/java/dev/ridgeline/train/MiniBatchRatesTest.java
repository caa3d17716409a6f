package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import org.junit.jupiter.api.Test;

/**
 * The automatic SGD rate 0.5 / L_b, with L_b = m (b - 1) / (b (m - 1)) L + (m - b) / (b (m - 1)) L_max the
 * smoothness of a batch of b rows drawn without replacement, and L_max = max_i (m w_i / W) |x_i|^2 + lambda / W.
 */
class MiniBatchRatesTest {
    /** Rows x = 1, 2, 2, no intercept, unit weights, lambda 0: |x_i|^2 = 1, 4, 4, W = 3, so L_max = 4. */
    private static Problem rows122() {
        return Problem.builder(DenseMatrix.of(new float[][] {{1}, {2}, {2}})).model(new float[] {0, 1, 2}, null, 0.0)
                .fitIntercept(false).build();
    }

    /** b = 1: L_b = (3 - 1) / (1 * 2) L_max = 4, whatever L is; rate 0.5 / 4. */
    @Test
    void oneRowBatchesTakeTheLargestRowConstant() {
        assertArrayEquals(new double[] {0.125}, MiniBatchRates.of(rows122(), new double[] {3.0}, 1), 1e-15);
    }

    /** b = 2: L_b = 3 / 4 L + 1 / 4 L_max = 0.75 * 3 + 1 = 3.25; rate 0.5 / 3.25. */
    @Test
    void largerBatchesMixTheFullAndTheLargestRowConstant() {
        assertArrayEquals(new double[] {0.5 / 3.25}, MiniBatchRates.of(rows122(), new double[] {3.0}, 2), 1e-15);
    }

    /** A batch of every row is plain gradient descent: 0.5 / L. */
    @Test
    void aFullBatchTakesTheFullConstant() {
        assertArrayEquals(new double[] {0.5 / 3.0}, MiniBatchRates.of(rows122(), new double[] {3.0}, 5), 1e-15);
    }

    /**
     * A heavy row sets L_max by its share of the weight: x = 1 on four rows with intercept (|x_i|^2 + 1 = 2),
     * weights 1, 1, 1, 5 (W = 8), lambda 0. L_i = (m w_i / W) 2 = w_i, so L_max = 5; the Hessian (1 / W) [X 1]^T
     * diag(w) [X 1] = [[1, 1], [1, 1]] has L = 2. b = 2: L_b = 4 (1) / (2 (3)) 2 + 2 / (2 (3)) 5 = 4/3 + 5/3 = 3;
     * rate 0.5 / 3. Unweighted row constants (L_max = 2) would give 0.5 / 2, too large a step for the heavy row.
     */
    @Test
    void aHeavyRowSetsTheLargestRowConstantByItsWeight() {
        Problem heavy = Problem.builder(DenseMatrix.of(new float[][] {{1}, {1}, {1}, {1}}))
                .model(new float[] {0, 1, 2, 3}, new float[] {1, 1, 1, 5}, 0.0).build();
        assertArrayEquals(new double[] {0.5 / 3}, MiniBatchRates.of(heavy, new double[] {2.0}, 2), 1e-15);
    }
}
