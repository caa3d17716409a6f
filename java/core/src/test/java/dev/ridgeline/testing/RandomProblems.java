package dev.ridgeline.testing;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import java.util.SplittableRandom;

/** Seeded random ridge problems for tests: well-conditioned features, noisy linear targets. */
public final class RandomProblems {
    private RandomProblems() {
    }

    /** X (m, n) with entries uniform in [-1, 1), each column shifted by a random offset. */
    public static DenseMatrix features(int m, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] offset = new double[n];
        for (int j = 0; j < n; j++) {
            offset[j] = rng.nextDouble() - 0.5;
        }
        DenseMatrix x = DenseMatrix.zeros(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                x.set(i, j, (float) (2 * rng.nextDouble() - 1 + offset[j]));
            }
        }
        return x;
    }

    /** y = x . beta + 3 + noise, beta uniform in [-2, 2). */
    public static float[] target(DenseMatrix x, long seed, double noise) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] beta = new double[x.cols()];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = 4 * rng.nextDouble() - 2;
        }
        float[] y = new float[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            double s = 3;
            for (int j = 0; j < beta.length; j++) {
                s += beta[j] * x.get(i, j);
            }
            y[i] = (float) (s + noise * (2 * rng.nextDouble() - 1));
        }
        return y;
    }

    /** Row weights uniform in [0, 2), a few exactly zero. */
    public static float[] weights(int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed + 17);
        float[] w = new float[m];
        for (int i = 0; i < m; i++) {
            w[i] = i % 7 == 3 ? 0f : (float) (2 * rng.nextDouble());
        }
        return w;
    }

    /** K models with their own targets, weights and lambdas over one random X. */
    public static Problem batch(int m, int n, int k, long seed) {
        DenseMatrix x = features(m, n, seed);
        Problem.Builder b = Problem.builder(x);
        for (int model = 0; model < k; model++) {
            float[] y = target(x, seed + 100 * model, 0.1);
            float[] w = model % 2 == 0 ? null : weights(m, seed + model);
            b.model(y, w, 0.1 + 0.7 * model);
        }
        return b.build();
    }
}
