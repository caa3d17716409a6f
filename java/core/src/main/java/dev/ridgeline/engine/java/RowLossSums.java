package dev.ridgeline.engine.java;

import dev.ridgeline.engine.Problem;

/**
 * The loss bookkeeping of {@link FusedPassKernel}: turns dot products into residuals r = x . theta_k + b_k -
 * y_k, adds w r, w r^2 and w to the model's double sums in a fixed order, and hands back the gradient
 * scales w r. Sums layout, per model k at PAD + k (n + 3): n gradient sums (not touched here), then
 * sum w r, sum w r^2, sum w.
 */
final class RowLossSums {
    private static final int PAD = WorkerPadding.PAD;

    private final int n;
    private final int stride;
    private final float[][] targets;
    private final float[][] weights;

    RowLossSums(Problem problem) {
        this.n = problem.features();
        this.stride = n + 3;
        int models = problem.models();
        this.targets = new float[models][];
        this.weights = new float[models][];
        for (int k = 0; k < models; k++) {
            targets[k] = problem.target(k);
            weights[k] = problem.weights(k);
        }
    }

    /**
     * Turns the four dots d_q of model k into residuals of model k, adds the loss and weight sums (four rows
     * at once, in a fixed order) and keeps the gradient scales w r at scales[c .. c + 4), in the buffer of
     * the group being read. Shapes: y_k and w_k (m); s.bias (K); s.sums (K, n + 3) from PAD.
     */
    void addGroup(int k, int i0, int i1, int i2, int i3, double d0, double d1, double d2, double d3,
                         int c, RowScratch s) {
        double b = s.bias[k];
        float[] y = targets[k];
        double r0 = d0 + b - y[i0];
        double r1 = d1 + b - y[i1];
        double r2 = d2 + b - y[i2];
        double r3 = d3 + b - y[i3];
        float[] w = weights[k];
        double[] sums = s.sums;
        int at = PAD + k * stride + n;
        float[] scales = s.scales;
        if (w == null) {
            // Weights of 1: the same sums as below (1 r = r, (1 + 1) + (1 + 1) = 4), with fewer operations.
            sums[at] += (r0 + r1) + (r2 + r3);
            sums[at + 1] += (r0 * r0 + r1 * r1) + (r2 * r2 + r3 * r3);
            sums[at + 2] += 4.0;
            scales[c] = (float) r0;
            scales[c + 1] = (float) r1;
            scales[c + 2] = (float) r2;
            scales[c + 3] = (float) r3;
            return;
        }
        double w0 = w[i0];
        double w1 = w[i1];
        double w2 = w[i2];
        double w3 = w[i3];
        double s0 = w0 * r0;
        double s1 = w1 * r1;
        double s2 = w2 * r2;
        double s3 = w3 * r3;
        sums[at] += (s0 + s1) + (s2 + s3);
        sums[at + 1] += (s0 * r0 + s1 * r1) + (s2 * r2 + s3 * r3);
        sums[at + 2] += (w0 + w1) + (w2 + w3);
        scales[c] = (float) s0;
        scales[c + 1] = (float) s1;
        scales[c + 2] = (float) s2;
        scales[c + 3] = (float) s3;
    }

    /**
     * Adds row i's loss terms for model k to the padded sums; returns w r, the row's scale in the gradient.
     * Shapes: y_k and w_k (m), bias (K), sums (K, n + 3) from PAD.
     */
    double addRow(int k, int i, double dot, double[] bias, double[] sums) {
        double r = dot + bias[k] - targets[k][i];
        double w = weights[k] == null ? 1.0 : weights[k][i];
        double wr = w * r;
        int at = PAD + k * stride + n;
        sums[at] += wr;
        sums[at + 1] += wr * r;
        sums[at + 2] += w;
        return wr;
    }
}
