package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The vector backend keeps its sums short in float and moves them to double every so many rows: the row
 * kernel flushes its float gradient every {@link FusedPassKernel#FLUSH_ROWS} rows (with block gradients
 * through outer float sums drained every {@link FusedPassKernel#DRAIN_CARRIES} flushes), the panel kernel
 * carries its inner lane sums every {@link PanelPassKernel#CARRY_GROUPS} groups and drains them every
 * {@link PanelPassKernel#DRAIN_CARRIES} carries. Each block's last drain runs whatever happens before, so
 * on ordinary data a kernel that skipped the periodic ones passed every other test.
 *
 * <p>Adversarial magnitudes: a first row whose residual is 2^30, then tens of thousands of rows of residual
 * 1/2, every feature 1 (theta = 0, bias = 0). A float sum holding 2^30 steps by 128, so every half (and every carry of up to 64
 * halves, 32) added to it is lost. Rows that share a float sum with the large one before its first move to
 * double are 0 (the first {@link #QUIET} rows, and the first quarter of every 1,024, where the row kernel's
 * four row streams start), so with the drains every sum is exact: java-vector must then match java-scalar
 * to 1e-12 relative, where a kernel without them was off by 1.2e-7 (panels) to 2.9e-6 (rows) relative.
 */
class LaneSumDrainTest {
    private static final float LARGE = 0x1p30f;
    /**
     * Rows of residual 0 from the start: at least one drain window of the panel kernel (CARRY_GROUPS x
     * DRAIN_CARRIES groups of 4 L rows, 16,384 rows at L = 16 lanes).
     */
    private static final int QUIET = Math.max(1 << 14,
            PanelPassKernel.CARRY_GROUPS * PanelPassKernel.DRAIN_CARRIES * PanelMatrix.GROUP_ROWS);
    /**
     * Rows of the full-batch passes: 32 blocks of 24,576 rows ({@link RowBlocks}), beyond the largest drain window,
     * and a quarter of a block (the row kernel's streams) a whole number of 1,024.
     */
    private static final int ROWS = 32 * 24_576;
    private static final BackendComparison EXACT = new BackendComparison(1e-12);

    /**
     * Row i's target (its residual at theta = 0, bias = 0, negated): the large one for row 0, else 0 within the
     * first {@code quiet} rows and the first quarter of every 1,024, else 1/2.
     */
    private static float target(int i, int quiet) {
        if (i == 0) {
            return LARGE;
        }
        return i < quiet || i % 1024 < 256 ? 0f : 0.5f;
    }

    /** Rows of {@code features} features of 1, targets {@link #target} after {@link #QUIET} rows; K models on them. */
    private static Problem problem(int rows, int features, int models) {
        return problem(rows, features, models, QUIET);
    }

    private static Problem problem(int rows, int features, int models, int quiet) {
        float[] ones = new float[rows * features];
        Arrays.fill(ones, 1f);
        DenseMatrix x = DenseMatrix.wrap(ones, rows, features);
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = target(i, quiet);
        }
        Problem.Builder b = Problem.builder(x);
        for (int k = 0; k < models; k++) {
            b.model(y, null, 0.0);
        }
        return b.build();
    }

    @Test
    void thePanelKernelDrainsItsLaneSumsWithinABlock() {
        compareFullBatch(problem(ROWS, 1, 1), true);
        compareFullBatch(problem(ROWS, 1, 2), true);
    }

    @Test
    void theRowKernelFlushesItsFloatGradientWithinABlock() {
        compareFullBatch(problem(ROWS, 1, 1), false);
    }

    /** A mini-batch (rows by index): the large row first, then 63 rows of 0, then rows of a half among zeros. */
    @Test
    void aMiniBatchFlushesItsFloatGradient() {
        Problem p = problem(ROWS, 1, 1);
        int size = 1 << 14;
        int[] order = new int[size];
        for (int q = 0; q < size; q++) {
            order[q] = q < 64 ? q : QUIET + q;
        }
        try (BoundProblem scalar = new ScalarBackend().bind(p); BoundProblem vector = new VectorBoundProblem(p, 1,
                false)) {
            StepRule rule = StepRule.plain(1, 1e-9);
            RowBatch batch = new RowBatch(order, 0, size);
            scalar.step(rule, batch);
            vector.step(rule, batch);
            EXACT.lastPass(scalar.lastPass(), vector.lastPass(), "mini-batch");
            EXACT.parameters(scalar, vector, "mini-batch");
        }
    }

    /**
     * Block gradients (four models, taken here whatever the lanes) drain their outer float sums every
     * DRAIN_CARRIES flushes: 4,096 rows in four streams of 1,024, whose first 256 rows (16 flushes) are 0 but
     * for the large one.
     */
    @Test
    void blockGradientsDrainTheirOuterSums() {
        int rows = 4096;
        int n = 17;
        int models = 4;
        Problem p = problem(rows, n, models, 0);
        FusedPassKernel kernel = new FusedPassKernel(p, true);
        RowScratch scratch = new RowScratch(models, n, true);
        double[] partial = new double[models * (n + 3)];
        kernel.accumulate(null, 0, 0, rows, new float[WorkerPadding.padded(models * n)], new double[models], true,
                scratch, partial);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < rows; i++) {
            sum -= target(i, 0);
            squares += (double) target(i, 0) * target(i, 0);
        }
        for (int k = 0; k < models; k++) {
            int at = k * (n + 3);
            for (int j = 0; j < n; j++) {
                assertEquals(sum, partial[at + j], 0.0, "model " + k + ", gradient sum " + j);
            }
            assertEquals(sum, partial[at + n], 0.0, "model " + k + ", residual sum");
            assertEquals(squares, partial[at + n + 1], 0.0, "model " + k + ", squared residuals");
        }
    }

    /** The loss and gradient at theta = 0, bias = 0 on both backends, then after one step. */
    private static void compareFullBatch(Problem p, boolean panels) {
        String kernel = panels ? "panel kernel" : "row kernel";
        try (BoundProblem scalar = new ScalarBackend().bind(p);
             VectorBoundProblem vector = new VectorBoundProblem(p, 1, panels)) {
            Parameters zero = new Parameters(new double[p.models()][p.features()], new double[p.models()]);
            scalar.setParameters(zero);
            vector.setParameters(zero);
            EXACT.vector(scalar.loss(), vector.loss(), kernel + ", loss");
            EXACT.gradient(scalar.lossAndGradient(), vector.lossAndGradient(), kernel + ", gradient");
            StepRule rule = StepRule.plain(p.models(), 1e-9);
            scalar.step(rule, null);
            vector.step(rule, null);
            EXACT.lastPass(scalar.lastPass(), vector.lastPass(), kernel + ", step");
            EXACT.parameters(scalar, vector, kernel + ", step");
            assertEquals(panels, vector.usesPanels(), kernel);
        }
    }
}
