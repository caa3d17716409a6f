package dev.ridgeline.engine.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loops over the features of a group of four rows, for one or two models at once ({@link
 * FourModelLoops} for four). Rows are x_q = a_q[o_q .. o_q + n) (float32), theta_k = theta[t .. t + n)
 * and the float gradient sums g_k = g[t .. t + n); model k + 1 sits at t + n in both.
 * Dot products accumulate in float lanes, which {@link #laneSum} adds by a fixed tree; the tail beyond
 * the last full vector is added in double. The group sweeps take a range of whole-vector columns, so wide
 * rows can be swept in tiles (see {@link FusedPassKernel}).
 */
final class GroupLoops {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Where the four entries of the padded per-worker arrays p and po start. */
    private static final int AT = WorkerPadding.PAD;

    private final int n;
    private final int vectorEnd;

    GroupLoops(int n) {
        this.n = n;
        this.vectorEnd = SPECIES.loopBound(n);
    }

    /** Where the vector loops end: features [0, vectorEnd) go in whole vectors, the rest one by one. */
    int vectorEnd() {
        return vectorEnd;
    }

    /**
     * Lane partials of x_q . theta_k over the features [from, to) (whole vectors) for the four rows, added
     * to the partials in acc[at + qL ..) (L lanes), or starting from zero when from is 0. Carrying the
     * partials through acc lets a row be swept in column tiles with exactly the sums of one whole sweep;
     * {@link #rowDot} finishes them. Shapes: rows a_q[o_q ..] and theta[t ..] read over [from, to) of their n
     * features; acc (4, L) from at.
     */
    void dots(float[] theta, int t, float[] a0, int o0, float[] a1, int o1, float[] a2, int o2,
              float[] a3, int o3, int from, int to, float[] acc, int at) {
        FloatVector d0 = partial(from, acc, at);
        FloatVector d1 = partial(from, acc, at + LANES);
        FloatVector d2 = partial(from, acc, at + 2 * LANES);
        FloatVector d3 = partial(from, acc, at + 3 * LANES);
        for (int j = from; j < to; j += LANES) {
            FloatVector th = FloatVector.fromArray(SPECIES, theta, t + j);
            d0 = FloatVector.fromArray(SPECIES, a0, o0 + j).fma(th, d0);
            d1 = FloatVector.fromArray(SPECIES, a1, o1 + j).fma(th, d1);
            d2 = FloatVector.fromArray(SPECIES, a2, o2 + j).fma(th, d2);
            d3 = FloatVector.fromArray(SPECIES, a3, o3 + j).fma(th, d3);
        }
        d0.intoArray(acc, at);
        d1.intoArray(acc, at + LANES);
        d2.intoArray(acc, at + 2 * LANES);
        d3.intoArray(acc, at + 3 * LANES);
    }

    /**
     * {@link #dots} for four new rows and, in the same sweep over [from, to), {@link #addRows} for the four
     * previous rows p_q (scales c_q): the L1-resident gradient work overlaps the memory reads of the new
     * rows, and the gradient sums come out bitwise the same as from a separate {@link #addRows} (the
     * features beyond vectorEnd go through {@link #addRowsTail}). Shapes as {@link #dots}; p and po (4) from
     * PAD, the previous rows p_q[po_q ..]; c[ct .. ct + 4); g[t + from .. t + to) updated.
     */
    void dotsAndPreviousGradient(float[] theta, int t, float[] a0, int o0, float[] a1, int o1, float[] a2,
                                 int o2, float[] a3, int o3, float[] g, float[][] p, int[] po, float[] c,
                                 int ct, int from, int to, float[] acc, int at) {
        float[] p0 = p[AT + 0];
        float[] p1 = p[AT + 1];
        float[] p2 = p[AT + 2];
        float[] p3 = p[AT + 3];
        int q0 = po[AT + 0];
        int q1 = po[AT + 1];
        int q2 = po[AT + 2];
        int q3 = po[AT + 3];
        FloatVector v0 = FloatVector.broadcast(SPECIES, c[ct]);
        FloatVector v1 = FloatVector.broadcast(SPECIES, c[ct + 1]);
        FloatVector v2 = FloatVector.broadcast(SPECIES, c[ct + 2]);
        FloatVector v3 = FloatVector.broadcast(SPECIES, c[ct + 3]);
        FloatVector d0 = partial(from, acc, at);
        FloatVector d1 = partial(from, acc, at + LANES);
        FloatVector d2 = partial(from, acc, at + 2 * LANES);
        FloatVector d3 = partial(from, acc, at + 3 * LANES);
        for (int j = from; j < to; j += LANES) {
            FloatVector th = FloatVector.fromArray(SPECIES, theta, t + j);
            d0 = FloatVector.fromArray(SPECIES, a0, o0 + j).fma(th, d0);
            d1 = FloatVector.fromArray(SPECIES, a1, o1 + j).fma(th, d1);
            d2 = FloatVector.fromArray(SPECIES, a2, o2 + j).fma(th, d2);
            d3 = FloatVector.fromArray(SPECIES, a3, o3 + j).fma(th, d3);
            FloatVector sum = FloatVector.fromArray(SPECIES, g, t + j);
            sum = FloatVector.fromArray(SPECIES, p0, q0 + j).fma(v0, sum);
            sum = FloatVector.fromArray(SPECIES, p1, q1 + j).fma(v1, sum);
            sum = FloatVector.fromArray(SPECIES, p2, q2 + j).fma(v2, sum);
            sum = FloatVector.fromArray(SPECIES, p3, q3 + j).fma(v3, sum);
            sum.intoArray(g, t + j);
        }
        d0.intoArray(acc, at);
        d1.intoArray(acc, at + LANES);
        d2.intoArray(acc, at + 2 * LANES);
        d3.intoArray(acc, at + 3 * LANES);
    }

    /**
     * {@link #dotsAndPreviousGradient} for models k and k + 1 at once (theta rows t and t + n, scales
     * c[ct..] and c[ct + 4..], partials at acc[at ..) and acc[at + 4L ..)): each row vector loaded feeds
     * both models. Per model, every sum is formed in the same order as by the one-model loop, so the
     * results are bitwise the same. Shapes: theta and g (2, n) from t; c (2, 4) from ct; acc (2, 4, L) from at.
     */
    void dotsAndPreviousGradientTwoModels(float[] theta, int t, float[] a0, int o0, float[] a1, int o1,
                                          float[] a2, int o2, float[] a3, int o3, float[] g, float[][] p,
                                          int[] po, float[] c, int ct, int from, int to, float[] acc,
                                          int at) {
        float[] p0 = p[AT + 0];
        float[] p1 = p[AT + 1];
        float[] p2 = p[AT + 2];
        float[] p3 = p[AT + 3];
        int q0 = po[AT + 0];
        int q1 = po[AT + 1];
        int q2 = po[AT + 2];
        int q3 = po[AT + 3];
        int u = t + n;
        int cu = ct + 4;
        int au = at + 4 * LANES;
        FloatVector v0 = FloatVector.broadcast(SPECIES, c[ct]);
        FloatVector v1 = FloatVector.broadcast(SPECIES, c[ct + 1]);
        FloatVector v2 = FloatVector.broadcast(SPECIES, c[ct + 2]);
        FloatVector v3 = FloatVector.broadcast(SPECIES, c[ct + 3]);
        FloatVector w0 = FloatVector.broadcast(SPECIES, c[cu]);
        FloatVector w1 = FloatVector.broadcast(SPECIES, c[cu + 1]);
        FloatVector w2 = FloatVector.broadcast(SPECIES, c[cu + 2]);
        FloatVector w3 = FloatVector.broadcast(SPECIES, c[cu + 3]);
        FloatVector d0 = partial(from, acc, at);
        FloatVector d1 = partial(from, acc, at + LANES);
        FloatVector d2 = partial(from, acc, at + 2 * LANES);
        FloatVector d3 = partial(from, acc, at + 3 * LANES);
        FloatVector e0 = partial(from, acc, au);
        FloatVector e1 = partial(from, acc, au + LANES);
        FloatVector e2 = partial(from, acc, au + 2 * LANES);
        FloatVector e3 = partial(from, acc, au + 3 * LANES);
        for (int j = from; j < to; j += LANES) {
            FloatVector th = FloatVector.fromArray(SPECIES, theta, t + j);
            FloatVector tu = FloatVector.fromArray(SPECIES, theta, u + j);
            FloatVector x0 = FloatVector.fromArray(SPECIES, a0, o0 + j);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a1, o1 + j);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a2, o2 + j);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a3, o3 + j);
            d0 = x0.fma(th, d0);
            d1 = x1.fma(th, d1);
            d2 = x2.fma(th, d2);
            d3 = x3.fma(th, d3);
            e0 = x0.fma(tu, e0);
            e1 = x1.fma(tu, e1);
            e2 = x2.fma(tu, e2);
            e3 = x3.fma(tu, e3);
            FloatVector y0 = FloatVector.fromArray(SPECIES, p0, q0 + j);
            FloatVector y1 = FloatVector.fromArray(SPECIES, p1, q1 + j);
            FloatVector y2 = FloatVector.fromArray(SPECIES, p2, q2 + j);
            FloatVector y3 = FloatVector.fromArray(SPECIES, p3, q3 + j);
            FloatVector sum = FloatVector.fromArray(SPECIES, g, t + j);
            sum = y0.fma(v0, sum);
            sum = y1.fma(v1, sum);
            sum = y2.fma(v2, sum);
            y3.fma(v3, sum).intoArray(g, t + j);
            FloatVector sumU = FloatVector.fromArray(SPECIES, g, u + j);
            sumU = y0.fma(w0, sumU);
            sumU = y1.fma(w1, sumU);
            sumU = y2.fma(w2, sumU);
            y3.fma(w3, sumU).intoArray(g, u + j);
        }
        d0.intoArray(acc, at);
        d1.intoArray(acc, at + LANES);
        d2.intoArray(acc, at + 2 * LANES);
        d3.intoArray(acc, at + 3 * LANES);
        e0.intoArray(acc, au);
        e1.intoArray(acc, au + LANES);
        e2.intoArray(acc, au + 2 * LANES);
        e3.intoArray(acc, au + 3 * LANES);
    }

    /** The partials at acc[at ..), or zero at the first column. Shape: one vector, acc[at .. at + L). */
    static FloatVector partial(int from, float[] acc, int at) {
        return from == 0 ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, acc, at);
    }

    /** x . theta[t..t+n) for row x = a[o..o+n) from the lane partials a sweep left at acc[at .. at + L). */
    double rowDot(float[] acc, int at, float[] a, int o, float[] theta, int t) {
        double sum = laneSumAt(acc, at);
        return vectorEnd == n ? sum : tail(sum, a, o, theta, t);
    }

    /**
     * The features beyond vectorEnd of {@link #dotsAndPreviousGradient}'s gradient part (p, po, c as there).
     * Shapes: g[t + vectorEnd .. t + n) and the same features of the four rows; c[ct .. ct + 4).
     */
    void addRowsTail(float[] g, int t, float[][] p, int[] po, float[] c, int ct) {
        addTail(g, t, p[AT], po[AT], c[ct], p[AT + 1], po[AT + 1], c[ct + 1], p[AT + 2], po[AT + 2], c[ct + 2],
                p[AT + 3], po[AT + 3], c[ct + 3]);
    }

    /** g[t..t+n) += s0 x0 + s1 x1 + s2 x2 + s3 x3, in that order per element. Shapes: x_q = a_q[o_q .. o_q + n). */
    void addRows(float[] g, int t, float[] a0, int o0, float s0, float[] a1, int o1, float s1,
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
        addTail(g, t, a0, o0, s0, a1, o1, s1, a2, o2, s2, a3, o3, s3);
    }

    /** g[t..t+n) += s x for one row. Shape: x = a[o .. o + n). */
    void addRow(float[] g, int t, float[] a, int o, float s) {
        FloatVector v = FloatVector.broadcast(SPECIES, s);
        for (int j = 0; j < vectorEnd; j += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, g, t + j);
            FloatVector.fromArray(SPECIES, a, o + j).fma(v, acc).intoArray(g, t + j);
        }
        for (int j = vectorEnd; j < n; j++) {
            g[t + j] = Math.fma(a[o + j], s, g[t + j]);
        }
    }

    /**
     * The elements of {@link #addRows} beyond the last full vector. Shapes: g[t + vectorEnd .. t + n) and the
     * same features of the rows a_q[o_q ..].
     */
    private void addTail(float[] g, int t, float[] a0, int o0, float s0, float[] a1, int o1, float s1,
                         float[] a2, int o2, float s2, float[] a3, int o3, float s3) {
        for (int j = vectorEnd; j < n; j++) {
            float acc = g[t + j];
            acc = Math.fma(a0[o0 + j], s0, acc);
            acc = Math.fma(a1[o1 + j], s1, acc);
            acc = Math.fma(a2[o2 + j], s2, acc);
            g[t + j] = Math.fma(a3[o3 + j], s3, acc);
        }
    }

    /** x . theta[t..t+n) for one row x = a[o..o+n); {@code lanes} is a padded buffer of the caller's. */
    double dot(float[] a, int o, float[] theta, int t, float[] lanes) {
        FloatVector d = FloatVector.zero(SPECIES);
        for (int j = 0; j < vectorEnd; j += LANES) {
            d = FloatVector.fromArray(SPECIES, a, o + j).fma(FloatVector.fromArray(SPECIES, theta, t + j), d);
        }
        return withTail(d, a, o, theta, t, lanes);
    }

    /**
     * The lane sum of d plus, in double, the products beyond the last full vector (often none). Shapes: the row
     * a[o .. o + n), theta[t .. t + n); lanes padded, L floats from PAD.
     */
    private double withTail(FloatVector d, float[] a, int o, float[] theta, int t, float[] lanes) {
        double sum = laneSum(d, lanes, AT);
        return vectorEnd == n ? sum : tail(sum, a, o, theta, t);
    }

    /**
     * Adds, in double, the products beyond the last full vector. Shapes: a[o + j], theta[t + j], j in [vectorEnd, n).
     */
    private double tail(double sum, float[] a, int o, float[] theta, int t) {
        for (int j = vectorEnd; j < n; j++) {
            sum += (double) a[o + j] * theta[t + j];
        }
        return sum;
    }

    /** A padded buffer for one thread's lane sums ({@link #laneSum} at {@link WorkerPadding#PAD}). */
    static float[] laneBuffer() {
        return new float[WorkerPadding.padded(LANES)];
    }

    /**
     * The sum of d's lanes by a fixed pairwise tree, ((l0 + l1) + (l2 + l3)) + ..., through buf[at ..
     * at + LANES). Plain float adds in a fixed order give the same bits interpreted and compiled on every
     * JDK. {@code reduceLanes(ADD)} promises no order: JDK 17 compiles it in lane order, but JDK 25's
     * compiled form differs from its interpreted one, which made results depend on JIT timing.
     */
    static float laneSum(FloatVector d, float[] buf, int at) {
        d.intoArray(buf, at);
        return laneSumAt(buf, at);
    }

    /** {@link #laneSum} of the lanes already stored at buf[at .. at + LANES). */
    static float laneSumAt(float[] buf, int at) {
        if (LANES == 16) {
            return eight(buf, at) + eight(buf, at + 8);
        }
        if (LANES == 8) {
            return eight(buf, at);
        }
        if (LANES == 4) {
            return (buf[at] + buf[at + 1]) + (buf[at + 2] + buf[at + 3]);
        }
        for (int width = LANES / 2; width >= 1; width /= 2) {
            for (int i = 0; i < width; i++) {
                buf[at + i] = buf[at + 2 * i] + buf[at + 2 * i + 1];
            }
        }
        return buf[at];
    }

    /** Shape: b[a .. a + 8), summed by a fixed pairwise tree. */
    private static float eight(float[] b, int a) {
        return ((b[a] + b[a + 1]) + (b[a + 2] + b[a + 3])) + ((b[a + 4] + b[a + 5]) + (b[a + 6] + b[a + 7]));
    }
}
