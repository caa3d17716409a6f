package dev.ridgeline.engine.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gradient of a block of rows for {@link FusedPassKernel} on wide rows and several models: the sums of a
 * few feature vectors of several models stay in registers across every row of the block, so g is loaded and
 * stored once per block instead of once per group of four rows, and the rows (still in L2 from their dot
 * products) come back a column strip at a time.
 *
 * <p>Shapes: rows i = 0 .. count - 1 of the block at rows[AT + i][offsets[AT + i] ..], n features; gradient
 * scales w r of row i and model k at scales[AT + i K + k]; g holds (K, n) float sums, model k at t + k n.
 * For every element, g[t + k n + j] + s_{0k} x_0[j] + s_{1k} x_1[j] + ... in row order, one float FMA per row,
 * whichever loop takes it: the order, and so the bits, depend only on the block.
 */
final class BlockGradientLoops {
    private static final VectorSpecies<Float> SPECIES = GroupLoops.SPECIES;
    private static final int LANES = GroupLoops.LANES;
    /** Where the per-row entries of the padded arrays start. */
    private static final int AT = WorkerPadding.PAD;

    private final int n;
    private final int models;
    /** The first feature beyond the last whole vector. */
    private final int vectorEnd;

    BlockGradientLoops(int n, int models) {
        this.n = n;
        this.models = models;
        this.vectorEnd = n / LANES * LANES;
    }

    /**
     * Adds the block's gradient to g (model k at t + k n): eight models at a time, then four, then one. Shapes:
     * rows and offsets from AT, count rows of n features; scales (count, K) from AT; g (K, n) floats from t.
     */
    void add(float[][] rows, int[] offsets, int count, float[] scales, float[] g, int t) {
        int k = 0;
        for (; k + 7 < models; k += 8) {
            int j = 0;
            for (; j + 2 * LANES <= vectorEnd; j += 2 * LANES) {
                eightModelsTwoVectors(rows, offsets, count, scales, k, g, t + k * n + j, j);
            }
            for (; j < vectorEnd; j += LANES) {
                for (int m = k; m < k + 8; m++) {
                    oneModelOneVector(rows, offsets, count, scales, m, g, t + m * n + j, j);
                }
            }
        }
        for (; k + 3 < models; k += 4) {
            int j = 0;
            for (; j + 4 * LANES <= vectorEnd; j += 4 * LANES) {
                fourModelsFourVectors(rows, offsets, count, scales, k, g, t + k * n + j, j);
            }
            for (; j < vectorEnd; j += LANES) {
                for (int m = k; m < k + 4; m++) {
                    oneModelOneVector(rows, offsets, count, scales, m, g, t + m * n + j, j);
                }
            }
        }
        for (; k < models; k++) {
            int j = 0;
            for (; j + 4 * LANES <= vectorEnd; j += 4 * LANES) {
                oneModelFourVectors(rows, offsets, count, scales, k, g, t + k * n + j, j);
            }
            for (; j < vectorEnd; j += LANES) {
                oneModelOneVector(rows, offsets, count, scales, k, g, t + k * n + j, j);
            }
        }
        for (int m = 0; m < models; m++) {
            for (int j = vectorEnd; j < n; j++) {
                float acc = g[t + m * n + j];
                for (int i = 0; i < count; i++) {
                    acc = Math.fma(rows[AT + i][offsets[AT + i] + j], scales[AT + i * models + m], acc);
                }
                g[t + m * n + j] = acc;
            }
        }
    }

    /**
     * Models k..k+7, features [j, j + 2L) with g at gt (model k + m at gt + m n): 16 sums in registers, per row
     * two row vectors and eight scale broadcasts. The broadcasts are named values: an inline scalar argument to
     * fma made C2 box vectors in this loop (0.2 MB allocated per block of 32 rows at n = 1,024). Shapes as in
     * {@link #add}; the (8, 2L) sums kept are g[gt + m n + c] for m in [0, 8), c in [0, 2L).
     */
    private void eightModelsTwoVectors(float[][] rows, int[] offsets, int count, float[] scales, int k, float[] g,
                                       int gt, int feature) {
        int g1 = gt + n;
        int g2 = g1 + n;
        int g3 = g2 + n;
        int g4 = g3 + n;
        int g5 = g4 + n;
        int g6 = g5 + n;
        int g7 = g6 + n;
        FloatVector c00 = FloatVector.fromArray(SPECIES, g, gt);
        FloatVector c01 = FloatVector.fromArray(SPECIES, g, gt + LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, g, g1);
        FloatVector c11 = FloatVector.fromArray(SPECIES, g, g1 + LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, g, g2);
        FloatVector c21 = FloatVector.fromArray(SPECIES, g, g2 + LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, g, g3);
        FloatVector c31 = FloatVector.fromArray(SPECIES, g, g3 + LANES);
        FloatVector c40 = FloatVector.fromArray(SPECIES, g, g4);
        FloatVector c41 = FloatVector.fromArray(SPECIES, g, g4 + LANES);
        FloatVector c50 = FloatVector.fromArray(SPECIES, g, g5);
        FloatVector c51 = FloatVector.fromArray(SPECIES, g, g5 + LANES);
        FloatVector c60 = FloatVector.fromArray(SPECIES, g, g6);
        FloatVector c61 = FloatVector.fromArray(SPECIES, g, g6 + LANES);
        FloatVector c70 = FloatVector.fromArray(SPECIES, g, g7);
        FloatVector c71 = FloatVector.fromArray(SPECIES, g, g7 + LANES);
        int s = AT + k;
        for (int i = 0; i < count; i++) {
            float[] row = rows[AT + i];
            int o = offsets[AT + i] + feature;
            FloatVector y0 = FloatVector.fromArray(SPECIES, row, o);
            FloatVector y1 = FloatVector.fromArray(SPECIES, row, o + LANES);
            FloatVector b0 = FloatVector.broadcast(SPECIES, scales[s]);
            c00 = y0.fma(b0, c00);
            c01 = y1.fma(b0, c01);
            FloatVector b1 = FloatVector.broadcast(SPECIES, scales[s + 1]);
            c10 = y0.fma(b1, c10);
            c11 = y1.fma(b1, c11);
            FloatVector b2 = FloatVector.broadcast(SPECIES, scales[s + 2]);
            c20 = y0.fma(b2, c20);
            c21 = y1.fma(b2, c21);
            FloatVector b3 = FloatVector.broadcast(SPECIES, scales[s + 3]);
            c30 = y0.fma(b3, c30);
            c31 = y1.fma(b3, c31);
            FloatVector b4 = FloatVector.broadcast(SPECIES, scales[s + 4]);
            c40 = y0.fma(b4, c40);
            c41 = y1.fma(b4, c41);
            FloatVector b5 = FloatVector.broadcast(SPECIES, scales[s + 5]);
            c50 = y0.fma(b5, c50);
            c51 = y1.fma(b5, c51);
            FloatVector b6 = FloatVector.broadcast(SPECIES, scales[s + 6]);
            c60 = y0.fma(b6, c60);
            c61 = y1.fma(b6, c61);
            FloatVector b7 = FloatVector.broadcast(SPECIES, scales[s + 7]);
            c70 = y0.fma(b7, c70);
            c71 = y1.fma(b7, c71);
            s += models;
        }
        c00.intoArray(g, gt);
        c01.intoArray(g, gt + LANES);
        c10.intoArray(g, g1);
        c11.intoArray(g, g1 + LANES);
        c20.intoArray(g, g2);
        c21.intoArray(g, g2 + LANES);
        c30.intoArray(g, g3);
        c31.intoArray(g, g3 + LANES);
        c40.intoArray(g, g4);
        c41.intoArray(g, g4 + LANES);
        c50.intoArray(g, g5);
        c51.intoArray(g, g5 + LANES);
        c60.intoArray(g, g6);
        c61.intoArray(g, g6 + LANES);
        c70.intoArray(g, g7);
        c71.intoArray(g, g7 + LANES);
    }

    /**
     * Models k..k+3, features [j, j + 4L), g at gt (model k + m at gt + m n): 16 sums, four row vectors a row.
     * Shapes as in {@link #add}; the (4, 4L) sums kept are g[gt + m n + c] for m in [0, 4), c in [0, 4L).
     */
    private void fourModelsFourVectors(float[][] rows, int[] offsets, int count, float[] scales, int k, float[] g,
                                       int gt, int feature) {
        int g1 = gt + n;
        int g2 = g1 + n;
        int g3 = g2 + n;
        FloatVector c00 = FloatVector.fromArray(SPECIES, g, gt);
        FloatVector c01 = FloatVector.fromArray(SPECIES, g, gt + LANES);
        FloatVector c02 = FloatVector.fromArray(SPECIES, g, gt + 2 * LANES);
        FloatVector c03 = FloatVector.fromArray(SPECIES, g, gt + 3 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, g, g1);
        FloatVector c11 = FloatVector.fromArray(SPECIES, g, g1 + LANES);
        FloatVector c12 = FloatVector.fromArray(SPECIES, g, g1 + 2 * LANES);
        FloatVector c13 = FloatVector.fromArray(SPECIES, g, g1 + 3 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, g, g2);
        FloatVector c21 = FloatVector.fromArray(SPECIES, g, g2 + LANES);
        FloatVector c22 = FloatVector.fromArray(SPECIES, g, g2 + 2 * LANES);
        FloatVector c23 = FloatVector.fromArray(SPECIES, g, g2 + 3 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, g, g3);
        FloatVector c31 = FloatVector.fromArray(SPECIES, g, g3 + LANES);
        FloatVector c32 = FloatVector.fromArray(SPECIES, g, g3 + 2 * LANES);
        FloatVector c33 = FloatVector.fromArray(SPECIES, g, g3 + 3 * LANES);
        int s = AT + k;
        for (int i = 0; i < count; i++) {
            float[] row = rows[AT + i];
            int o = offsets[AT + i] + feature;
            FloatVector y0 = FloatVector.fromArray(SPECIES, row, o);
            FloatVector y1 = FloatVector.fromArray(SPECIES, row, o + LANES);
            FloatVector y2 = FloatVector.fromArray(SPECIES, row, o + 2 * LANES);
            FloatVector y3 = FloatVector.fromArray(SPECIES, row, o + 3 * LANES);
            FloatVector b0 = FloatVector.broadcast(SPECIES, scales[s]);
            c00 = y0.fma(b0, c00);
            c01 = y1.fma(b0, c01);
            c02 = y2.fma(b0, c02);
            c03 = y3.fma(b0, c03);
            FloatVector b1 = FloatVector.broadcast(SPECIES, scales[s + 1]);
            c10 = y0.fma(b1, c10);
            c11 = y1.fma(b1, c11);
            c12 = y2.fma(b1, c12);
            c13 = y3.fma(b1, c13);
            FloatVector b2 = FloatVector.broadcast(SPECIES, scales[s + 2]);
            c20 = y0.fma(b2, c20);
            c21 = y1.fma(b2, c21);
            c22 = y2.fma(b2, c22);
            c23 = y3.fma(b2, c23);
            FloatVector b3 = FloatVector.broadcast(SPECIES, scales[s + 3]);
            c30 = y0.fma(b3, c30);
            c31 = y1.fma(b3, c31);
            c32 = y2.fma(b3, c32);
            c33 = y3.fma(b3, c33);
            s += models;
        }
        c00.intoArray(g, gt);
        c01.intoArray(g, gt + LANES);
        c02.intoArray(g, gt + 2 * LANES);
        c03.intoArray(g, gt + 3 * LANES);
        c10.intoArray(g, g1);
        c11.intoArray(g, g1 + LANES);
        c12.intoArray(g, g1 + 2 * LANES);
        c13.intoArray(g, g1 + 3 * LANES);
        c20.intoArray(g, g2);
        c21.intoArray(g, g2 + LANES);
        c22.intoArray(g, g2 + 2 * LANES);
        c23.intoArray(g, g2 + 3 * LANES);
        c30.intoArray(g, g3);
        c31.intoArray(g, g3 + LANES);
        c32.intoArray(g, g3 + 2 * LANES);
        c33.intoArray(g, g3 + 3 * LANES);
    }

    /**
     * Model k, features [j, j + 4L), g at gt: four sums, four row vectors a row. Shapes as in {@link #add};
     * g[gt .. gt + 4L).
     */
    private void oneModelFourVectors(float[][] rows, int[] offsets, int count, float[] scales, int k, float[] g,
                                     int gt, int feature) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, g, gt);
        FloatVector c1 = FloatVector.fromArray(SPECIES, g, gt + LANES);
        FloatVector c2 = FloatVector.fromArray(SPECIES, g, gt + 2 * LANES);
        FloatVector c3 = FloatVector.fromArray(SPECIES, g, gt + 3 * LANES);
        int s = AT + k;
        for (int i = 0; i < count; i++) {
            float[] row = rows[AT + i];
            int o = offsets[AT + i] + feature;
            FloatVector b = FloatVector.broadcast(SPECIES, scales[s]);
            c0 = FloatVector.fromArray(SPECIES, row, o).fma(b, c0);
            c1 = FloatVector.fromArray(SPECIES, row, o + LANES).fma(b, c1);
            c2 = FloatVector.fromArray(SPECIES, row, o + 2 * LANES).fma(b, c2);
            c3 = FloatVector.fromArray(SPECIES, row, o + 3 * LANES).fma(b, c3);
            s += models;
        }
        c0.intoArray(g, gt);
        c1.intoArray(g, gt + LANES);
        c2.intoArray(g, gt + 2 * LANES);
        c3.intoArray(g, gt + 3 * LANES);
    }

    /**
     * Model k, features [j, j + L), g at gt: the vectors left after the wider loops. Shapes as in {@link #add};
     * g[gt .. gt + L).
     */
    private void oneModelOneVector(float[][] rows, int[] offsets, int count, float[] scales, int k, float[] g,
                                   int gt, int feature) {
        FloatVector c = FloatVector.fromArray(SPECIES, g, gt);
        int s = AT + k;
        for (int i = 0; i < count; i++) {
            FloatVector b = FloatVector.broadcast(SPECIES, scales[s]);
            c = FloatVector.fromArray(SPECIES, rows[AT + i], offsets[AT + i] + feature).fma(b, c);
            s += models;
        }
        c.intoArray(g, gt);
    }
}
