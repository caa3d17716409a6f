package dev.ridgeline.engine.java;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD heart of the vector backend: one read of a block of rows of X serves all K models.
 *
 * <p>Shapes: X is (m, n) float32 row-major, theta is (K, n) float32 flattened model by model, bias (K).
 * Rows go four at a time, so each theta vector loaded feeds four rows. Per row and model it computes the
 * residual r = x . theta_k + b_k - y_k (dot in float lanes, then the lanes added in order), adds w r^2 and w to
 * the double loss and weight sums, and accumulates w r x into a float gradient that is flushed into the
 * block's double partial every {@link #FLUSH_ROWS} rows (float per short run, double across runs).
 *
 * <p>Partial layout, per model k at {@code k * (n + 3)}: n theta-gradient sums, the bias-gradient sum,
 * sum w r^2, sum w. Every reduction has a fixed order, so the result does not depend on the thread
 * count, nor on whether a method runs interpreted or compiled.
 */
final class FusedPassKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows per group: every theta vector loaded is used by this many rows. */
    static final int ROWS = 4;
    /** Float gradient sums cover at most this many rows before they are added to the double partial. */
    static final int FLUSH_ROWS = 64;

    private final DenseMatrix x;
    private final int n;
    private final int models;
    private final int stride;
    private final int vectorEnd;
    private final float[][] targets;
    private final float[][] weights;

    FusedPassKernel(Problem problem) {
        this.x = problem.x();
        this.n = problem.features();
        this.models = problem.models();
        this.stride = n + 3;
        this.vectorEnd = SPECIES.loopBound(n);
        this.targets = new float[models][];
        this.weights = new float[models][];
        for (int k = 0; k < models; k++) {
            targets[k] = problem.target(k);
            weights[k] = problem.weights(k);
        }
    }

    /** Length of one block partial: (K, n + 3). */
    int partialLength() {
        return models * stride;
    }

    /** Per-worker scratch: the float gradient sums (K, n), and the inputs and output of the current block. */
    static final class Scratch {
        final float[] gradient;
        float[] theta;
        double[] bias;
        boolean withGradient;
        double[] partial;

        Scratch(int models, int features) {
            this.gradient = new float[models * features];
        }
    }

    /**
     * Accumulates pass positions [from, to) into {@code partial} (zeroed here). Position p is row p, or
     * row {@code order[base + p]} when order is non-null. With {@code withGradient} false only the loss
     * and weight sums are formed.
     */
    void accumulate(int[] order, int base, int from, int to, float[] theta, double[] bias,
                    boolean withGradient, Scratch s, double[] partial) {
        Arrays.fill(partial, 0.0);
        s.theta = theta;
        s.bias = bias;
        s.withGradient = withGradient;
        s.partial = partial;
        if (order == null) {
            contiguous(from, to, s);
        } else {
            indexed(order, base, from, to, s);
        }
        if (withGradient) {
            flush(s);
        }
    }

    /** Rows [from, to), walked chunk by chunk so that each row's array and offset come without a division. */
    private void contiguous(int from, int to, Scratch s) {
        int sinceFlush = 0;
        int i = from;
        while (i < to) {
            int c = i / x.rowsPerChunk();
            float[] a = x.chunk(c);
            int end = Math.min(to, x.chunkFirstRow(c) + x.chunkRows(c));
            int o = x.rowOffset(i);
            while (i < end) {
                if (end - i >= ROWS) {
                    group(i, i + 1, i + 2, i + 3, a, o, a, o + n, a, o + 2 * n, a, o + 3 * n, s);
                    i += ROWS;
                    o += ROWS * n;
                    sinceFlush += ROWS;
                } else {
                    single(i, a, o, s);
                    i++;
                    o += n;
                    sinceFlush++;
                }
                if (s.withGradient && sinceFlush >= FLUSH_ROWS) {
                    flush(s);
                    sinceFlush = 0;
                }
            }
        }
    }

    /** Rows order[base + from .. base + to), a mini-batch in any order. */
    private void indexed(int[] order, int base, int from, int to, Scratch s) {
        int sinceFlush = 0;
        int p = from;
        while (p < to) {
            if (to - p >= ROWS) {
                int i0 = order[base + p];
                int i1 = order[base + p + 1];
                int i2 = order[base + p + 2];
                int i3 = order[base + p + 3];
                group(i0, i1, i2, i3, x.rowArray(i0), x.rowOffset(i0), x.rowArray(i1), x.rowOffset(i1),
                        x.rowArray(i2), x.rowOffset(i2), x.rowArray(i3), x.rowOffset(i3), s);
                p += ROWS;
                sinceFlush += ROWS;
            } else {
                int i = order[base + p];
                single(i, x.rowArray(i), x.rowOffset(i), s);
                p++;
                sinceFlush++;
            }
            if (s.withGradient && sinceFlush >= FLUSH_ROWS) {
                flush(s);
                sinceFlush = 0;
            }
        }
    }

    /** Rows i0..i3 (at a0[o0..], ..., a3[o3..]) against every model. */
    private void group(int i0, int i1, int i2, int i3, float[] a0, int o0, float[] a1, int o1,
                       float[] a2, int o2, float[] a3, int o3, Scratch s) {
        float[] theta = s.theta;
        double[] bias = s.bias;
        double[] partial = s.partial;
        for (int k = 0; k < models; k++) {
            int t = k * n;
            FloatVector d0 = FloatVector.zero(SPECIES);
            FloatVector d1 = d0;
            FloatVector d2 = d0;
            FloatVector d3 = d0;
            for (int j = 0; j < vectorEnd; j += LANES) {
                FloatVector th = FloatVector.fromArray(SPECIES, theta, t + j);
                d0 = FloatVector.fromArray(SPECIES, a0, o0 + j).fma(th, d0);
                d1 = FloatVector.fromArray(SPECIES, a1, o1 + j).fma(th, d1);
                d2 = FloatVector.fromArray(SPECIES, a2, o2 + j).fma(th, d2);
                d3 = FloatVector.fromArray(SPECIES, a3, o3 + j).fma(th, d3);
            }
            double r0 = dotTail(sumLanes(d0), a0, o0, theta, t) + bias[k] - targets[k][i0];
            double r1 = dotTail(sumLanes(d1), a1, o1, theta, t) + bias[k] - targets[k][i1];
            double r2 = dotTail(sumLanes(d2), a2, o2, theta, t) + bias[k] - targets[k][i2];
            double r3 = dotTail(sumLanes(d3), a3, o3, theta, t) + bias[k] - targets[k][i3];
            float[] w = weights[k];
            double w0 = w == null ? 1.0 : w[i0];
            double w1 = w == null ? 1.0 : w[i1];
            double w2 = w == null ? 1.0 : w[i2];
            double w3 = w == null ? 1.0 : w[i3];
            double s0 = w0 * r0;
            double s1 = w1 * r1;
            double s2 = w2 * r2;
            double s3 = w3 * r3;
            int at = k * stride + n;
            partial[at] += (s0 + s1) + (s2 + s3);
            partial[at + 1] += (s0 * r0 + s1 * r1) + (s2 * r2 + s3 * r3);
            partial[at + 2] += (w0 + w1) + (w2 + w3);
            if (s.withGradient) {
                addRows(s.gradient, t, a0, o0, (float) s0, a1, o1, (float) s1,
                        a2, o2, (float) s2, a3, o3, (float) s3);
            }
        }
    }

    /** g[t..t+n) += s0 x0 + s1 x1 + s2 x2 + s3 x3, in that order per element. */
    private void addRows(float[] g, int t, float[] a0, int o0, float s0, float[] a1, int o1, float s1,
                         float[] a2, int o2, float s2, float[] a3, int o3, float s3) {
        FloatVector v0 = FloatVector.broadcast(SPECIES, s0);
        FloatVector v1 = FloatVector.broadcast(SPECIES, s1);
        FloatVector v2 = FloatVector.broadcast(SPECIES, s2);
        FloatVector v3 = FloatVector.broadcast(SPECIES, s3);
        for (int j = 0; j < vectorEnd; j += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, g, t + j);
            acc = FloatVector.fromArray(SPECIES, a0, o0 + j).fma(v0, acc);
            acc = FloatVector.fromArray(SPECIES, a1, o1 + j).fma(v1, acc);
            acc = FloatVector.fromArray(SPECIES, a2, o2 + j).fma(v2, acc);
            acc = FloatVector.fromArray(SPECIES, a3, o3 + j).fma(v3, acc);
            acc.intoArray(g, t + j);
        }
        for (int j = vectorEnd; j < n; j++) {
            float acc = g[t + j];
            acc = Math.fma(a0[o0 + j], s0, acc);
            acc = Math.fma(a1[o1 + j], s1, acc);
            acc = Math.fma(a2[o2 + j], s2, acc);
            g[t + j] = Math.fma(a3[o3 + j], s3, acc);
        }
    }

    /** One row i (at a[o..]) against every model: the rows left over after the groups of four. */
    private void single(int i, float[] a, int o, Scratch s) {
        for (int k = 0; k < models; k++) {
            int t = k * n;
            double r = weighted(k, i, dot(a, o, s.theta, t, n), s.bias, s.partial);
            if (s.withGradient) {
                float sr = (float) r;
                FloatVector v = FloatVector.broadcast(SPECIES, sr);
                for (int j = 0; j < vectorEnd; j += LANES) {
                    FloatVector acc = FloatVector.fromArray(SPECIES, s.gradient, t + j);
                    FloatVector.fromArray(SPECIES, a, o + j).fma(v, acc).intoArray(s.gradient, t + j);
                }
                for (int j = vectorEnd; j < n; j++) {
                    s.gradient[t + j] = Math.fma(a[o + j], sr, s.gradient[t + j]);
                }
            }
        }
    }

    /**
     * x . theta[t..t+n) for one row x = a[o..o+n): float lanes summed by {@link #sumLanes}, then the tail
     * elements beyond the last full vector added in double.
     */
    static double dot(float[] a, int o, float[] theta, int t, int n) {
        int end = SPECIES.loopBound(n);
        FloatVector d = FloatVector.zero(SPECIES);
        for (int j = 0; j < end; j += LANES) {
            d = FloatVector.fromArray(SPECIES, a, o + j).fma(FloatVector.fromArray(SPECIES, theta, t + j), d);
        }
        double sum = sumLanes(d);
        for (int j = end; j < n; j++) {
            sum += (double) a[o + j] * theta[t + j];
        }
        return sum;
    }

    private double dotTail(double sum, float[] a, int o, float[] theta, int t) {
        for (int j = vectorEnd; j < n; j++) {
            sum += (double) a[o + j] * theta[t + j];
        }
        return sum;
    }

    /**
     * The sum of the lanes, lane 0 first. Java defines the fallback as sequential adds from lane 0 and the
     * JDK 17 compiler emits the same ordered sequence, so interpreted and compiled runs agree bit for bit
     * (VectorBackendDeterminismTest and the -Xint check in the benchmarks README).
     */
    static double sumLanes(FloatVector d) {
        return d.reduceLanes(VectorOperators.ADD);
    }

    /** Adds row i's loss terms for model k; returns w r, the row's scale in the gradient. */
    private double weighted(int k, int i, double dot, double[] bias, double[] partial) {
        double r = dot + bias[k] - targets[k][i];
        double w = weights[k] == null ? 1.0 : weights[k][i];
        double wr = w * r;
        int at = k * stride + n;
        partial[at] += wr;
        partial[at + 1] += wr * r;
        partial[at + 2] += w;
        return wr;
    }

    /** partial[k (n + 3) + j] += g[k n + j], then g = 0. */
    private void flush(Scratch s) {
        float[] g = s.gradient;
        double[] partial = s.partial;
        for (int k = 0; k < models; k++) {
            int t = k * n;
            int at = k * stride;
            for (int j = 0; j < n; j++) {
                partial[at + j] += g[t + j];
            }
        }
        Arrays.fill(g, 0f);
    }
}
