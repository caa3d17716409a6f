package dev.ridgeline.bench;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.VectorBackend;
import java.util.Arrays;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The baseline to beat: a plain gradient-descent epoch done the textbook way, in two passes over X,
 * each SIMD and parallel over row slices. Pass 1: r = X theta^T + b - y, shape (K, m). Pass 2:
 * g = X^T r, shape (K, n). Then the update of section 1 with unit weights. X is read twice.
 */
public final class UnfusedEpoch {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private final Problem problem;
    private final DenseMatrix x;
    private final int k;
    private final int n;
    private final float[] theta;
    private final double[] bias;
    private final float[][] residual;
    private final double alpha;
    /**
     * Per slice, its float sums of r x (K n) and its (K, n + 1) partial in double, kept from epoch to epoch: made
     * afresh each epoch they were 12 MB of garbage at 16,384 x 4,096 (256 slices of 48 KB), a cost of this
     * baseline that no epoch of the backends pays.
     */
    private float[][] sliceSums;
    private double[][] sliceParts;

    public UnfusedEpoch(Problem problem, double alpha) {
        this.problem = problem;
        this.x = problem.x();
        this.k = problem.models();
        this.n = problem.features();
        this.theta = new float[k * n];
        this.bias = new double[k];
        this.residual = new float[k][x.rows()];
        this.alpha = alpha;
    }

    /** One epoch: both passes and the update; returns the bias of model 0 as a value to sink. */
    public double epoch() {
        // The streaming read's slices: at least one per thread the epochs use.
        int rowsPerSlice = StreamingRead.rowsPerSlice(x.rows(), n, VectorBackend.defaultThreads());
        int slices = StreamingRead.slices(x.rows(), rowsPerSlice);
        EpochThreads.run(() -> {
            IntStream.range(0, slices).parallel().forEach(s -> residuals(s * rowsPerSlice,
                    Math.min(x.rows(), (s + 1) * rowsPerSlice)));
            return null;
        });
        if (sliceParts == null || sliceParts.length != slices) {
            sliceSums = new float[slices][k * n];
            sliceParts = new double[slices][k * (n + 1)];
        }
        EpochThreads.run(() -> {
            IntStream.range(0, slices).parallel().forEach(s -> gradient(s * rowsPerSlice,
                    Math.min(x.rows(), (s + 1) * rowsPerSlice), sliceSums[s], sliceParts[s]));
            return null;
        });
        update(sliceParts);
        return bias[0];
    }

    /** theta_kj after the epochs so far. */
    public double theta(int model, int feature) {
        return theta[model * n + feature];
    }

    /** b_k after the epochs so far. */
    public double bias(int model) {
        return bias[model];
    }

    /** Pass 1 over rows [from, to): r_ki = x_i . theta_k + b_k - y_ki. */
    private void residuals(int from, int to) {
        int lanes = SPECIES.length();
        int end = SPECIES.loopBound(n);
        for (int i = from; i < to; i++) {
            float[] a = x.rowArray(i);
            int o = x.rowOffset(i);
            for (int m = 0; m < k; m++) {
                FloatVector d = FloatVector.zero(SPECIES);
                for (int j = 0; j < end; j += lanes) {
                    d = FloatVector.fromArray(SPECIES, a, o + j).fma(FloatVector.fromArray(SPECIES, theta, m * n + j), d);
                }
                float dot = d.reduceLanes(VectorOperators.ADD);
                for (int j = end; j < n; j++) {
                    dot += a[o + j] * theta[m * n + j];
                }
                residual[m][i] = (float) (dot + bias[m] - problem.target(m)[i]);
            }
        }
    }

    /** Pass 2 over rows [from, to): the slice's (K, n + 1) sums of r x and r into out, g (K n) its float sums. */
    private void gradient(int from, int to, float[] g, double[] out) {
        int lanes = SPECIES.length();
        int end = SPECIES.loopBound(n);
        Arrays.fill(g, 0f);
        Arrays.fill(out, 0.0);
        for (int i = from; i < to; i++) {
            float[] a = x.rowArray(i);
            int o = x.rowOffset(i);
            for (int m = 0; m < k; m++) {
                float r = residual[m][i];
                FloatVector rv = FloatVector.broadcast(SPECIES, r);
                for (int j = 0; j < end; j += lanes) {
                    FloatVector acc = FloatVector.fromArray(SPECIES, g, m * n + j);
                    FloatVector.fromArray(SPECIES, a, o + j).fma(rv, acc).intoArray(g, m * n + j);
                }
                for (int j = end; j < n; j++) {
                    g[m * n + j] += r * a[o + j];
                }
                out[m * (n + 1) + n] += r;
            }
        }
        for (int m = 0; m < k; m++) {
            for (int j = 0; j < n; j++) {
                out[m * (n + 1) + j] = g[m * n + j];
            }
        }
    }

    /** theta <- theta (1 - alpha lambda / W) - alpha / W sum r x;  b <- b - alpha / W sum r. */
    private void update(double[][] parts) {
        // Parts in the outer loop: independent adds along each part, where one dependent chain per element over
        // the parts (256 parts x K (n + 1) elements at n = 4,096) made the baseline slower than it need be. The
        // same order of terms per element, so the same sums.
        double[] sums = new double[k * (n + 1)];
        for (double[] part : parts) {
            for (int e = 0; e < sums.length; e++) {
                sums[e] += part[e];
            }
        }
        for (int m = 0; m < k; m++) {
            double w = problem.totalWeight(m);
            double shrink = 1 - alpha * problem.lambda(m) / w;
            for (int j = 0; j <= n; j++) {
                double sum = sums[m * (n + 1) + j];
                if (j < n) {
                    theta[m * n + j] = (float) (theta[m * n + j] * shrink - alpha / w * sum);
                } else {
                    bias[m] -= alpha / w * sum;
                }
            }
        }
    }
}
