package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The row kernel for one model with each group's gradient added in the next group's sweep against right after
 * the group's own dot products: the same sums in the same order, so the same bits, for full passes (the four row
 * streams, the rows left over one by one, the flushes of the float gradient into double every so many rows) and
 * mini-batches (rows in a shuffled order), on one scratch reused. Shapes: rows ending in an odd number of
 * vectors and a tail (4,099 and 2,049 features), a lone vector (16), fewer than one (3).
 */
class RowKernelOneModelOrderTest {
    private static final int PAD = WorkerPadding.PAD;

    @Test
    void oneSweepIsForRowsOfMoreThan2048Features() {
        assertFalse(FusedPassKernel.oneSweepForOneModel(2_048));
        assertTrue(FusedPassKernel.oneSweepForOneModel(2_049));
        assertTrue(FusedPassKernel.oneSweepForOneModel(8_192));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"1301, 4099, 71", "2603, 2049, 72", "3007, 16, 73", "999, 3, 74"})
    void bothOrdersGiveTheSameBits(int rows, int n, long seed) {
        Problem p = RandomProblems.batch(rows, n, 1, seed);
        float[] theta = new float[WorkerPadding.padded(n)];
        SplittableRandom rng = new SplittableRandom(seed + 100);
        for (int i = PAD; i < PAD + n; i++) {
            theta[i] = (float) rng.nextDouble(-0.05, 0.05);
        }
        double[] bias = {0.3};
        FusedPassKernel afterOwn = new FusedPassKernel(p, false, false);
        FusedPassKernel inNext = new FusedPassKernel(p, false, true);
        RowScratch a = new RowScratch(1, n, false);
        RowScratch b = new RowScratch(1, n, false);
        int[] order = VectorBackendConformanceTest.shuffled(rows, seed);
        int[][] passes = {{0, rows}, {5, rows - 2}, {0, 9}};
        for (int[] pass : passes) {
            for (int[] by : new int[][] {null, order}) {
                double[] expected = new double[n + 3];
                double[] actual = new double[n + 3];
                afterOwn.accumulate(by, 0, pass[0], pass[1], theta, bias, true, a, expected);
                inNext.accumulate(by, 0, pass[0], pass[1], theta, bias, true, b, actual);
                String what = rows + " x " + n + ", positions " + pass[0] + " to " + pass[1]
                        + (by == null ? "" : ", shuffled");
                assertArrayEquals(expected, actual, what);
                assertNotEquals(0.0, expected[0], what + ": a gradient was formed");
            }
        }
    }
}
