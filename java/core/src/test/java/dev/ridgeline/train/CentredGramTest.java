package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Gram matrix swept four rows at a time against the plain row-by-row rank-one updates: the same bits
 * for any row count (remainders of 0 to 3 rows), rows of weight 0 skipped wherever they fall, small matrix
 * blocks (rows split across DenseMatrix chunks), with and without an intercept.
 */
class CentredGramTest {
    @Test
    void fourRowsPerSweepGiveTheRowByRowSumsBitForBit() {
        Random random = new Random(17);
        for (int rows : new int[] {1, 2, 3, 4, 5, 8, 11, 37, 203}) {
            for (int cols : new int[] {1, 3, 16, 33}) {
                for (boolean intercept : new boolean[] {true, false}) {
                    float[][] data = new float[rows][cols];
                    float[] y = new float[rows];
                    float[] w = new float[rows];
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < cols; j++) {
                            data[i][j] = (float) (random.nextGaussian() * 10 + j);
                        }
                        y[i] = (float) random.nextGaussian();
                        w[i] = random.nextInt(4) == 0 ? 0 : (float) (0.25 + random.nextDouble());
                    }
                    w[0] = 1; // at least one row counts
                    DenseMatrix x = DenseMatrix.zeros(rows, cols, 3 * cols); // three rows per block
                    for (int i = 0; i < rows; i++) {
                        x.setRow(i, data[i]);
                    }
                    Problem problem = Problem.builder(x).model(y, w, 1.0).fitIntercept(intercept).build();
                    CentredGram gram = CentredGram.build(problem, 0);
                    double[][] expected = rowByRow(data, w, gram.meanX);
                    for (int j = 0; j < cols; j++) {
                        for (int l = 0; l < cols; l++) {
                            assertEquals(Double.doubleToRawLongBits(expected[j][l]),
                                    Double.doubleToRawLongBits(gram.gram[j][l]), rows + " x " + cols + ", intercept "
                                            + intercept + ", entry (" + j + ", " + l + ")");
                        }
                    }
                }
            }
        }
    }

    /** sum_i w_i (x_i - mean)(x_i - mean)^T, one rank-one update of the lower triangle per row, then mirrored. */
    private static double[][] rowByRow(float[][] data, float[] w, double[] mean) {
        int n = mean.length;
        double[][] g = new double[n][n];
        double[] row = new double[n];
        for (int i = 0; i < data.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                row[j] = data[i][j] - mean[j];
            }
            for (int j = 0; j < n; j++) {
                double wr = w[i] * row[j];
                for (int l = 0; l <= j; l++) {
                    g[j][l] += wr * row[l];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int l = 0; l < j; l++) {
                g[l][j] = g[j][l];
            }
        }
        return g;
    }
}
