package dev.ridgeline.engine.cuda;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Whether the kernels' float sums (over up to tens of thousands of rows per block on large data) still let
 * training reach the default tolerance, checked where it matters: on a GPU, at sizes the tests cannot hold.
 * For each shape it trains one model on the CUDA backend with the default configuration, then recomputes
 * the gradient at the returned parameters in double on the host, an oracle independent of every backend.
 * Prints one line per shape; exit code 1 when a model reported CONVERGED while its exact relative gradient
 * norm is above twice the tolerance (a false claim of convergence).
 *
 * <p>{@code CudaLargeSumCheck ROWSxCOLS[,ROWSxCOLS...]}: native/gpu-check.sh runs it with GPU_CHECK_LARGE=1
 * on 10,000,000 x 256 (the fused pass, about 19,000 rows per float sum on an H200) and 262,144 x 16,384 (the
 * wide path, 16,384 rows per slab).
 */
public final class CudaLargeSumCheck {
    private static final double LAMBDA = 1.0;
    private static final double NOISE = 0.1;

    private CudaLargeSumCheck() {
    }

    public static void main(String[] args) {
        String shapes = args.length > 0 ? args[0] : "10000000x256,262144x16384";
        var availability = new CudaBackendProvider().availability();
        if (!availability.available()) {
            System.out.println("large-sum cuda unavailable: " + availability.reason());
            System.exit(1);
        }
        TrainerConfig config = TrainerConfig.builder().maxEpochs(2000).build();
        boolean falseClaim = false;
        for (String shape : shapes.split(",")) {
            String[] mn = shape.trim().split("x");
            int m = Integer.parseInt(mn[0]);
            int n = Integer.parseInt(mn[1]);
            Problem problem = problem(m, n, 11);
            long start = System.nanoTime();
            TrainingResult result;
            String path;
            try (BoundProblem bound = new CudaBackendProvider().create().bind(problem)) {
                result = new Trainer(config).train(bound);
                path = ((CudaBoundProblem) bound).path();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Over the trainer's own initial norm, as the tolerance is read (the start's norm is large, and
            // its float rounding too small to matter here).
            double exact = exactGradientNorm(problem, result.parameters()) / result.initialGradientNorm()[0];
            boolean converged = result.stopReason(0) == StopReason.CONVERGED;
            falseClaim |= converged && exact > 2 * config.tolerance();
            System.out.printf(Locale.ROOT, "large-sum shape=%dx%d path=[%s] stop=%s epochs=%d seconds=%.1f"
                    + " reported_relative_norm=%.3e exact_relative_norm=%.3e tolerance=%.1e%n", m, n, path,
                    result.stopReason(0), result.epochs()[0], seconds, result.relativeGradientNorm(0), exact,
                    config.tolerance());
        }
        System.exit(falseClaim ? 1 : 0);
    }

    /** X (m, n) uniform in [-1, 1), y = x.beta + 3 + noise, beta uniform in [-2, 2); lambda 1. Chunks in parallel. */
    static Problem problem(int m, int n, long seed) {
        double[] beta = new SplittableRandom(seed).doubles(n, -2, 2).toArray();
        DenseMatrix x = DenseMatrix.zeros(m, n);
        float[] y = new float[m];
        IntStream.range(0, x.chunkCount()).parallel().forEach(c -> {
            SplittableRandom rng = new SplittableRandom(seed + 1 + c);
            float[] chunk = x.chunk(c);
            int first = x.chunkFirstRow(c);
            for (int r = 0; r < x.chunkRows(c); r++) {
                double s = 3;
                for (int j = 0; j < n; j++) {
                    float v = (float) (2 * rng.nextDouble() - 1);
                    chunk[r * n + j] = v;
                    s += beta[j] * v;
                }
                y[first + r] = (float) (s + NOISE * (2 * rng.nextDouble() - 1));
            }
        });
        return Problem.builder(x).model(y, null, LAMBDA).build();
    }

    /**
     * |grad J(theta, b)| for J = 1/(2m) sum (x.theta + b - y)^2 + lambda/(2m) |theta|^2, every sum in double
     * (chunks in parallel, their partial gradients added in chunk order).
     */
    static double exactGradientNorm(Problem problem, Parameters p) {
        DenseMatrix x = problem.x();
        float[] y = problem.target(0);
        int n = x.cols();
        double[] theta = p.theta(0);
        double bias = p.bias(0);
        double[][] partial = new double[x.chunkCount()][];
        IntStream.range(0, x.chunkCount()).parallel().forEach(c -> {
            double[] g = new double[n + 1];
            float[] chunk = x.chunk(c);
            int first = x.chunkFirstRow(c);
            for (int r = 0; r < x.chunkRows(c); r++) {
                double residual = bias - y[first + r];
                for (int j = 0; j < n; j++) {
                    residual += theta[j] * chunk[r * n + j];
                }
                for (int j = 0; j < n; j++) {
                    g[j] += residual * chunk[r * n + j];
                }
                g[n] += residual;
            }
            partial[c] = g;
        });
        double m = x.rows();
        double sum = 0;
        for (int j = 0; j <= n; j++) {
            double g = 0;
            for (double[] part : partial) {
                g += part[j];
            }
            g = (g + (j < n ? LAMBDA * theta[j] : 0)) / m;
            sum += g * g;
        }
        return Math.sqrt(sum);
    }
}
