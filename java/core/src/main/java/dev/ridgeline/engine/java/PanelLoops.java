package dev.ridgeline.engine.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loops of {@link PanelPassKernel} over one group of four panels ({@link PanelMatrix}): a lane
 * is a row, so dot products need no lane sums and the gradient keeps one float sum per (model, feature,
 * lane).
 *
 * <p>Shapes: panel q of the group at a[o + q n L ..), column j of it at + j L (L lanes). theta_k at
 * theta[t + k n ..) (float, n values). Vectors of (panel, model) pairs in {@code rs} at at + (q K + k) L
 * (K = models). Lane gradient sums of model k at gl[g + k n L ..), feature j at + j L.
 */
final class PanelLoops {
    static final VectorSpecies<Float> SPECIES = GroupLoops.SPECIES;
    static final int LANES = GroupLoops.LANES;
    /**
     * A dot product's float lanes restart every this many features, and the partial is added to the
     * running sum: the float error then grows with the chunk, not with n (as for the row kernel, whose
     * lanes each hold n / L products).
     */
    static final int DOT_CHUNK = 256;

    private final int n;
    private final int models;
    private final int panelStride;

    PanelLoops(int n, int models) {
        this.n = n;
        this.models = models;
        this.panelStride = n * LANES;
    }

    /**
     * rs[at + (q K + k + d) L] = x_q . theta_{k+d} (d = 0..3) for panels q and q + 1 of the group at a[o..]:
     * each column vector loaded feeds four models, each theta value two panels.
     */
    void dotsTwoPanelsFourModels(float[] a, int o, int q, float[] theta, int t, int k, float[] rs, int at) {
        int o0 = o + q * panelStride;
        int o1 = o0 + panelStride;
        int t0 = t + k * n;
        int t1 = t0 + n;
        int t2 = t1 + n;
        int t3 = t2 + n;
        int r0 = at + (q * models + k) * LANES;
        int r1 = r0 + models * LANES;
        for (int c = 0; c < n; c += DOT_CHUNK) {
            int end = Math.min(n, c + DOT_CHUNK);
            FloatVector d00 = FloatVector.zero(SPECIES);
            FloatVector d01 = d00;
            FloatVector d02 = d00;
            FloatVector d03 = d00;
            FloatVector d10 = d00;
            FloatVector d11 = d00;
            FloatVector d12 = d00;
            FloatVector d13 = d00;
            for (int j = c; j < end; j++) {
                FloatVector x0 = FloatVector.fromArray(SPECIES, a, o0 + j * LANES);
                FloatVector x1 = FloatVector.fromArray(SPECIES, a, o1 + j * LANES);
                FloatVector h = FloatVector.broadcast(SPECIES, theta[t0 + j]);
                d00 = x0.fma(h, d00);
                d10 = x1.fma(h, d10);
                h = FloatVector.broadcast(SPECIES, theta[t1 + j]);
                d01 = x0.fma(h, d01);
                d11 = x1.fma(h, d11);
                h = FloatVector.broadcast(SPECIES, theta[t2 + j]);
                d02 = x0.fma(h, d02);
                d12 = x1.fma(h, d12);
                h = FloatVector.broadcast(SPECIES, theta[t3 + j]);
                d03 = x0.fma(h, d03);
                d13 = x1.fma(h, d13);
            }
            boolean first = c == 0;
            store(d00, rs, r0, first);
            store(d01, rs, r0 + LANES, first);
            store(d02, rs, r0 + 2 * LANES, first);
            store(d03, rs, r0 + 3 * LANES, first);
            store(d10, rs, r1, first);
            store(d11, rs, r1 + LANES, first);
            store(d12, rs, r1 + 2 * LANES, first);
            store(d13, rs, r1 + 3 * LANES, first);
        }
    }

    /** rs[at + (q K + k) L] = x_q . theta_k for the four panels q of the group at a[o..]. */
    void dotsFourPanelsOneModel(float[] a, int o, float[] theta, int t, int k, float[] rs, int at) {
        int o0 = o;
        int o1 = o0 + panelStride;
        int o2 = o1 + panelStride;
        int o3 = o2 + panelStride;
        int tk = t + k * n;
        int r0 = at + k * LANES;
        int step = models * LANES;
        for (int c = 0; c < n; c += DOT_CHUNK) {
            int end = Math.min(n, c + DOT_CHUNK);
            FloatVector d0 = FloatVector.zero(SPECIES);
            FloatVector d1 = d0;
            FloatVector d2 = d0;
            FloatVector d3 = d0;
            for (int j = c; j < end; j++) {
                FloatVector h = FloatVector.broadcast(SPECIES, theta[tk + j]);
                d0 = FloatVector.fromArray(SPECIES, a, o0 + j * LANES).fma(h, d0);
                d1 = FloatVector.fromArray(SPECIES, a, o1 + j * LANES).fma(h, d1);
                d2 = FloatVector.fromArray(SPECIES, a, o2 + j * LANES).fma(h, d2);
                d3 = FloatVector.fromArray(SPECIES, a, o3 + j * LANES).fma(h, d3);
            }
            boolean first = c == 0;
            store(d0, rs, r0, first);
            store(d1, rs, r0 + step, first);
            store(d2, rs, r0 + 2 * step, first);
            store(d3, rs, r0 + 3 * step, first);
        }
    }

    /** The first chunk's partial is stored, later ones added to it. */
    private static void store(FloatVector d, float[] rs, int at, boolean first) {
        (first ? d : d.add(FloatVector.fromArray(SPECIES, rs, at))).intoArray(rs, at);
    }

    /**
     * gl_{k+d}[j] += s_{0,k+d} x_0[j] + ... + s_{3,k+d} x_3[j] (lane by lane, in that order) for models k..k+3
     * and every feature j, with the scale vectors s_{q,k} = rs[at + (q K + k) L] held in registers.
     */
    void gradientFourPanelsFourModels(float[] a, int o, float[] rs, int at, int k, float[] gl, int g) {
        int o1 = o + panelStride;
        int o2 = o1 + panelStride;
        int o3 = o2 + panelStride;
        int s0 = at + k * LANES;
        int s1 = s0 + models * LANES;
        int s2 = s1 + models * LANES;
        int s3 = s2 + models * LANES;
        FloatVector c00 = FloatVector.fromArray(SPECIES, rs, s0);
        FloatVector c01 = FloatVector.fromArray(SPECIES, rs, s0 + LANES);
        FloatVector c02 = FloatVector.fromArray(SPECIES, rs, s0 + 2 * LANES);
        FloatVector c03 = FloatVector.fromArray(SPECIES, rs, s0 + 3 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, rs, s1);
        FloatVector c11 = FloatVector.fromArray(SPECIES, rs, s1 + LANES);
        FloatVector c12 = FloatVector.fromArray(SPECIES, rs, s1 + 2 * LANES);
        FloatVector c13 = FloatVector.fromArray(SPECIES, rs, s1 + 3 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, rs, s2);
        FloatVector c21 = FloatVector.fromArray(SPECIES, rs, s2 + LANES);
        FloatVector c22 = FloatVector.fromArray(SPECIES, rs, s2 + 2 * LANES);
        FloatVector c23 = FloatVector.fromArray(SPECIES, rs, s2 + 3 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, rs, s3);
        FloatVector c31 = FloatVector.fromArray(SPECIES, rs, s3 + LANES);
        FloatVector c32 = FloatVector.fromArray(SPECIES, rs, s3 + 2 * LANES);
        FloatVector c33 = FloatVector.fromArray(SPECIES, rs, s3 + 3 * LANES);
        int g0 = g + k * panelStride;
        int g1 = g0 + panelStride;
        int g2 = g1 + panelStride;
        int g3 = g2 + panelStride;
        for (int j = 0; j < panelStride; j += LANES) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, a, o + j);
            FloatVector x1 = FloatVector.fromArray(SPECIES, a, o1 + j);
            FloatVector x2 = FloatVector.fromArray(SPECIES, a, o2 + j);
            FloatVector x3 = FloatVector.fromArray(SPECIES, a, o3 + j);
            x3.fma(c30, x2.fma(c20, x1.fma(c10, x0.fma(c00, FloatVector.fromArray(SPECIES, gl, g0 + j)))))
                    .intoArray(gl, g0 + j);
            x3.fma(c31, x2.fma(c21, x1.fma(c11, x0.fma(c01, FloatVector.fromArray(SPECIES, gl, g1 + j)))))
                    .intoArray(gl, g1 + j);
            x3.fma(c32, x2.fma(c22, x1.fma(c12, x0.fma(c02, FloatVector.fromArray(SPECIES, gl, g2 + j)))))
                    .intoArray(gl, g2 + j);
            x3.fma(c33, x2.fma(c23, x1.fma(c13, x0.fma(c03, FloatVector.fromArray(SPECIES, gl, g3 + j)))))
                    .intoArray(gl, g3 + j);
        }
    }

    /** {@link #gradientFourPanelsFourModels} for model k alone (same order per lane). */
    void gradientFourPanelsOneModel(float[] a, int o, float[] rs, int at, int k, float[] gl, int g) {
        int o1 = o + panelStride;
        int o2 = o1 + panelStride;
        int o3 = o2 + panelStride;
        int s0 = at + k * LANES;
        int step = models * LANES;
        FloatVector c0 = FloatVector.fromArray(SPECIES, rs, s0);
        FloatVector c1 = FloatVector.fromArray(SPECIES, rs, s0 + step);
        FloatVector c2 = FloatVector.fromArray(SPECIES, rs, s0 + 2 * step);
        FloatVector c3 = FloatVector.fromArray(SPECIES, rs, s0 + 3 * step);
        int gk = g + k * panelStride;
        for (int j = 0; j < panelStride; j += LANES) {
            FloatVector sum = FloatVector.fromArray(SPECIES, gl, gk + j);
            sum = FloatVector.fromArray(SPECIES, a, o + j).fma(c0, sum);
            sum = FloatVector.fromArray(SPECIES, a, o1 + j).fma(c1, sum);
            sum = FloatVector.fromArray(SPECIES, a, o2 + j).fma(c2, sum);
            FloatVector.fromArray(SPECIES, a, o3 + j).fma(c3, sum).intoArray(gl, gk + j);
        }
    }

    /** outer[e] += inner[e] and inner[e] = 0 for e in [at, at + count): one level of the gradient sums. */
    static void carry(float[] inner, float[] outer, int at, int count) {
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int e = at; e < at + count; e += LANES) {
            FloatVector.fromArray(SPECIES, outer, e).add(FloatVector.fromArray(SPECIES, inner, e)).intoArray(outer, e);
            zero.intoArray(inner, e);
        }
    }
}
