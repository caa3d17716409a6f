package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

class PanelPassKernelTest {
    /**
     * The features whose panels hold as many bytes as {@code features} at 16 lanes: the cache rules count
     * bytes (features x lanes), so the narrow-lane test JVMs (8 and 4 lanes) check the same sizes.
     */
    private static int sameBytes(int features) {
        return features * 16 / PanelMatrix.LANES;
    }

    @Test
    void fullBatchPassesUsePanelsWhereTheShapeSuitsThem() {
        try (VectorBoundProblem narrow = new VectorBoundProblem(RandomProblems.batch(1_000, 64, 8, 1), 2, true);
             VectorBoundProblem wide = new VectorBoundProblem(RandomProblems.batch(200, sameBytes(4_096), 1, 1), 2,
                     true);
             VectorBoundProblem few = new VectorBoundProblem(RandomProblems.batch(PanelMatrix.GROUP_ROWS - 1, 8, 1, 1),
                     2, true);
             VectorBoundProblem off = new VectorBoundProblem(RandomProblems.batch(1_000, 64, 8, 1), 2, false)) {
            assertTrue(narrow.usesPanels());
            assertFalse(wide.usesPanels(), "a group of 4,096 x 16 floats per panel and its sums outgrow the cache");
            assertFalse(few.usesPanels(), "fewer rows than one group");
            assertFalse(off.usesPanels());
        }
        assertTrue(PanelPassKernel.suits(256, 8), "within the cache budget");
        assertTrue(PanelPassKernel.suits(sameBytes(2_048), 3), "within the cache budget");
        assertFalse(PanelPassKernel.suits(sameBytes(4_096), 1), "beyond the budget one model reads X as it is");
        assertFalse(PanelPassKernel.suits(sameBytes(4_096), 2));
        assertTrue(PanelPassKernel.suits(512, 32), "beyond the budget (16 lanes) from four models on");
        for (int[] wide : new int[][] {{2_048, 4}, {4_096, 4}, {4_096, 32}, {8_192, 8}, {20_000, 5}}) {
            boolean blocks = GroupLoops.LANES >= FusedPassKernel.BLOCK_LANES;
            assertEquals(blocks, FusedPassKernel.blockGradient(wide[0], wide[1]), "block gradients with 16 lanes only");
            if (blocks) {
                assertFalse(PanelPassKernel.suits(wide[0], wide[1]), "the row kernel's block gradients take "
                        + wide[0] + " features, K = " + wide[1]);
            }
        }
        for (int[] blockShape : new int[][] {{1_024, 4}, {1_024, 8}, {1_024, 32}, {2_047, 8}}) {
            assertTrue(PanelPassKernel.suits(blockShape[0], blockShape[1]), "below 2,048 features the panels take "
                    + blockShape[0] + " features, K = " + blockShape[1] + ", whatever the lanes");
        }
        if (PanelMatrix.LANES == 16) {
            assertFalse(PanelPassKernel.suits(2_047, 33), "2 x 33 x 2,047 x 16 floats: more than 8 MB of lane sums");
        }
        assertFalse(FusedPassKernel.blockGradient(1_023, 8));
        assertFalse(FusedPassKernel.blockGradient(4_096, 3));
        if (PanelMatrix.LANES == 16) {
            assertFalse(PanelPassKernel.suits(1_000, 66), "2 x 66 x 1,000 x 16 floats: more than 8 MB of lane sums");
        }
        assertTrue(PanelPassKernel.pairs(64, 8), "narrow rows, several models: pairs of groups");
        assertFalse(PanelPassKernel.pairs(65, 8), "a panel beyond one 4 KB page");
        assertFalse(PanelPassKernel.pairs(64, 4), "one four-model sweep per group does every dot product");
        assertFalse(PanelPassKernel.pairs(64, 1), "a lone model has its own two sweeps per group");
        assertTrue(PanelPassKernel.batches(65, 2), "the lane sums of wider rows outgrow L1: batches of groups");
        assertFalse(PanelPassKernel.batches(64, 4), "at 64 features the lane sums of four models fit in L1");
        assertFalse(PanelPassKernel.batches(1_024, 1), "a lone model has its own two sweeps per group");
        assertEquals(4, PanelPassKernel.batchGroups(sameBytes(1_024)),
                "four groups of 1,024 x 16 floats fit in 1 MB");
        assertEquals(2, PanelPassKernel.batchGroups(sameBytes(1_024) + 1));
    }

    @Test
    void theBackendWithoutPanelsNeverCopiesX() {
        Problem p = RandomProblems.batch(1_000, 64, 8, 1);
        VectorBackend backend = new VectorBackend(2, false);
        try (VectorBoundProblem bound = (VectorBoundProblem) backend.bind(p)) {
            bound.step(dev.ridgeline.engine.StepRule.plain(8, 0.001), null);
            assertFalse(bound.usesPanels());
        }
        assertTrue(backend.toString().endsWith("no panel copy"), backend.toString());
        try (VectorBoundProblem bound = (VectorBoundProblem) new VectorBackend(2).bind(p)) {
            assertTrue(bound.usesPanels(), "panels are the default");
        }
    }

    /**
     * A large intercept with a near-perfect fit: the residuals are about 1e-3 against targets near 1e4.
     * Summed in float at the targets' scale, each residual would carry an error of about 1e-3 (half an
     * ulp of 1e4); the split bias keeps the loss and bias gradient within the usual tolerance of the
     * scalar reference.
     */
    @Test
    void largeInterceptsKeepSmallResidualsAccurate() {
        int rows = 4 * PanelMatrix.GROUP_ROWS;
        DenseMatrix x = RandomProblems.features(rows, 5, 3);
        double[] theta = {0.5, -0.25, 0.125, 1, -1};
        double bias = 10_000.3;
        float[] y = new float[rows];
        java.util.SplittableRandom noise = new java.util.SplittableRandom(4);
        for (int i = 0; i < rows; i++) {
            double dot = bias;
            for (int j = 0; j < 5; j++) {
                dot += theta[j] * x.get(i, j);
            }
            y[i] = (float) (dot + 1e-3 * (noise.nextDouble() - 0.5));
        }
        Problem p = Problem.builder(x).model(y, null, 0.0).build();
        Parameters at = new Parameters(new double[][] {theta}, new double[] {bias});
        try (BoundProblem scalar = new ScalarBackend().bind(p); VectorBoundProblem vector = new VectorBoundProblem(p, 2, true)) {
            scalar.setParameters(at);
            vector.setParameters(at);
            Gradient e = scalar.lossAndGradient();
            Gradient a = vector.lossAndGradient();
            assertTrue(vector.usesPanels());
            assertEquals(e.loss()[0], a.loss()[0], 2e-5 * e.loss()[0], "loss");
            assertEquals(e.bias()[0], a.bias()[0], 0.05 * Math.sqrt(2 * e.loss()[0]), "bias gradient");
        }
    }
}
