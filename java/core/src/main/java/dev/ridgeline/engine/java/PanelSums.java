package dev.ridgeline.engine.java;

import dev.ridgeline.engine.Problem;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bookkeeping of {@link PanelPassKernel} around its sweeps: residuals and loss sums of each group, and
 * the two levels of float lane sums (inner, carried into outer, drained into double) that keep every sum
 * short in float and in a fixed order.
 *
 * <p>Shapes: rs holds (4, K) vectors per group (dot products in, gradient scales w r out); the lane sums
 * are (K, n + 3, L) floats, one array per model from {@link PanelLoops#FIRST}: the n gradient sums, then
 * sum w r, sum w r^2 and sum w; the double sums are (K, n + 3) at PAD.
 */
final class PanelSums {
    private static final VectorSpecies<Float> SPECIES = PanelPassKernel.SPECIES;
    private static final int LANES = PanelPassKernel.LANES;
    private static final int PAD = WorkerPadding.PAD;
    private static final int G = PanelMatrix.GROUP_ROWS;

    private final int n;
    private final int models;
    private final int stride;
    private final float[][] targets;
    private final float[][] weights;

    PanelSums(Problem problem) {
        this.n = problem.features();
        this.models = problem.models();
        this.stride = n + 3;
        this.targets = new float[models][];
        this.weights = new float[models][];
        for (int k = 0; k < models; k++) {
            targets[k] = problem.target(k);
            weights[k] = problem.weights(k);
        }
    }

    /**
     * Counts one more group whose loss sums are in the inner sums (its gradient goes in at most one group
     * later); every {@link PanelPassKernel#CARRY_GROUPS} groups the inner sums are carried, every {@link PanelPassKernel#DRAIN_CARRIES}
     * carries drained, so they never hold more than 4 {@link PanelPassKernel#CARRY_GROUPS} terms per lane. Returns the
     * new count.
     */
    int groupAdded(int added, PanelScratch s) {
        return groupsAdded(added, 1, s);
    }

    /**
     * {@link #groupAdded} for {@code count} groups at once; count divides {@link PanelPassKernel#CARRY_GROUPS} (a batch,
     * {@link PanelPassKernel#batchGroups}), so no carry falls inside them.
     */
    int groupsAdded(int added, int count, PanelScratch s) {
        added += count;
        if (added % PanelPassKernel.CARRY_GROUPS == 0) {
            carry(s);
            if (added % (PanelPassKernel.CARRY_GROUPS * PanelPassKernel.DRAIN_CARRIES) == 0) {
                drain(s);
            }
        }
        return added;
    }

    /**
     * Turns the dot products of rows row0 .. row0 + G into the residuals r = x . theta_k + b_k - y_k and
     * the gradient scales w r (in place in rs), and adds sum w r, sum w r^2 and sum w of the group, lane by
     * lane, to the model's inner sums after its feature sums (the unweighted count G goes straight to the
     * double sums): lanes are summed when drained, not per group. The bias is split into a float head
     * and tail: b_hi - y comes out exact when y is near b, so a large intercept does not round the
     * residual at its own scale. Shapes: rs (4, K, L) from PAD; y_k and w_k (m), rows row0 .. row0 + G; bias (K);
     * s.inner (K, n + 3, L); s.sums (K, n + 3) from PAD.
     */
    void residuals(int row0, double[] bias, float[] rs, PanelScratch s) {
        double[] sums = s.sums;
        int step = models * LANES;
        for (int k = 0; k < models; k++) {
            float hi = (float) bias[k];
            FloatVector bHi = FloatVector.broadcast(SPECIES, hi);
            FloatVector bLo = FloatVector.broadcast(SPECIES, (float) (bias[k] - hi));
            float[] y = targets[k];
            int r = PAD + k * LANES;
            // Every vector operation is written out here, none passed to or returned from a helper: a vector
            // crossing a call that C2 does not inline is boxed on the heap (the weighted branch's helpers were
            // not inlined, 152 KB of garbage a step at 8,192 x 64 with eight models; PanelLoops says more).
            // Residual: (dot + (b_hi - y)) + b_lo for the L rows of each panel.
            FloatVector r0 = FloatVector.fromArray(SPECIES, rs, r)
                    .add(bHi.sub(FloatVector.fromArray(SPECIES, y, row0))).add(bLo);
            FloatVector r1 = FloatVector.fromArray(SPECIES, rs, r + step)
                    .add(bHi.sub(FloatVector.fromArray(SPECIES, y, row0 + LANES))).add(bLo);
            FloatVector r2 = FloatVector.fromArray(SPECIES, rs, r + 2 * step)
                    .add(bHi.sub(FloatVector.fromArray(SPECIES, y, row0 + 2 * LANES))).add(bLo);
            FloatVector r3 = FloatVector.fromArray(SPECIES, rs, r + 3 * step)
                    .add(bHi.sub(FloatVector.fromArray(SPECIES, y, row0 + 3 * LANES))).add(bLo);
            float[] w = weights[k];
            float[] lossSums = s.inner[k];
            int v = PanelLoops.FIRST + n * LANES;
            if (w == null) {
                r0.intoArray(rs, r);
                r1.intoArray(rs, r + step);
                r2.intoArray(rs, r + 2 * step);
                r3.intoArray(rs, r + 3 * step);
                FloatVector.fromArray(SPECIES, lossSums, v).add(r0.add(r1).add(r2.add(r3))).intoArray(lossSums, v);
                FloatVector.fromArray(SPECIES, lossSums, v + LANES)
                        .add(r3.fma(r3, r2.fma(r2, r1.fma(r1, r0.mul(r0))))).intoArray(lossSums, v + LANES);
                sums[PAD + k * stride + n + 2] += G;
                continue;
            }
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, row0);
            FloatVector w1 = FloatVector.fromArray(SPECIES, w, row0 + LANES);
            FloatVector w2 = FloatVector.fromArray(SPECIES, w, row0 + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(SPECIES, w, row0 + 3 * LANES);
            FloatVector s0 = w0.mul(r0);
            FloatVector s1 = w1.mul(r1);
            FloatVector s2 = w2.mul(r2);
            FloatVector s3 = w3.mul(r3);
            s0.intoArray(rs, r);
            s1.intoArray(rs, r + step);
            s2.intoArray(rs, r + 2 * step);
            s3.intoArray(rs, r + 3 * step);
            FloatVector.fromArray(SPECIES, lossSums, v).add(s0.add(s1).add(s2.add(s3))).intoArray(lossSums, v);
            FloatVector.fromArray(SPECIES, lossSums, v + LANES)
                    .add(s3.fma(r3, s2.fma(r2, s1.fma(r1, s0.mul(r0))))).intoArray(lossSums, v + LANES);
            FloatVector.fromArray(SPECIES, lossSums, v + 2 * LANES)
                    .add(w0.add(w1).add(w2.add(w3))).intoArray(lossSums, v + 2 * LANES);
        }
    }

    /** outer += inner, inner = 0. Shapes: s.inner and s.outer (K, n + 3, L), one array per model. */
    void carry(PanelScratch s) {
        for (int k = 0; k < models; k++) {
            PanelLoops.carry(s.inner[k], s.outer[k]);
        }
    }

    /**
     * Adds the lanes of every outer sum (the n feature sums, then the three loss sums), by a fixed tree,
     * to the double sums; outer = 0. Shapes: s.outer (K, n + 3, L), one array per model; s.sums (K, n + 3) from PAD.
     */
    void drain(PanelScratch s) {
        double[] sums = s.sums;
        for (int k = 0; k < models; k++) {
            float[] outer = s.outer[k];
            int at = PAD + k * stride;
            for (int j = 0; j < stride; j++) {
                sums[at + j] += GroupLoops.laneSumAt(outer, PanelLoops.FIRST + j * LANES);
            }
            Arrays.fill(outer, 0f);
        }
    }
}
