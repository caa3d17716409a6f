package dev.ridgeline.engine.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loops of a group of four rows for four models at once, in two loops: the dot products of
 * 4 rows x 4 models (16 accumulators, each row vector loaded feeds four models), then the waiting group's
 * gradient for the same four models (16 scales held in registers). One fused loop for four models runs
 * out of registers; these two compile to about 45 and 55 instructions per 16 FMAs, against about 70 for
 * the fused two-model loop, which reloads pointers from the stack. Shapes as in {@link GroupLoops}:
 * model k + m at theta and g offset t + mn, lane partials (as {@link GroupLoops#dots}) at
 * acc[at + (4m + q)L ..).
 */
final class FourModelLoops {
    private static final VectorSpecies<Float> SPECIES = GroupLoops.SPECIES;
    private static final int LANES = GroupLoops.LANES;
    /** Where the four entries of the padded per-worker arrays p and po start. */
    private static final int AT = WorkerPadding.PAD;

    private final int n;

    FourModelLoops(int n) {
        this.n = n;
    }

    /**
     * Lane partials of x_q . theta_m for the four rows and the four models m = k..k+3 (theta rows t + mn,
     * partials at acc[at + (4m + q)L ..)), over [from, to), as {@link GroupLoops#dots} per model: one load
     * of a row vector feeds four models. The gradient goes separately ({@link #gradient}). Shapes: theta (4, n)
     * from t; rows a_q[o_q ..] read over [from, to); acc (4, 4, L) from at.
     */
    void dots(float[] theta, int t, float[] a0, int o0, float[] a1, int o1, float[] a2, int o2, float[] a3,
              int o3, int from, int to, float[] acc, int at) {
        int t1 = t + n;
        int t2 = t1 + n;
        int t3 = t2 + n;
        FloatVector d00 = GroupLoops.partial(from, acc, at);
        FloatVector d01 = GroupLoops.partial(from, acc, at + LANES);
        FloatVector d02 = GroupLoops.partial(from, acc, at + 2 * LANES);
        FloatVector d03 = GroupLoops.partial(from, acc, at + 3 * LANES);
        FloatVector d10 = GroupLoops.partial(from, acc, at + 4 * LANES);
        FloatVector d11 = GroupLoops.partial(from, acc, at + 5 * LANES);
        FloatVector d12 = GroupLoops.partial(from, acc, at + 6 * LANES);
        FloatVector d13 = GroupLoops.partial(from, acc, at + 7 * LANES);
        FloatVector d20 = GroupLoops.partial(from, acc, at + 8 * LANES);
        FloatVector d21 = GroupLoops.partial(from, acc, at + 9 * LANES);
        FloatVector d22 = GroupLoops.partial(from, acc, at + 10 * LANES);
        FloatVector d23 = GroupLoops.partial(from, acc, at + 11 * LANES);
        FloatVector d30 = GroupLoops.partial(from, acc, at + 12 * LANES);
        FloatVector d31 = GroupLoops.partial(from, acc, at + 13 * LANES);
        FloatVector d32 = GroupLoops.partial(from, acc, at + 14 * LANES);
        FloatVector d33 = GroupLoops.partial(from, acc, at + 15 * LANES);
        for (int j = from; j < to; j += LANES) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, a0, o0 + j);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a1, o1 + j);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a2, o2 + j);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a3, o3 + j);
            FloatVector th = FloatVector.fromArray(SPECIES, theta, t + j);
            d00 = x0.fma(th, d00);
            d01 = x1.fma(th, d01);
            d02 = x2.fma(th, d02);
            d03 = x3.fma(th, d03);
            th = FloatVector.fromArray(SPECIES, theta, t1 + j);
            d10 = x0.fma(th, d10);
            d11 = x1.fma(th, d11);
            d12 = x2.fma(th, d12);
            d13 = x3.fma(th, d13);
            th = FloatVector.fromArray(SPECIES, theta, t2 + j);
            d20 = x0.fma(th, d20);
            d21 = x1.fma(th, d21);
            d22 = x2.fma(th, d22);
            d23 = x3.fma(th, d23);
            th = FloatVector.fromArray(SPECIES, theta, t3 + j);
            d30 = x0.fma(th, d30);
            d31 = x1.fma(th, d31);
            d32 = x2.fma(th, d32);
            d33 = x3.fma(th, d33);
        }
        d00.intoArray(acc, at);
        d01.intoArray(acc, at + LANES);
        d02.intoArray(acc, at + 2 * LANES);
        d03.intoArray(acc, at + 3 * LANES);
        d10.intoArray(acc, at + 4 * LANES);
        d11.intoArray(acc, at + 5 * LANES);
        d12.intoArray(acc, at + 6 * LANES);
        d13.intoArray(acc, at + 7 * LANES);
        d20.intoArray(acc, at + 8 * LANES);
        d21.intoArray(acc, at + 9 * LANES);
        d22.intoArray(acc, at + 10 * LANES);
        d23.intoArray(acc, at + 11 * LANES);
        d30.intoArray(acc, at + 12 * LANES);
        d31.intoArray(acc, at + 13 * LANES);
        d32.intoArray(acc, at + 14 * LANES);
        d33.intoArray(acc, at + 15 * LANES);
    }

    /**
     * g_m[j] += c_m0 p_0[j] + c_m1 p_1[j] + c_m2 p_2[j] + c_m3 p_3[j], in that order (as {@link
     * GroupLoops#addRows}), for the four models m = k..k+3 (g rows t + mn, scales c[ct + 4m + q]) over the
     * columns [from, to). Shapes: g (4, n) from t; p and po (4) from PAD, the previous rows p_q[po_q ..]; c (4, 4)
     * from ct, model by model.
     */
    void gradient(float[] g, int t, float[][] p, int[] po, float[] c, int ct, int from, int to) {
        float[] p0 = p[AT + 0];
        float[] p1 = p[AT + 1];
        float[] p2 = p[AT + 2];
        float[] p3 = p[AT + 3];
        int q0 = po[AT + 0];
        int q1 = po[AT + 1];
        int q2 = po[AT + 2];
        int q3 = po[AT + 3];
        int t1 = t + n;
        int t2 = t1 + n;
        int t3 = t2 + n;
        FloatVector c00 = FloatVector.broadcast(SPECIES, c[ct]);
        FloatVector c01 = FloatVector.broadcast(SPECIES, c[ct + 1]);
        FloatVector c02 = FloatVector.broadcast(SPECIES, c[ct + 2]);
        FloatVector c03 = FloatVector.broadcast(SPECIES, c[ct + 3]);
        FloatVector c10 = FloatVector.broadcast(SPECIES, c[ct + 4]);
        FloatVector c11 = FloatVector.broadcast(SPECIES, c[ct + 5]);
        FloatVector c12 = FloatVector.broadcast(SPECIES, c[ct + 6]);
        FloatVector c13 = FloatVector.broadcast(SPECIES, c[ct + 7]);
        FloatVector c20 = FloatVector.broadcast(SPECIES, c[ct + 8]);
        FloatVector c21 = FloatVector.broadcast(SPECIES, c[ct + 9]);
        FloatVector c22 = FloatVector.broadcast(SPECIES, c[ct + 10]);
        FloatVector c23 = FloatVector.broadcast(SPECIES, c[ct + 11]);
        FloatVector c30 = FloatVector.broadcast(SPECIES, c[ct + 12]);
        FloatVector c31 = FloatVector.broadcast(SPECIES, c[ct + 13]);
        FloatVector c32 = FloatVector.broadcast(SPECIES, c[ct + 14]);
        FloatVector c33 = FloatVector.broadcast(SPECIES, c[ct + 15]);
        for (int j = from; j < to; j += LANES) {
            FloatVector y0 = FloatVector.fromArray(SPECIES, p0, q0 + j);
            FloatVector y1 = FloatVector.fromArray(SPECIES, p1, q1 + j);
            FloatVector y2 = FloatVector.fromArray(SPECIES, p2, q2 + j);
            FloatVector y3 = FloatVector.fromArray(SPECIES, p3, q3 + j);
            FloatVector sum = FloatVector.fromArray(SPECIES, g, t + j);
            sum = y0.fma(c00, sum);
            sum = y1.fma(c01, sum);
            sum = y2.fma(c02, sum);
            y3.fma(c03, sum).intoArray(g, t + j);
            sum = FloatVector.fromArray(SPECIES, g, t1 + j);
            sum = y0.fma(c10, sum);
            sum = y1.fma(c11, sum);
            sum = y2.fma(c12, sum);
            y3.fma(c13, sum).intoArray(g, t1 + j);
            sum = FloatVector.fromArray(SPECIES, g, t2 + j);
            sum = y0.fma(c20, sum);
            sum = y1.fma(c21, sum);
            sum = y2.fma(c22, sum);
            y3.fma(c23, sum).intoArray(g, t2 + j);
            sum = FloatVector.fromArray(SPECIES, g, t3 + j);
            sum = y0.fma(c30, sum);
            sum = y1.fma(c31, sum);
            sum = y2.fma(c32, sum);
            y3.fma(c33, sum).intoArray(g, t3 + j);
        }
    }
}
