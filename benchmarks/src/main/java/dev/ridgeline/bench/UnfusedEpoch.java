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
 * each SIMD and parallel over row slices, each slice read as four streams as the streaming read reads it.
 * Pass 1: r = X theta^T + b - y, shape (K, m). Pass 2: g = X^T r, shape (K, n). Then the update of
 * section 1 with unit weights. X is read twice.
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

    /**
     * One epoch: both passes and the update; returns the bias of model 0 as a value to sink. Shapes: X (m, n),
     * residual (K, m), sliceSums (slices, K n) float, sliceParts (slices, K (n + 1)) double.
     */
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

    /**
     * Pass 1 over rows [from, to): r_ki = x_i . theta_k + b_k - y_ki. Rows go four at a time, a quarter of
     * the range apart (i, i + q, i + 2q, i + 3q): four forward streams, as the streaming read and the fused
     * kernel read X, and four independent dot products per theta load; the rows past 4q one at a time. Shapes:
     * X (m, n), theta (K n) float model by model, bias (K), y_k (m); writes residual (K, m) at rows [from, to).
     */
    private void residuals(int from, int to) {
        int q = (to - from) / 4;
        for (int r = from; r < from + q; r++) {
            int i1 = r + q;
            int i2 = i1 + q;
            int i3 = i2 + q;
            float[] a0 = x.rowArray(r);
            float[] a1 = x.rowArray(i1);
            float[] a2 = x.rowArray(i2);
            float[] a3 = x.rowArray(i3);
            int o0 = x.rowOffset(r);
            int o1 = x.rowOffset(i1);
            int o2 = x.rowOffset(i2);
            int o3 = x.rowOffset(i3);
            for (int m = 0; m < k; m++) {
                fourDots(a0, o0, a1, o1, a2, o2, a3, o3, m, r, i1, i2, i3);
            }
        }
        for (int i = from + 4 * q; i < to; i++) {
            for (int m = 0; m < k; m++) {
                residual[m][i] = (float) (dot(x.rowArray(i), x.rowOffset(i), m) + bias[m] - problem.target(m)[i]);
            }
        }
    }

    /**
     * The residuals of model m at rows i0..i3 (at a0[o0..] .. a3[o3..]). Shapes: four rows of n floats, theta
     * (K n) with model m at m n, model m's targets and residual[m] one per row of X; writes residual[m] at i0..i3.
     */
    private void fourDots(float[] a0, int o0, float[] a1, int o1, float[] a2, int o2, float[] a3, int o3, int m,
                          int i0, int i1, int i2, int i3) {
        int lanes = SPECIES.length();
        int end = SPECIES.loopBound(n);
        int t = m * n;
        FloatVector d0 = FloatVector.zero(SPECIES);
        FloatVector d1 = d0;
        FloatVector d2 = d0;
        FloatVector d3 = d0;
        for (int j = 0; j < end; j += lanes) {
            FloatVector th = FloatVector.fromArray(SPECIES, theta, t + j);
            d0 = FloatVector.fromArray(SPECIES, a0, o0 + j).fma(th, d0);
            d1 = FloatVector.fromArray(SPECIES, a1, o1 + j).fma(th, d1);
            d2 = FloatVector.fromArray(SPECIES, a2, o2 + j).fma(th, d2);
            d3 = FloatVector.fromArray(SPECIES, a3, o3 + j).fma(th, d3);
        }
        float s0 = d0.reduceLanes(VectorOperators.ADD);
        float s1 = d1.reduceLanes(VectorOperators.ADD);
        float s2 = d2.reduceLanes(VectorOperators.ADD);
        float s3 = d3.reduceLanes(VectorOperators.ADD);
        for (int j = end; j < n; j++) {
            s0 += a0[o0 + j] * theta[t + j];
            s1 += a1[o1 + j] * theta[t + j];
            s2 += a2[o2 + j] * theta[t + j];
            s3 += a3[o3 + j] * theta[t + j];
        }
        float[] y = problem.target(m);
        residual[m][i0] = (float) (s0 + bias[m] - y[i0]);
        residual[m][i1] = (float) (s1 + bias[m] - y[i1]);
        residual[m][i2] = (float) (s2 + bias[m] - y[i2]);
        residual[m][i3] = (float) (s3 + bias[m] - y[i3]);
    }

    /** x_i . theta_m for the row at a[o..]. Shapes: the row a[o .. o + n), theta (K n) with model m at m n. */
    private float dot(float[] a, int o, int m) {
        int lanes = SPECIES.length();
        int end = SPECIES.loopBound(n);
        FloatVector d = FloatVector.zero(SPECIES);
        for (int j = 0; j < end; j += lanes) {
            d = FloatVector.fromArray(SPECIES, a, o + j).fma(FloatVector.fromArray(SPECIES, theta, m * n + j), d);
        }
        float dot = d.reduceLanes(VectorOperators.ADD);
        for (int j = end; j < n; j++) {
            dot += a[o + j] * theta[m * n + j];
        }
        return dot;
    }

    /**
     * Pass 2 over rows [from, to): the slice's (K, n + 1) sums of r x and r into out, g (K n) its float sums.
     * Rows go four at a time as in pass 1, so each model's sums are loaded and stored once per four rows.
     */
    private void gradient(int from, int to, float[] g, double[] out) {
        Arrays.fill(g, 0f);
        Arrays.fill(out, 0.0);
        int q = (to - from) / 4;
        for (int r = from; r < from + q; r++) {
            int i1 = r + q;
            int i2 = i1 + q;
            int i3 = i2 + q;
            float[] a0 = x.rowArray(r);
            float[] a1 = x.rowArray(i1);
            float[] a2 = x.rowArray(i2);
            float[] a3 = x.rowArray(i3);
            int o0 = x.rowOffset(r);
            int o1 = x.rowOffset(i1);
            int o2 = x.rowOffset(i2);
            int o3 = x.rowOffset(i3);
            for (int m = 0; m < k; m++) {
                float[] res = residual[m];
                fourRowsGradient(g, m * n, a0, o0, a1, o1, a2, o2, a3, o3, res[r], res[i1], res[i2], res[i3]);
                out[m * (n + 1) + n] += (double) res[r] + res[i1] + res[i2] + res[i3];
            }
        }
        int lanes = SPECIES.length();
        int end = SPECIES.loopBound(n);
        for (int i = from + 4 * q; i < to; i++) {
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

    /** g[t .. t + n) += r0 x_0 + r1 x_1 + r2 x_2 + r3 x_3 for the rows at a0[o0..] .. a3[o3..]. */
    private void fourRowsGradient(float[] g, int t, float[] a0, int o0, float[] a1, int o1, float[] a2, int o2,
                                  float[] a3, int o3, float r0, float r1, float r2, float r3) {
        int lanes = SPECIES.length();
        int end = SPECIES.loopBound(n);
        FloatVector v0 = FloatVector.broadcast(SPECIES, r0);
        FloatVector v1 = FloatVector.broadcast(SPECIES, r1);
        FloatVector v2 = FloatVector.broadcast(SPECIES, r2);
        FloatVector v3 = FloatVector.broadcast(SPECIES, r3);
        for (int j = 0; j < end; j += lanes) {
            FloatVector acc = FloatVector.fromArray(SPECIES, g, t + j);
            acc = FloatVector.fromArray(SPECIES, a0, o0 + j).fma(v0, acc);
            acc = FloatVector.fromArray(SPECIES, a1, o1 + j).fma(v1, acc);
            acc = FloatVector.fromArray(SPECIES, a2, o2 + j).fma(v2, acc);
            acc = FloatVector.fromArray(SPECIES, a3, o3 + j).fma(v3, acc);
            acc.intoArray(g, t + j);
        }
        for (int j = end; j < n; j++) {
            g[t + j] += r0 * a0[o0 + j] + r1 * a1[o1 + j] + r2 * a2[o2 + j] + r3 * a3[o3 + j];
        }
    }

    /**
     * theta <- theta (1 - alpha lambda / W) - alpha / W sum r x;  b <- b - alpha / W sum r.
     * Shapes: parts (slices, K (n + 1)) double, sums (K (n + 1)); theta (K n) float, bias (K).
     */
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
