package dev.ridgeline.engine.java;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Problem;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD heart of the vector backend: one read of a block of rows of X serves all K models.
 *
 * <p>Shapes: X is (m, n) float32 row-major, theta is (K, n) float32 flattened model by model, bias (K).
 * Rows go four at a time, so each theta vector loaded feeds four rows. Per row and model it computes the
 * residual r = x . theta_k + b_k - y_k (dot in float lanes, lanes summed in double), adds w r^2 and w to
 * the double loss and weight sums, and accumulates w r x into a float gradient that is flushed into the
 * block's double partial every {@link #FLUSH_ROWS} rows (float per short run, double across runs).
 *
 * <p>Partial layout, per model k at {@code k * (n + 3)}: n theta-gradient sums, the bias-gradient sum,
 * sum w r^2, sum w. Only lane-wise vector operations are used (no reduceLanes), so the result is the same
 * whether a method runs interpreted or compiled.
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

    /** Per-worker scratch: the float gradient sums (K, n) and room to spill four accumulators. */
    static final class Scratch {
        final float[] gradient;
        final float[] lanes = new float[ROWS * LANES];

        Scratch(int models, int features) {
            this.gradient = new float[models * features];
        }
    }

    /**
     * Accumulates pass positions [from, to) into {@code partial} (zeroed here). Position p is row p, or
     * row {@code order[base + p]} when order is non-null. With {@code gradient} false only the loss and
     * weight sums are formed.
     */
    void accumulate(int[] order, int base, int from, int to, float[] theta, double[] bias,
                    boolean gradient, Scratch s, double[] partial) {
        Arrays.fill(partial, 0.0);
        int sinceFlush = 0;
        int p = from;
        while (p < to) {
            if (to - p >= ROWS) {
                group(row(order, base, p), row(order, base, p + 1), row(order, base, p + 2),
                        row(order, base, p + 3), theta, bias, gradient, s, partial);
                p += ROWS;
                sinceFlush += ROWS;
            } else {
                single(row(order, base, p), theta, bias, gradient, s, partial);
                p++;
                sinceFlush++;
            }
            if (gradient && sinceFlush >= FLUSH_ROWS) {
                flush(s.gradient, partial);
                sinceFlush = 0;
            }
        }
        if (gradient) {
            flush(s.gradient, partial);
        }
    }

    private static int row(int[] order, int base, int p) {
        return order == null ? p : order[base + p];
    }

    /** Four rows i0..i3 against every model. */
    private void group(int i0, int i1, int i2, int i3, float[] theta, double[] bias,
                       boolean gradient, Scratch s, double[] partial) {
        float[] a0 = x.rowArray(i0);
        float[] a1 = x.rowArray(i1);
        float[] a2 = x.rowArray(i2);
        float[] a3 = x.rowArray(i3);
        int o0 = x.rowOffset(i0);
        int o1 = x.rowOffset(i1);
        int o2 = x.rowOffset(i2);
        int o3 = x.rowOffset(i3);
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
            d0.intoArray(s.lanes, 0);
            d1.intoArray(s.lanes, LANES);
            d2.intoArray(s.lanes, 2 * LANES);
            d3.intoArray(s.lanes, 3 * LANES);
            double s0 = weighted(k, i0, dot(s.lanes, 0, a0, o0, theta, t), bias, partial);
            double s1 = weighted(k, i1, dot(s.lanes, LANES, a1, o1, theta, t), bias, partial);
            double s2 = weighted(k, i2, dot(s.lanes, 2 * LANES, a2, o2, theta, t), bias, partial);
            double s3 = weighted(k, i3, dot(s.lanes, 3 * LANES, a3, o3, theta, t), bias, partial);
            if (gradient) {
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

    /** One row i against every model (the rows left over after the groups of four). */
    private void single(int i, float[] theta, double[] bias, boolean gradient, Scratch s, double[] partial) {
        float[] a = x.rowArray(i);
        int o = x.rowOffset(i);
        for (int k = 0; k < models; k++) {
            int t = k * n;
            double r = weighted(k, i, dot(a, o, theta, t, s.lanes), bias, partial);
            if (gradient) {
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

    private double dot(float[] a, int o, float[] theta, int t, float[] lanes) {
        return dot(a, o, theta, t, n, lanes);
    }

    private double dot(float[] lanes, int at, float[] a, int o, float[] theta, int t) {
        return sumLanes(lanes, at, a, o, theta, t, n);
    }

    /**
     * x . theta[t..t+n) for one row x = a[o..o+n): float lanes, then the lanes and the tail summed in
     * double. {@code lanes} is scratch of at least {@link #SPECIES} length.
     */
    static double dot(float[] a, int o, float[] theta, int t, int n, float[] lanes) {
        int end = SPECIES.loopBound(n);
        FloatVector d = FloatVector.zero(SPECIES);
        for (int j = 0; j < end; j += LANES) {
            d = FloatVector.fromArray(SPECIES, a, o + j).fma(FloatVector.fromArray(SPECIES, theta, t + j), d);
        }
        d.intoArray(lanes, 0);
        return sumLanes(lanes, 0, a, o, theta, t, n);
    }

    /** Sums the spilled lanes at lanes[at..at+LANES) in order, then the tail elements beyond the vectors. */
    private static double sumLanes(float[] lanes, int at, float[] a, int o, float[] theta, int t, int n) {
        double sum = 0;
        for (int l = 0; l < LANES; l++) {
            sum += lanes[at + l];
        }
        for (int j = SPECIES.loopBound(n); j < n; j++) {
            sum += (double) a[o + j] * theta[t + j];
        }
        return sum;
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
    private void flush(float[] g, double[] partial) {
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
