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

    /**
     * The fairness tables count their bootstrap resamples and the permutation test's relabellings too (1 to 3B, in
     * order, on the calling thread, a part not run passed over at once), with the report unchanged: over millions
     * of held-out rows they ran for many seconds after the last epoch with nothing on the screen.
     */
    @Test
    void theFairnessTablesCountEveryPassInOrderOnTheCallingThread() {
        for (int m : new int[] {50, FairnessAnalyzer.PIPELINE_ROWS}) {
            double[] y = new double[m];
            double[] p = new double[m];
            double[] w = new double[m];
            String[] two = new String[m];
            String[] one = new String[m];
            SplittableRandom rng = new SplittableRandom(m);
            for (int i = 0; i < m; i++) {
                y[i] = rng.nextGaussian();
                p[i] = y[i] + 0.5 * rng.nextGaussian();
                w[i] = 1 + rng.nextInt(3);
                two[i] = i % 3 == 0 ? "a" : "b";
                one[i] = "a";
            }
            BootstrapSettings s = new BootstrapSettings(60, 7, 0.95);
            Thread caller = Thread.currentThread();
            for (boolean test : new boolean[] {true, false}) {
                for (String[] labels : List.of(two, one)) {
                    for (double[] weights : new double[][] {null, w}) {
                        List<Integer> counted = new ArrayList<>();
                        FairnessReport withCount = FairnessAnalyzer.analyze("g", y, p, weights, labels, s, test, n -> {
                            assertEquals(caller, Thread.currentThread());
                            counted.add(n);
                        });
                        String what = m + " rows, " + (labels == one ? "one group" : "two groups") + ", test " + test
                                + (weights == null ? "" : ", weighted");
                        // Two groups with the test: every count; else the parts not run are passed over at once.
                        List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(1, 60).boxed().toList());
                        expected.addAll(labels == one ? List.of(120)
                                : IntStream.rangeClosed(61, 120).boxed().toList());
                        expected.addAll(labels == one || !test ? List.of(180)
                                : IntStream.rangeClosed(121, 180).boxed().toList());
                        assertEquals(expected, counted, what);
                        assertEquals(FairnessAnalyzer.steps(s), counted.get(counted.size() - 1), what);
                        assertEquals(FairnessAnalyzer.analyze("g", y, p, weights, labels, s, test), withCount, what);
                    }
                }
            }
        }
    }

    @Test
    void withoutResamplesNothingIsCounted() {
        List<Integer> counted = new ArrayList<>();
        FairnessAnalyzer.analyze("g", new double[] {1, 2, 3, 4}, new double[] {1, 2, 2, 5}, null,
                new String[] {"a", "a", "b", "b"}, BootstrapSettings.none(), true, counted::add);
        assertEquals(List.of(), counted);
    }
}
