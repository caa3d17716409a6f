package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Which rows a scatter plot draws: all up to the cap; beyond it a fixed uniform sample and the worst rows apart. */
class ScatterSampleTest {
    @Test
    void upToTheCapEveryRowIsDrawnAndNoneMarked() {
        int n = ScatterSample.MAX_POINTS;
        int[] rows = ScatterSample.sample(n);
        assertEquals(n, rows.length);
        for (int i = 0; i < n; i++) {
            assertEquals(i, rows[i]);
        }
        assertEquals(0, ScatterSample.extremes(new double[n]).length);
    }

    @Test
    void beyondItAUniformSampleAndTheLargestResidualsExactly() {
        int n = 250_000;
        SplittableRandom rng = new SplittableRandom(3);
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = rng.nextGaussian();
        }
        for (int k = 0; k < 300; k++) {
            residual[(int) (k * 831.7)] = (k % 2 == 0 ? 1 : -1) * (10 + k);
        }
        int[] rows = ScatterSample.sample(n);
        assertEquals(ScatterSample.MAX_POINTS, rows.length);
        int firstHalf = 0;
        for (int k = 0; k < rows.length; k++) {
            assertTrue(k == 0 || rows[k] > rows[k - 1], "ascending, distinct");
            firstHalf += rows[k] < n / 2 ? 1 : 0;
        }
        // Uniform: half the sample in each half of the rows, within 1 % (the standard deviation is 0.12 %).
        assertEquals(0.5, firstHalf / (double) rows.length, 0.01);
        assertArrayEquals(rows, ScatterSample.sample(n), "the same rows every run");
        // The 100 largest |residual| are the outliers k = 200 .. 299 (|r| = 210 .. 309).
        int[] worst = ScatterSample.extremes(residual);
        int[] expected = new int[ScatterSample.EXTREMES];
        for (int k = 200; k < 300; k++) {
            expected[k - 200] = (int) (k * 831.7);
        }
        assertArrayEquals(expected, worst);
        assertArrayEquals(new double[] {residual[expected[0]], residual[expected[99]]},
                new double[] {ScatterSample.pick(residual, worst)[0], ScatterSample.pick(residual, worst)[99]});
    }

    @Test
    void justAboveTheCapItStillFinishes() {
        assertEquals(ScatterSample.MAX_POINTS, ScatterSample.sample(ScatterSample.MAX_POINTS + 1).length);
    }
}
