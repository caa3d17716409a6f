package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One model's panel pass in one sweep per group (the previous group's gradient beside the next group's dot
 * products) against two sweeps per group (the group's own gradient after its dot products): the same sums in
 * the same order, so the same bits, across carries of the lane sums and at every feature count.
 */
class OneModelSweepOrderTest {
    private static final int PAD = WorkerPadding.PAD;

    /** The features whose panels hold as many bytes as {@code features} at 16 lanes (the rule counts bytes). */
    private static int sameBytes(int features) {
        return features * 16 / PanelMatrix.LANES;
    }

    @Test
    void oneSweepPerGroupIsForRowsOf65ToAbout1800Features() {
        assertFalse(PanelPassKernel.oneSweepForOneModel(64), "at 64 features two sweeps were faster in cache");
        assertTrue(PanelPassKernel.oneSweepForOneModel(65));
        assertTrue(PanelPassKernel.oneSweepForOneModel(sameBytes(1_820)), "9 panels of 1,820 x 16 floats: 1 MB");
        assertFalse(PanelPassKernel.oneSweepForOneModel(sameBytes(1_821)), "two groups and the sums outgrow 1 MB");
        assertFalse(PanelPassKernel.oneSweepForOneModel(sameBytes(3_072)), "slower from memory at 3,072 features");
    }

    @Test
    void bothOrdersGiveTheSameBits() {
        // 37 groups: two carries of 16 groups and a remainder; 3 and 64 features force the one-sweep order where
        // the rule keeps two sweeps, 1,023 crosses the dot products' chunks of 256 features.
        for (int n : new int[] {3, 64, 65, 256, 1_023}) {
            int groups = PanelPassKernel.CARRY_GROUPS * 2 + 5;
            Problem p = RandomProblems.batch(groups * PanelMatrix.GROUP_ROWS, n, 1, 11 + n);
            float[] theta = new float[PAD + n + PAD];
            SplittableRandom random = new SplittableRandom(n);
            for (int j = 0; j < n; j++) {
                theta[PAD + j] = (float) (random.nextDouble() - 0.5);
            }
            double[] bias = {0.25};
            try (BlockExecutor executor = new BlockExecutor(1)) {
                PanelMatrix x = PanelMatrix.copyOf(p.x(), executor);
                for (int[] range : new int[][] {{0, groups}, {3, groups}, {5, 6}}) {
                    double[] two = pass(new PanelPassKernel(p, x, false), range, theta, bias, p);
                    double[] one = pass(new PanelPassKernel(p, x, true), range, theta, bias, p);
                    assertArrayEquals(two, one, n + " features, groups " + range[0] + " to " + range[1]);
                    assertTrue(two[0] != 0 && two[n] != 0, "a gradient and a bias gradient were formed");
                }
            }
        }
    }

    @Test
    void theKernelChoosesByTheFeatureCount() {
        Problem wide = RandomProblems.batch(PanelMatrix.GROUP_ROWS * 3, 256, 1, 5);
        Problem narrow = RandomProblems.batch(PanelMatrix.GROUP_ROWS * 3, 64, 1, 5);
        float[] theta = new float[PAD + 256 + PAD];
        java.util.Arrays.fill(theta, 0.5f);
        double[] bias = {0};
        try (BlockExecutor executor = new BlockExecutor(1)) {
            for (Problem p : new Problem[] {wide, narrow}) {
                PanelMatrix x = PanelMatrix.copyOf(p.x(), executor);
                boolean oneSweep = p.features() > 64;
                assertEquals(oneSweep, PanelPassKernel.oneSweepForOneModel(p.features()));
                assertArrayEquals(pass(new PanelPassKernel(p, x, oneSweep), new int[] {0, 3}, theta, bias, p),
                        pass(new PanelPassKernel(p, x), new int[] {0, 3}, theta, bias, p));
            }
        }
    }

    /** Groups [range[0], range[1]) of one pass with the gradient: the (n + 3) partial sums. */
    private static double[] pass(PanelPassKernel kernel, int[] range, float[] theta, double[] bias, Problem p) {
        double[] partial = new double[p.features() + 3];
        kernel.accumulate(range[0], range[1], theta, bias, true, new PanelScratch(1, p.features()), partial);
        return partial;
    }
}
