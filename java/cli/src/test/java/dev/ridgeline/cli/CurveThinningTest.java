package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveThinningTest {
    private static double[][] curve(double... y) {
        double[] x = new double[y.length];
        Arrays.setAll(x, i -> 10 + i);
        return new double[][] {x, y};
    }

    @Test
    void eachBucketKeepsItsLowestAndHighestPointInOrderWithTheCurvesEnds() {
        // Three buckets of three points: [5, 9, 1], [4, 4, 6], [7, 2, 3].
        double[][] thinned = CurveThinning.minMax(curve(5, 9, 1, 4, 4, 6, 7, 2, 3), 3);
        // Bucket 0 keeps x 11 (9) and 12 (1); x 10 is the curve's first point. Bucket 1: x 13 (4, the first of
        // the tie) and 15 (6). Bucket 2: 16 (7), 17 (2); x 18 is the last point.
        assertArrayEquals(new double[] {10, 11, 12, 13, 15, 16, 17, 18}, thinned[0]);
        assertArrayEquals(new double[] {5, 9, 1, 4, 6, 7, 2, 3}, thinned[1]);
    }

    @Test
    void aShortCurveIsDrawnWhole() {
        double[][] xy = curve(new double[CurveThinning.DRAWN_WHOLE]);
        assertSame(xy, CurveThinning.forDrawing(xy));
        double[][] six = curve(1, 2, 3, 4, 5, 6);
        assertSame(six, CurveThinning.minMax(six, 3));
    }

    @Test
    void aLongNoisyCurveKeepsItsEnvelopeItsSpikeAndItsEnds() {
        Random random = new Random(7);
        double[] y = new double[100_000];
        Arrays.setAll(y, i -> 1000 + random.nextGaussian());
        y[54_321] = 5000;
        y[77_777] = -3000;
        double[][] xy = curve(y);
        double[][] drawn = CurveThinning.forDrawing(xy);
        int n = drawn[0].length;
        assertTrue(n <= 2 * CurveThinning.MAX_BUCKETS + 2 && n > CurveThinning.MAX_BUCKETS, "points: " + n);
        assertEquals(xy[0][0], drawn[0][0]);
        assertEquals(xy[0][y.length - 1], drawn[0][n - 1]);
        for (int i = 1; i < n; i++) {
            assertTrue(drawn[0][i] > drawn[0][i - 1], "x ascending at " + i);
        }
        assertEquals(5000, Arrays.stream(drawn[1]).max().orElseThrow());
        assertEquals(-3000, Arrays.stream(drawn[1]).min().orElseThrow());
        assertTrue(Arrays.stream(drawn[0]).anyMatch(x -> x == 10 + 54_321));
        // Every bucket of the noise keeps its own extremes: the envelope's width over the rest is about 2 x 4
        // standard deviations (330 draws per bucket), not a few.
        double spread = Arrays.stream(drawn[1]).filter(v -> v > 0 && v < 2000).max().orElseThrow()
                - Arrays.stream(drawn[1]).filter(v -> v > 0 && v < 2000).min().orElseThrow();
        assertTrue(spread > 6, "spread " + spread);
    }
}
