package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import java.util.SplittableRandom;

/** Seeded benchmark data: X uniform in [-1, 1), y = X beta + 1 + noise, K models over a lambda grid. */
public final class BenchData {
    public static final long SEED = 20_240_601L;

    private BenchData() {
    }

    /** X (m, n) with entries uniform in [-1, 1), filled chunk by chunk. */
    public static DenseMatrix features(Shape shape, long seed) {
        DenseMatrix x = DenseMatrix.zeros(shape.rows(), shape.cols());
        SplittableRandom rng = new SplittableRandom(seed);
        for (int c = 0; c < x.chunkCount(); c++) {
            float[] a = x.chunk(c);
            for (int e = 0; e < a.length; e++) {
                a[e] = (float) (2 * rng.nextDouble() - 1);
            }
        }
        return x;
    }

    /** y = x . beta + 1 + noise (m), beta uniform in [-1, 1). */
    public static float[] target(DenseMatrix x, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] beta = new double[x.cols()];
        for (int j = 0; j < beta.length; j++) {
            beta[j] = 2 * rng.nextDouble() - 1;
        }
        float[] y = new float[x.rows()];
        for (int i = 0; i < y.length; i++) {
            float[] a = x.rowArray(i);
            int off = x.rowOffset(i);
            double s = 1;
            for (int j = 0; j < beta.length; j++) {
                s += beta[j] * a[off + j];
            }
            y[i] = (float) (s + 0.1 * (2 * rng.nextDouble() - 1));
        }
        return y;
    }

    /**
     * K models sharing X and y, lambda_k = 0.1 * 2^(k / 2) (a half-octave tuning grid: K = 32 spans 0.1 to 4,634,
     * every lambda distinct, and lambda / m times the step of {@link #rule} stays below 2 at every benchmark
     * shape, so no model's update diverges), unit weights.
     */
    public static Problem problem(DenseMatrix x, float[] y, int models) {
        Problem.Builder b = Problem.builder(x);
        for (int k = 0; k < models; k++) {
            b.model(y, null, 0.1 * Math.pow(2, k / 2.0));
        }
        return b.build();
    }

    /** A stable plain step for features in [-1, 1): below 1/L since |x|^2 <= n, plus 1 for the bias. */
    public static StepRule rule(int models, int features) {
        return StepRule.plain(models, 0.5 / (features + 1.0));
    }
}
