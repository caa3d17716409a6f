package dev.ridgeline.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bootstrap's metrics computed beside the next resample's draws give the same replicates, bit for bit. */
class PipelinedBootstrapTest {
    @Test
    void pipelinedReplicatesAreThoseOfTheSequentialLoop() {
        SplittableRandom rng = new SplittableRandom(8);
        int m = 30_000;
        double[] y = new double[m];
        double[] p = new double[m];
        String[] labels = new String[m];
        for (int i = 0; i < m; i++) {
            y[i] = 100 + 10 * rng.nextGaussian();
            p[i] = y[i] + (i % 3 + 1) * rng.nextGaussian();
            labels[i] = "g" + (i % 3);
        }
        Map<String, int[]> rows = GroupLabels.rowsByGroup(labels);
        BootstrapSettings settings = new BootstrapSettings(40, 17, 0.95);
        FairnessAnalyzer.Resamples sequential = FairnessAnalyzer.resample(y, p, rows, settings, false);
        FairnessAnalyzer.Resamples pipelined = FairnessAnalyzer.resample(y, p, rows, settings, true);
        assertTrue(m >= FairnessAnalyzer.PIPELINE_ROWS, "the size a run pipelines at");
        assertArrayEquals(sequential.overall(), pipelined.overall());
        assertArrayEquals(sequential.group(), pipelined.group());
        assertArrayEquals(sequential.difference(), pipelined.difference());
        assertArrayEquals(sequential.ratio(), pipelined.ratio());
        // Replicates that vary: the test compares draws, not constants.
        assertTrue(sequential.overall()[FairnessMetric.MSE.ordinal()][0]
                != sequential.overall()[FairnessMetric.MSE.ordinal()][1]);
    }

    /** One thread asked for is one thread: the second thread only where the setting allows two. */
    @Test
    void oneThreadSettingKeepsTheMetricsOnTheCallingThread() {
        String before = System.getProperty(dev.ridgeline.data.ThreadSetting.PROPERTY);
        try {
            System.setProperty(dev.ridgeline.data.ThreadSetting.PROPERTY, "1");
            assertFalse(FairnessAnalyzer.pipelines(FairnessAnalyzer.PIPELINE_ROWS));
            System.setProperty(dev.ridgeline.data.ThreadSetting.PROPERTY, "2");
            assertTrue(FairnessAnalyzer.pipelines(FairnessAnalyzer.PIPELINE_ROWS));
            assertFalse(FairnessAnalyzer.pipelines(FairnessAnalyzer.PIPELINE_ROWS - 1));
        } finally {
            if (before == null) {
                System.clearProperty(dev.ridgeline.data.ThreadSetting.PROPERTY);
            } else {
                System.setProperty(dev.ridgeline.data.ThreadSetting.PROPERTY, before);
            }
        }
    }
}
