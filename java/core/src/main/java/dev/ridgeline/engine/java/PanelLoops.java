package dev.ridgeline.engine.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loops of {@link PanelPassKernel} over one group of four panels ({@link PanelMatrix}): a lane
 * is a row, so dot products need no lane sums and the gradient keeps one float sum per (model, feature,
 * lane).
 *
 * <p>Shapes: panel x_q is an array of n vectors of L floats after F = {@link #FIRST} unused ones (column j
 * at [F + j L, F + j L + L)); theta_k an array of n floats; the lane gradient sums of model k an array of
 * at least F + n L floats, feature j at [F + j L, F + j L + L). Vectors of (panel, model) pairs sit in
 * {@code rs} at given offsets. Every stream is its own array with the loop index as its index, so the
 * compiled loops carry one index for all of them.
 */
final class PanelLoops {
    static final VectorSpecies<Float> SPECIES = GroupLoops.SPECIES;
    static final int LANES = GroupLoops.LANES;
    /** Index of vector 0 in panels and lane sums: on a 64-byte boundary where the JVM allows. */
    static final int FIRST = FloatAlignment.FIRST;
    /**
     * A dot product's float lanes restart every this many features, and the partial is added to the
     * running sum: the float error then grows with the chunk, not with n (as for the row kernel, whose
     * lanes each hold n / L products).
     */
    static final int DOT_CHUNK = 256;

    private final int n;

    PanelLoops(int n) {
        this.n = n;
    }

    /**
     * Floats in one model's lane sums: {@link #FIRST} unused, n L for the gradient, three vectors for the
     * loss sums of {@link PanelPassKernel} (sum w r, sum w r^2, sum w), plus one spare vector, so that the
     * arrays of consecutive models are not a multiple of 4 KB apart (then a store to one and the next load
     * from another share their low address bits, and the load waits for the store: 4K aliasing). Aligned
     * arrays are 64 bytes of header and unused floats plus their vectors long, so one more spare vector
     * where that comes to a multiple of 4 KB.
     */
    static int sumLength(int n) {
        int vectors = n + 4;
        if (FIRST > 0 && (FloatAlignment.LINE + 4L * vectors * LANES) % 4096 == 0) {
            vectors++;
        }
        return FIRST + vectors * LANES;
    }

    /**
     * The dot products of the four panels x_q with four models t_d: rs[r + q step + d L] = x_q . t_d
     * (16 accumulators; each column vector loaded feeds four models, each theta value four panels). The
     * four panels are read side by side, four memory streams at once: 1.12x-1.15x from memory for K = 8
     * against two panels x eight models per sweep, which was 1.4x faster in L1 but read two streams. Shapes:
     * panels x_q (L, n) from F, t_d (n); rs (4, K, L) with step = K L, this call's (4, 4, L) at r.
     */
    void dotsFourPanelsFourModels(float[] x0, float[] x1, float[] x2, float[] x3, float[] t0, float[] t1,
                                  float[] t2, float[] t3, float[] rs, int r, int step) {
        int q1 = r + step;
        int q2 = r + 2 * step;
        int q3 = r + 3 * step;
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
            FloatVector d20 = d00;
            FloatVector d21 = d00;
            FloatVector d22 = d00;
            FloatVector d23 = d00;
            FloatVector d30 = d00;
            FloatVector d31 = d00;
            FloatVector d32 = d00;
            FloatVector d33 = d00;
            for (int j = c, v = FIRST + c * LANES; j < end; j++, v += LANES) {
                FloatVector a0 = FloatVector.fromArray(SPECIES, x0, v);
                FloatVector a1 = FloatVector.fromArray(SPECIES, x1, v);
                FloatVector a2 = FloatVector.fromArray(SPECIES, x2, v);
                FloatVector a3 = FloatVector.fromArray(SPECIES, x3, v);
                FloatVector h = FloatVector.broadcast(SPECIES, t0[j]);
                d00 = a0.fma(h, d00);
                d10 = a1.fma(h, d10);
                d20 = a2.fma(h, d20);
                d30 = a3.fma(h, d30);
                h = FloatVector.broadcast(SPECIES, t1[j]);
                d01 = a0.fma(h, d01);
                d11 = a1.fma(h, d11);
                d21 = a2.fma(h, d21);
                d31 = a3.fma(h, d31);
                h = FloatVector.broadcast(SPECIES, t2[j]);
                d02 = a0.fma(h, d02);
                d12 = a1.fma(h, d12);
                d22 = a2.fma(h, d22);
                d32 = a3.fma(h, d32);
                h = FloatVector.broadcast(SPECIES, t3[j]);
                d03 = a0.fma(h, d03);
                d13 = a1.fma(h, d13);
                d23 = a2.fma(h, d23);
                d33 = a3.fma(h, d33);
            }
            // Written out, not through a helper taking the vectors: C2 stopped inlining such a helper in the
            // larger sweeps (NodeCountInliningCutoff), and a vector passed to a call it does not inline is
            // boxed on the heap, the helper's add then running the Java fallback (benchmarks/README.md).
            if (c == 0) {
                d00.intoArray(rs, r);
                d01.intoArray(rs, r + LANES);
                d02.intoArray(rs, r + 2 * LANES);
                d03.intoArray(rs, r + 3 * LANES);
                d10.intoArray(rs, q1);
                d11.intoArray(rs, q1 + LANES);
                d12.intoArray(rs, q1 + 2 * LANES);
                d13.intoArray(rs, q1 + 3 * LANES);
                d20.intoArray(rs, q2);
                d21.intoArray(rs, q2 + LANES);
                d22.intoArray(rs, q2 + 2 * LANES);
                d23.intoArray(rs, q2 + 3 * LANES);
                d30.intoArray(rs, q3);
                d31.intoArray(rs, q3 + LANES);
                d32.intoArray(rs, q3 + 2 * LANES);
                d33.intoArray(rs, q3 + 3 * LANES);
            } else {
                d00.add(FloatVector.fromArray(SPECIES, rs, r)).intoArray(rs, r);
                d01.add(FloatVector.fromArray(SPECIES, rs, r + LANES)).intoArray(rs, r + LANES);
                d02.add(FloatVector.fromArray(SPECIES, rs, r + 2 * LANES)).intoArray(rs, r + 2 * LANES);
                d03.add(FloatVector.fromArray(SPECIES, rs, r + 3 * LANES)).intoArray(rs, r + 3 * LANES);
                d10.add(FloatVector.fromArray(SPECIES, rs, q1)).intoArray(rs, q1);
                d11.add(FloatVector.fromArray(SPECIES, rs, q1 + LANES)).intoArray(rs, q1 + LANES);
                d12.add(FloatVector.fromArray(SPECIES, rs, q1 + 2 * LANES)).intoArray(rs, q1 + 2 * LANES);
                d13.add(FloatVector.fromArray(SPECIES, rs, q1 + 3 * LANES)).intoArray(rs, q1 + 3 * LANES);
                d20.add(FloatVector.fromArray(SPECIES, rs, q2)).intoArray(rs, q2);
                d21.add(FloatVector.fromArray(SPECIES, rs, q2 + LANES)).intoArray(rs, q2 + LANES);
                d22.add(FloatVector.fromArray(SPECIES, rs, q2 + 2 * LANES)).intoArray(rs, q2 + 2 * LANES);
                d23.add(FloatVector.fromArray(SPECIES, rs, q2 + 3 * LANES)).intoArray(rs, q2 + 3 * LANES);
                d30.add(FloatVector.fromArray(SPECIES, rs, q3)).intoArray(rs, q3);
                d31.add(FloatVector.fromArray(SPECIES, rs, q3 + LANES)).intoArray(rs, q3 + LANES);
                d32.add(FloatVector.fromArray(SPECIES, rs, q3 + 2 * LANES)).intoArray(rs, q3 + 2 * LANES);
                d33.add(FloatVector.fromArray(SPECIES, rs, q3 + 3 * LANES)).intoArray(rs, q3 + 3 * LANES);
            }
        }
    }

    /**
     * The dot products of eight panels (two groups) with two models: ra[r + q step + d L] = x_q . t_d for
     * the first group's panels q = 0..3, rb[r + (q - 4) step + d L] for the second's (16 accumulators).
     * Eight panels read side by side are eight memory streams: a stand-alone sweep over 256 MB read X
     * 1.15x-1.25x faster this way than four panels x four models. Shapes: panels x_q (L, n) from F, t_0 and t_1
     * (n); ra and rb (4, K, L) with step = K L, this call's (4, 2, L) at r.
     */
    void dotsEightPanelsTwoModels(float[] x0, float[] x1, float[] x2, float[] x3, float[] x4, float[] x5,
                                  float[] x6, float[] x7, float[] t0, float[] t1, float[] ra, float[] rb, int r,
                                  int step) {
        int q1 = r + step;
        int q2 = r + 2 * step;
        int q3 = r + 3 * step;
        for (int c = 0; c < n; c += DOT_CHUNK) {
            int end = Math.min(n, c + DOT_CHUNK);
            FloatVector d00 = FloatVector.zero(SPECIES);
            FloatVector d01 = d00;
            FloatVector d10 = d00;
            FloatVector d11 = d00;
            FloatVector d20 = d00;
            FloatVector d21 = d00;
            FloatVector d30 = d00;
            FloatVector d31 = d00;
            FloatVector d40 = d00;
            FloatVector d41 = d00;
            FloatVector d50 = d00;
            FloatVector d51 = d00;
            FloatVector d60 = d00;
            FloatVector d61 = d00;
            FloatVector d70 = d00;
            FloatVector d71 = d00;
            for (int j = c, v = FIRST + c * LANES; j < end; j++, v += LANES) {
                FloatVector h0 = FloatVector.broadcast(SPECIES, t0[j]);
                FloatVector h1 = FloatVector.broadcast(SPECIES, t1[j]);
                FloatVector a = FloatVector.fromArray(SPECIES, x0, v);
                d00 = a.fma(h0, d00);
                d01 = a.fma(h1, d01);
                a = FloatVector.fromArray(SPECIES, x1, v);
                d10 = a.fma(h0, d10);
                d11 = a.fma(h1, d11);
                a = FloatVector.fromArray(SPECIES, x2, v);
                d20 = a.fma(h0, d20);
                d21 = a.fma(h1, d21);
                a = FloatVector.fromArray(SPECIES, x3, v);
                d30 = a.fma(h0, d30);
                d31 = a.fma(h1, d31);
                a = FloatVector.fromArray(SPECIES, x4, v);
                d40 = a.fma(h0, d40);
                d41 = a.fma(h1, d41);
                a = FloatVector.fromArray(SPECIES, x5, v);
                d50 = a.fma(h0, d50);
                d51 = a.fma(h1, d51);
                a = FloatVector.fromArray(SPECIES, x6, v);
                d60 = a.fma(h0, d60);
                d61 = a.fma(h1, d61);
                a = FloatVector.fromArray(SPECIES, x7, v);
                d70 = a.fma(h0, d70);
                d71 = a.fma(h1, d71);
            }
            // Written out, not through a helper taking the vectors: C2 stopped inlining such a helper in the
            // larger sweeps (NodeCountInliningCutoff), and a vector passed to a call it does not inline is
            // boxed on the heap, the helper's add then running the Java fallback (benchmarks/README.md).
            if (c == 0) {
                d00.intoArray(ra, r);
                d01.intoArray(ra, r + LANES);
                d10.intoArray(ra, q1);
                d11.intoArray(ra, q1 + LANES);
                d20.intoArray(ra, q2);
                d21.intoArray(ra, q2 + LANES);
                d30.intoArray(ra, q3);
                d31.intoArray(ra, q3 + LANES);
                d40.intoArray(rb, r);
                d41.intoArray(rb, r + LANES);
                d50.intoArray(rb, q1);
                d51.intoArray(rb, q1 + LANES);
                d60.intoArray(rb, q2);
                d61.intoArray(rb, q2 + LANES);
                d70.intoArray(rb, q3);
                d71.intoArray(rb, q3 + LANES);
            } else {
                d00.add(FloatVector.fromArray(SPECIES, ra, r)).intoArray(ra, r);
                d01.add(FloatVector.fromArray(SPECIES, ra, r + LANES)).intoArray(ra, r + LANES);
                d10.add(FloatVector.fromArray(SPECIES, ra, q1)).intoArray(ra, q1);
                d11.add(FloatVector.fromArray(SPECIES, ra, q1 + LANES)).intoArray(ra, q1 + LANES);
                d20.add(FloatVector.fromArray(SPECIES, ra, q2)).intoArray(ra, q2);
                d21.add(FloatVector.fromArray(SPECIES, ra, q2 + LANES)).intoArray(ra, q2 + LANES);
                d30.add(FloatVector.fromArray(SPECIES, ra, q3)).intoArray(ra, q3);
                d31.add(FloatVector.fromArray(SPECIES, ra, q3 + LANES)).intoArray(ra, q3 + LANES);
                d40.add(FloatVector.fromArray(SPECIES, rb, r)).intoArray(rb, r);
                d41.add(FloatVector.fromArray(SPECIES, rb, r + LANES)).intoArray(rb, r + LANES);
                d50.add(FloatVector.fromArray(SPECIES, rb, q1)).intoArray(rb, q1);
                d51.add(FloatVector.fromArray(SPECIES, rb, q1 + LANES)).intoArray(rb, q1 + LANES);
                d60.add(FloatVector.fromArray(SPECIES, rb, q2)).intoArray(rb, q2);
                d61.add(FloatVector.fromArray(SPECIES, rb, q2 + LANES)).intoArray(rb, q2 + LANES);
                d70.add(FloatVector.fromArray(SPECIES, rb, q3)).intoArray(rb, q3);
                d71.add(FloatVector.fromArray(SPECIES, rb, q3 + LANES)).intoArray(rb, q3 + LANES);
            }
        }
    }

    /**
     * rs[r + q step] = x_q . t for the four panels of a group and one model. Shapes: panels x_q (L, n) from F,
     * t (n); rs (4, K, L) with step = K L, this call's (4, 1, L) at r.
     */
    void dotsFourPanelsOneModel(float[] x0, float[] x1, float[] x2, float[] x3, float[] t, float[] rs, int r,
                                int step) {
        int q1 = r + step;
        int q2 = r + 2 * step;
        int q3 = r + 3 * step;
        for (int c = 0; c < n; c += DOT_CHUNK) {
            int end = Math.min(n, c + DOT_CHUNK);
            FloatVector d0 = FloatVector.zero(SPECIES);
            FloatVector d1 = d0;
            FloatVector d2 = d0;
            FloatVector d3 = d0;
            for (int j = c, v = FIRST + c * LANES; j < end; j++, v += LANES) {
                FloatVector h = FloatVector.broadcast(SPECIES, t[j]);
                d0 = FloatVector.fromArray(SPECIES, x0, v).fma(h, d0);
                d1 = FloatVector.fromArray(SPECIES, x1, v).fma(h, d1);
                d2 = FloatVector.fromArray(SPECIES, x2, v).fma(h, d2);
                d3 = FloatVector.fromArray(SPECIES, x3, v).fma(h, d3);
            }
            // Written out, not through a helper taking the vectors: C2 stopped inlining such a helper in the
            // larger sweeps (NodeCountInliningCutoff), and a vector passed to a call it does not inline is
            // boxed on the heap, the helper's add then running the Java fallback (benchmarks/README.md).
            if (c == 0) {
                d0.intoArray(rs, r);
                d1.intoArray(rs, q1);
                d2.intoArray(rs, q2);
                d3.intoArray(rs, q3);
            } else {
                d0.add(FloatVector.fromArray(SPECIES, rs, r)).intoArray(rs, r);
                d1.add(FloatVector.fromArray(SPECIES, rs, q1)).intoArray(rs, q1);
                d2.add(FloatVector.fromArray(SPECIES, rs, q2)).intoArray(rs, q2);
                d3.add(FloatVector.fromArray(SPECIES, rs, q3)).intoArray(rs, q3);
            }
        }
    }

    /**
     * {@link #dotsFourPanelsOneModel} of the group x_q into rs and, in the same sweep, the previous group's
     * gradient for the one model: g[jL ..] += c_0 p_0[jL ..] + ... + c_3 p_3[jL ..] with c_q = prev[s + q step],
     * lane by lane in that order, as {@link #gradientFourPanelsOneModel} adds it. Shapes: panels x_q and p_q
     * (L, n) from F, t (n); rs and prev (4, K, L) with step = K L, this call's (4, 1, L) at r and s; g (n + 3, L)
     * lane sums from F.
     */
    void dotsFourPanelsOneModelAndGradient(float[] x0, float[] x1, float[] x2, float[] x3, float[] t, float[] rs,
                                           int r, int step, float[] p0, float[] p1, float[] p2, float[] p3,
                                           float[] prev, int s, float[] g) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, prev, s);
        FloatVector c1 = FloatVector.fromArray(SPECIES, prev, s + step);
        FloatVector c2 = FloatVector.fromArray(SPECIES, prev, s + 2 * step);
        FloatVector c3 = FloatVector.fromArray(SPECIES, prev, s + 3 * step);
        int q1 = r + step;
        int q2 = r + 2 * step;
        int q3 = r + 3 * step;
        for (int c = 0; c < n; c += DOT_CHUNK) {
            int end = Math.min(n, c + DOT_CHUNK);
            FloatVector d0 = FloatVector.zero(SPECIES);
            FloatVector d1 = d0;
            FloatVector d2 = d0;
            FloatVector d3 = d0;
            for (int j = c, v = FIRST + c * LANES; j < end; j++, v += LANES) {
                FloatVector h = FloatVector.broadcast(SPECIES, t[j]);
                d0 = FloatVector.fromArray(SPECIES, x0, v).fma(h, d0);
                d1 = FloatVector.fromArray(SPECIES, x1, v).fma(h, d1);
                d2 = FloatVector.fromArray(SPECIES, x2, v).fma(h, d2);
                d3 = FloatVector.fromArray(SPECIES, x3, v).fma(h, d3);
                FloatVector sum = FloatVector.fromArray(SPECIES, g, v);
                sum = FloatVector.fromArray(SPECIES, p0, v).fma(c0, sum);
                sum = FloatVector.fromArray(SPECIES, p1, v).fma(c1, sum);
                sum = FloatVector.fromArray(SPECIES, p2, v).fma(c2, sum);
                FloatVector.fromArray(SPECIES, p3, v).fma(c3, sum).intoArray(g, v);
            }
            // Written out, not through a helper taking the vectors: C2 stopped inlining such a helper in the
            // larger sweeps (NodeCountInliningCutoff), and a vector passed to a call it does not inline is
            // boxed on the heap, the helper's add then running the Java fallback (benchmarks/README.md).
            if (c == 0) {
                d0.intoArray(rs, r);
                d1.intoArray(rs, q1);
                d2.intoArray(rs, q2);
                d3.intoArray(rs, q3);
            } else {
                d0.add(FloatVector.fromArray(SPECIES, rs, r)).intoArray(rs, r);
                d1.add(FloatVector.fromArray(SPECIES, rs, q1)).intoArray(rs, q1);
                d2.add(FloatVector.fromArray(SPECIES, rs, q2)).intoArray(rs, q2);
                d3.add(FloatVector.fromArray(SPECIES, rs, q3)).intoArray(rs, q3);
            }
        }
    }

    /**
     * g_d[jL ..] += s_{0,d} x_0[jL ..] + ... + s_{3,d} x_3[jL ..] (lane by lane, in that order) for four
     * models d and the features j in [from, to); the scale vectors s_{q,d} = rs[s + q step + d L] stay in
     * registers. Shapes: panels x_q (L, n) from F; rs (4, K, L), scales from s; g_d (n + 3, L) lane sums from F.
     */
    static void gradientFourPanelsFourModels(float[] x0, float[] x1, float[] x2, float[] x3, float[] rs, int s,
                                             int step, float[] g0, float[] g1, float[] g2, float[] g3, int from,
                                             int to) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, rs, s);
        FloatVector c01 = FloatVector.fromArray(SPECIES, rs, s + LANES);
        FloatVector c02 = FloatVector.fromArray(SPECIES, rs, s + 2 * LANES);
        FloatVector c03 = FloatVector.fromArray(SPECIES, rs, s + 3 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, rs, s + step);
        FloatVector c11 = FloatVector.fromArray(SPECIES, rs, s + step + LANES);
        FloatVector c12 = FloatVector.fromArray(SPECIES, rs, s + step + 2 * LANES);
        FloatVector c13 = FloatVector.fromArray(SPECIES, rs, s + step + 3 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, rs, s + 2 * step);
        FloatVector c21 = FloatVector.fromArray(SPECIES, rs, s + 2 * step + LANES);
        FloatVector c22 = FloatVector.fromArray(SPECIES, rs, s + 2 * step + 2 * LANES);
        FloatVector c23 = FloatVector.fromArray(SPECIES, rs, s + 2 * step + 3 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, rs, s + 3 * step);
        FloatVector c31 = FloatVector.fromArray(SPECIES, rs, s + 3 * step + LANES);
        FloatVector c32 = FloatVector.fromArray(SPECIES, rs, s + 3 * step + 2 * LANES);
        FloatVector c33 = FloatVector.fromArray(SPECIES, rs, s + 3 * step + 3 * LANES);
        int end = FIRST + to * LANES;
        for (int v = FIRST + from * LANES; v < end; v += LANES) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, x0, v);
            FloatVector a1 = FloatVector.fromArray(SPECIES, x1, v);
            FloatVector a2 = FloatVector.fromArray(SPECIES, x2, v);
            FloatVector a3 = FloatVector.fromArray(SPECIES, x3, v);
            a3.fma(c30, a2.fma(c20, a1.fma(c10, a0.fma(c00, FloatVector.fromArray(SPECIES, g0, v))))).intoArray(g0, v);
            a3.fma(c31, a2.fma(c21, a1.fma(c11, a0.fma(c01, FloatVector.fromArray(SPECIES, g1, v))))).intoArray(g1, v);
            a3.fma(c32, a2.fma(c22, a1.fma(c12, a0.fma(c02, FloatVector.fromArray(SPECIES, g2, v))))).intoArray(g2, v);
            a3.fma(c33, a2.fma(c23, a1.fma(c13, a0.fma(c03, FloatVector.fromArray(SPECIES, g3, v))))).intoArray(g3, v);
        }
    }

    /**
     * {@link #gradientFourPanelsFourModels} for one model (the same order per lane), scales at rs[s + q
     * step], features [from, to). Shapes: panels x_q (L, n) from F; rs (4, K, L); g (n + 3, L) lane sums from F.
     */
    static void gradientFourPanelsOneModel(float[] x0, float[] x1, float[] x2, float[] x3, float[] rs, int s,
                                           int step, float[] g, int from, int to) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, rs, s);
        FloatVector c1 = FloatVector.fromArray(SPECIES, rs, s + step);
        FloatVector c2 = FloatVector.fromArray(SPECIES, rs, s + 2 * step);
        FloatVector c3 = FloatVector.fromArray(SPECIES, rs, s + 3 * step);
        int end = FIRST + to * LANES;
        for (int v = FIRST + from * LANES; v < end; v += LANES) {
            FloatVector sum = FloatVector.fromArray(SPECIES, g, v);
            sum = FloatVector.fromArray(SPECIES, x0, v).fma(c0, sum);
            sum = FloatVector.fromArray(SPECIES, x1, v).fma(c1, sum);
            sum = FloatVector.fromArray(SPECIES, x2, v).fma(c2, sum);
            FloatVector.fromArray(SPECIES, x3, v).fma(c3, sum).intoArray(g, v);
        }
    }

    /**
     * outer[e] += inner[e] and inner[e] = 0 for e in [FIRST, inner.length). Shapes: inner and outer one model's
     * lane sums each, of one length ({@link #sumLength}).
     */
    static void carry(float[] inner, float[] outer) {
        carry(inner, outer, FIRST, inner.length);
    }

    /**
     * outer[e] += inner[e] and inner[e] = 0 for e in [from, to): the carry between two float levels of sums,
     * also the row kernel's with block gradients. Shapes: inner and outer at least {@code to} long.
     */
    static void carry(float[] inner, float[] outer, int from, int to) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int e = from;
        for (; e + LANES <= to; e += LANES) {
            FloatVector.fromArray(SPECIES, outer, e).add(FloatVector.fromArray(SPECIES, inner, e)).intoArray(outer, e);
            zero.intoArray(inner, e);
        }
        for (; e < to; e++) {
            outer[e] += inner[e];
            inner[e] = 0f;
        }
    }
}
