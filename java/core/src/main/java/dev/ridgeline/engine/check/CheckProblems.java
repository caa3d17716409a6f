package dev.ridgeline.engine.check;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Shuffles;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded random problems for the self-check: K models with their own targets, half of them weighted. */
final class CheckProblems {
    private CheckProblems() {
    }

    /** X (m, n) uniform in [-1, 1) plus a per-column offset; model k: y = x.beta_k + 3 + noise, lambda 0.1 + 0.7 k. */
    static Problem random(int m, int n, int models, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DenseMatrix x = DenseMatrix.zeros(m, n);
        double[] offset = new double[n];
        for (int j = 0; j < n; j++) {
            offset[j] = rng.nextDouble() - 0.5;
        }
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                row[j] = (float) (2 * rng.nextDouble() - 1 + offset[j]);
            }
            x.setRow(i, row);
        }
        Problem.Builder b = Problem.builder(x);
        for (int k = 0; k < models; k++) {
            b.model(target(x, rng), k % 2 == 1 ? weights(m, rng) : null, 0.1 + 0.7 * k);
        }
        return b.build();
    }

    private static float[] target(DenseMatrix x, SplittableRandom rng) {
        double[] beta = new double[x.cols()];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = 4 * rng.nextDouble() - 2;
        }
        float[] y = new float[x.rows()];
        float[] row = new float[x.cols()];
        for (int i = 0; i < y.length; i++) {
            x.copyRow(i, row);
            double s = 3;
            for (int j = 0; j < row.length; j++) {
                s += beta[j] * row[j];
            }
            y[i] = (float) (s + 0.1 * (2 * rng.nextDouble() - 1));
        }
        return y;
    }

    /** Weights in [0, 2), every seventh row exactly zero; the first row always positive. */
    private static float[] weights(int m, SplittableRandom rng) {
        float[] w = new float[m];
        for (int i = 0; i < m; i++) {
            w[i] = i % 7 == 3 ? 0f : (float) (0.05 + 1.95 * rng.nextDouble());
        }
        return w;
    }

    /** Random parameters in [-1, 1) for every model. */
    static Parameters parameters(int models, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] theta = new double[models][n];
        double[] bias = new double[models];
        for (int k = 0; k < models; k++) {
            for (int j = 0; j < n; j++) {
                theta[k][j] = 2 * rng.nextDouble() - 1;
            }
            bias[k] = 2 * rng.nextDouble() - 1;
        }
        return new Parameters(theta, bias);
    }

    /** A shuffled half of the rows (at least one) as a mini-batch. */
    static RowBatch halfBatch(int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = new int[m];
        Arrays.setAll(order, i -> i);
        Shuffles.shuffle(order, rng);
        return new RowBatch(order, 0, Math.max(1, m / 2));
    }
}
