package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit that runs out of epochs with its relative gradient norm near 1e-7 on a float32 backend is told that
 * the float32 sums may be the limit, not the epochs. Runs with the vector module (the {@code vector-module}
 * execution of java/cli/pom.xml); skipped without it.
 */
class FloatFloorWarningTest {
    @TempDir
    Path dir;

    private static final String HINT = "a norm this small may be as low as java-vector's float32 sums go: raise --tol "
            + "or use --backend java-scalar";

    @Test
    void onlyFloat32BackendsAndSmallNormsGetTheHint() {
        assertTrue(EpochLimitWarning.atFloatFloor(1.1e-7, "java-vector"));
        assertTrue(EpochLimitWarning.atFloatFloor(1.1e-7, "cuda"));
        assertFalse(EpochLimitWarning.atFloatFloor(1.1e-7, "java-scalar"), "double sums have no such floor");
        assertFalse(EpochLimitWarning.atFloatFloor(4.96e-3, "java-vector"), "far from the floor: more epochs help");
    }

    /**
     * Unscaled features of far-apart scales leave a small relative norm far from the minimum, where raising
     * --tol calls a poor fit converged: the hint asks for the scaling first.
     */
    @Test
    void unscaledFeaturesAreToldToScaleBeforeRaisingTol() {
        dev.ridgeline.train.TrainingResult atFloor = new dev.ridgeline.train.TrainingResult(
                dev.ridgeline.engine.Parameters.zeros(1, 2), new int[] {300},
                java.util.List.of(dev.ridgeline.train.StopReason.MAX_EPOCHS), new double[] {1}, new double[] {1e-7},
                new double[] {1}, new double[] {0.1}, new dev.ridgeline.train.History());
        dev.ridgeline.train.TrainerConfig config = dev.ridgeline.train.TrainerConfig.builder().maxEpochs(300).build();
        String unscaled = EpochLimitWarning.of("training", atFloor, config, "java-vector",
                dev.ridgeline.preprocess.ScaleKind.NONE).orElseThrow();
        assertTrue(unscaled.endsWith("scale the features (--scale zscore), or use --solver exact; if more epochs and "
                + "--scale zscore do not lower it, " + HINT), unscaled);
        String scaled = EpochLimitWarning.of("training", atFloor, config, "java-vector",
                dev.ridgeline.preprocess.ScaleKind.ZSCORE).orElseThrow();
        assertTrue(scaled.endsWith("or use --solver exact; if more epochs do not lower it, " + HINT), scaled);
    }

    /** One feature b = i mod 3, y = i, 20 rows: java-vector's norm stays at about 1.1e-7. */
    @Test
    void aRunHeldAtTheFloorSaysSo() throws Exception {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "needs the vector module");
        StringBuilder csv = new StringBuilder("b,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 3).append(',').append(i).append('\n');
        }
        Path data = dir.resolve("floor.csv");
        Files.writeString(data, csv);
        CliRun vector = CliRun.of("train", "--data", data.toString(), "--target", "y", "--backend", "java-vector",
                "--epochs", "300", "--no-output");
        assertEquals(0, vector.code(), vector.err());
        assertTrue(vector.err().contains("training stopped at --epochs 300"), vector.err());
        assertTrue(vector.err().contains(HINT), vector.err());
        CliRun scalar = CliRun.of("train", "--data", data.toString(), "--target", "y", "--backend", "java-scalar",
                "--epochs", "300", "--no-output");
        assertEquals(0, scalar.code(), scalar.err());
        assertFalse(scalar.err().contains("training stopped"), "java-scalar converges here: " + scalar.err());
    }
}
