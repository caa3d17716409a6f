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
 * Raw columns of standard deviations 3000 and 1: gd had reported "converged" after 2 epochs, the flat coefficient
 * never fitted and no warning given. Now the fit runs to --epochs and the warning says why it is not converged,
 * without offering a larger --tol, which would call it converged again.
 */
class OwnScaleWarningTest {
    @TempDir
    Path dir;

    @Test
    void aFitConvergedOnlyByThePlainTestRunsOnAndSaysWhy() throws Exception {
        // Both columns centred and of exact standard deviations 3000 and 1, as the first report of this had them:
        // no intercept coupling to slow the steep one.
        SplittableRandom random = new SplittableRandom(8);
        int m = 200;
        double[] a = standardised(random, m);
        double[] b = standardised(random, m);
        StringBuilder csv = new StringBuilder("steep,flat,y\n");
        for (int i = 0; i < m; i++) {
            double steep = 3000 * a[i];
            csv.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g%n", steep, b[i],
                    3 * steep + 2 * b[i] + 0.1 * random.nextGaussian()));
        }
        Path data = Files.writeString(dir.resolve("spread.csv"), csv);
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--scale", "none", "--holdout", "0",
                "--epochs", "300", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("epochs     300 (max epochs)"), r.out());
        assertTrue(r.err().contains("training stopped at --epochs 300 before converging: its gradient norm fell to "),
                r.err());
        assertTrue(r.err().contains("below --tol 1.00e-07, but measured along each feature in its own scale (the "
                + "objective's curvature there) it is "), r.err());
        assertTrue(r.err().contains("times its start, above 1.00e-06, so the features of small curvature are still far"
                + " from their minimum: scale the features (--scale zscore) or use --solver exact"), r.err());
        assertFalse(r.err().contains("raise --tol"), r.err());
    }

    /** m values of mean 0 and population standard deviation 1. */
    static double[] standardised(SplittableRandom random, int m) {
        double[] v = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            v[i] = random.nextGaussian();
            mean += v[i] / m;
        }
        double sq = 0;
        for (int i = 0; i < m; i++) {
            v[i] -= mean;
            sq += v[i] * v[i] / m;
        }
        for (int i = 0; i < m; i++) {
            v[i] /= Math.sqrt(sq);
        }
        return v;
    }
}
