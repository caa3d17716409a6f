package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw columns of standard deviations 9.9 and 1 (a curvature spread of 98, under the own-scale test's 100) and
 * y = 1e5 x0 + 2 x1 + noise: gd had stopped "converged" with x1 at about 1.03 against the exact solve's 1.99 and
 * about 90 times its loss, without a warning, as x1's start gradient lies below --tol times x0's.
 */
class CoordinateGainWarningTest {
    @TempDir
    Path dir;

    @Test
    void aConvergedFitThatLeftAFeatureUnfittedSaysSo() throws Exception {
        Path data = flatData();
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--scale", "none", "--lambda", "0",
                "--holdout", "0", "--backend", "java-scalar", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(converged)"), r.out());
        assertTrue(r.err().contains("training stopped as converged (its gradient norm fell to --tol times its start),"
                + " but a step along feature 'x1' alone would still lower the loss by "), r.err());
    }

    /** tune's refit is a step fit as train's, and had stopped there without the warning. */
    @Test
    void tunesRefitThatLeftAFeatureUnfittedSaysSo() throws Exception {
        CliRun r = CliRun.of("tune", "--data", flatData().toString(), "--target", "y", "--scale", "none", "--lambdas",
                "0", "--folds", "3", "--backend", "java-scalar", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("the refit: training stopped as converged (its gradient norm fell to --tol times"
                + " its start), but a step along feature 'x1' alone would still lower the loss by "), r.err());
    }

    @Test
    void tunesRefitAtItsMinimumGetsNoSuchWarning() {
        CliRun r = CliRun.of("tune", "--lambdas", "0.1,1", "--folds", "3", "--backend", "java-scalar", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("a step along feature"), r.err());
    }

    /** y = 1e5 x0 + 2 x1 + noise on 200 rows, x0 of standard deviation 9.9 and x1 of 1. */
    private Path flatData() throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        int m = 200;
        double[] a = OwnScaleWarningTest.standardised(random, m);
        double[] b = OwnScaleWarningTest.standardised(random, m);
        StringBuilder csv = new StringBuilder("x0,x1,y\n");
        for (int i = 0; i < m; i++) {
            double steep = 9.9 * a[i];
            csv.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g%n", steep, b[i],
                    1e5 * steep + 2 * b[i] + 0.1 * random.nextGaussian()));
        }
        return Files.writeString(dir.resolve("flat.csv"), csv);
    }

    @Test
    void aFitAtItsMinimumGetsNoSuchWarning() {
        CliRun r = CliRun.of("train", "--holdout", "0", "--backend", "java-scalar", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("a step along feature"), r.err());
    }

    /**
     * A target of 0.1 on every row: the fit ends at the minimum, coefficients of about 1e-31 and a loss of about
     * 1e-62, where a step along one feature gains a third of that nothing; the warning had advised --solver exact or
     * a smaller --tol beside the constant target's own warning.
     */
    @Test
    void aConstantTargetGetsNoSuchWarning() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder csv = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 200; i++) {
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,0.1%n", random.nextGaussian(),
                    random.nextGaussian(), random.nextGaussian()));
        }
        Path data = Files.writeString(dir.resolve("constant.csv"), csv);
        for (String scale : new String[] {"zscore", "none"}) {
            CliRun r = CliRun.of("train", "--data", data.toString(), "--scale", scale, "--holdout", "0", "--backend",
                    "java-scalar", "--no-output");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("(converged)"), r.out());
            assertTrue(r.err().contains("is 0.1 on every training row"), r.err());
            assertFalse(r.err().contains("a step along feature"), scale + ": " + r.err());
        }
    }
}
