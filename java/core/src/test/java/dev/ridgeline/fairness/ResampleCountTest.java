package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The overall intervals count their resamples for a progress display (a model card's over two million rows took
 * 20 s with nothing on the screen): 1 to B, in order, on the calling thread, with the intervals unchanged.
 */
class ResampleCountTest {
    @Test
    void eachResampleIsCountedOnceInOrderOnTheCallingThread() {
        // Above the rows at which the metrics run on a second thread, and below them.
        for (int m : new int[] {50, FairnessAnalyzer.PIPELINE_ROWS}) {
            double[] y = new double[m];
            double[] p = new double[m];
            SplittableRandom rng = new SplittableRandom(m);
            for (int i = 0; i < m; i++) {
                y[i] = rng.nextGaussian();
                p[i] = y[i] + 0.5 * rng.nextGaussian();
            }
            BootstrapSettings s = new BootstrapSettings(60, 7, 0.95);
            List<Integer> counted = new ArrayList<>();
            Thread caller = Thread.currentThread();
            Map<FairnessMetric, Interval> withCount = FairnessAnalyzer.overallIntervals(y, p, null, s, n -> {
                assertEquals(caller, Thread.currentThread());
                counted.add(n);
            });
            assertEquals(IntStream.rangeClosed(1, 60).boxed().toList(), counted, m + " rows");
            assertEquals(FairnessAnalyzer.overallIntervals(y, p, null, s), withCount, m + " rows");
        }
    }
}
