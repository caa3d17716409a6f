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
 * Columns a and a + 1e-5 N(0, 1) beside b and c, y = a + 2 b - c + 0.1 N(0, 1), 200 rows, z-scored: gd had
 * "converged" with both near 0.48, where the minimum of the float32 data has about -485 and +486, and said
 * nothing, while --solver exact warns that the coefficients along that combination are poorly determined.
 */
class StepCollinearityWarningTest {
    @TempDir
    Path dir;

    @Test
    void aConvergedStepFitOnNearlyCollinearColumnsSaysSo() throws Exception {
        Path data = nearlyCollinear();
        for (String solver : new String[] {"gd", "sgd"}) {
            CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--lambda", "0", "--solver",
                    solver, "--holdout", "0", "--no-output");
            assertEquals(0, r.code(), r.err());
            if (r.out().contains("(converged)")) {
                assertTrue(r.err().contains("with lambda = 0.0, column 'x1' is almost a linear combination of the"
                        + " columns before it (1 - R^2 = "), solver + ": " + r.err());
            } else {
                assertEquals("sgd", solver, r.out());
            }
        }
        CliRun exact = CliRun.of("train", "--data", data.toString(), "--target", "y", "--lambda", "0", "--solver",
                "exact", "--holdout", "0", "--no-output");
        assertEquals(1, exact.err().split("almost a linear combination", -1).length - 1, exact.err());
    }

    @Test
    void wellDeterminedColumnsGetNoSuchWarning() {
        CliRun r = CliRun.of("train", "--holdout", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("almost a linear combination"), r.err());
    }

    /**
     * 40 rows of 60 features: every column is a combination of the others whatever the data, which the exact
     * solve (the dual, lambda > 0) does not tell column by column and lambda 0's own warning already says; a gd fit
     * had also named 'x53' as "almost a linear combination of the columns before it" at lambda 1e-6, and 'x39' at 0.
     */
    @Test
    void fewerRowsThanFeaturesGetNoColumnWarning() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < 60; j++) {
            csv.append('x').append(j).append(',');
        }
        csv.append("y\n");
        for (int i = 0; i < 40; i++) {
            double y = 0;
            for (int j = 0; j < 60; j++) {
                double v = random.nextGaussian();
                y += j < 3 ? v : 0;
                csv.append(String.format(Locale.ROOT, "%.6g,", v));
            }
            csv.append(String.format(Locale.ROOT, "%.6g%n", y + 0.1 * random.nextGaussian()));
        }
        Path data = Files.writeString(dir.resolve("wide.csv"), csv);
        for (String lambda : new String[] {"1e-6", "0"}) {
            for (String solver : new String[] {"gd", "exact"}) {
                if (solver.equals("exact") && lambda.equals("0")) {
                    continue;  // singular: refused
                }
                CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--lambda", lambda,
                        "--solver", solver, "--holdout", "0", "--no-output");
                assertEquals(0, r.code(), r.err());
                assertTrue(solver.equals("exact") || r.out().contains("(converged)"), r.out());
                assertFalse(r.err().contains("almost a linear combination"), solver + " " + lambda + ": " + r.err());
            }
        }
    }

    /**
     * The one-hot levels of a categorical column sum to 1, as the intercept does: with a small lambda over many rows
     * the exact solver's pivot falls below its threshold along that sum, but a step fit, whose gradient along it is 0
     * from the start, sits at the ridge minimum there, and no level can be dropped: no warning for the step fit.
     */
    @Test
    void levelsOfOneCategoricalColumnDrawNoWarningForAStepFit() throws Exception {
        Path data = LevelCollinearityTest.colours(dir);
        CliRun exact = CliRun.of("train", "--data", data.toString(), "--target", "y", "--lambda", "1e-6", "--solver",
                "exact", "--holdout", "0", "--no-output");
        assertEquals(0, exact.code(), exact.err());
        assertTrue(exact.err().matches("(?s).*column 'colour=[a-z]+' is almost a linear combination.*"), exact.err());
        CliRun gd = CliRun.of("train", "--data", data.toString(), "--target", "y", "--lambda", "1e-6", "--holdout",
                "0", "--no-output");
        assertEquals(0, gd.code(), gd.err());
        assertTrue(gd.out().contains("(converged)"), gd.out());
        assertFalse(gd.err().contains("almost a linear combination"), gd.err());
    }

    private Path nearlyCollinear() throws Exception {
        SplittableRandom random = new SplittableRandom(2);
        StringBuilder csv = new StringBuilder("x0,x1,x2,x3,y\n");
        for (int i = 0; i < 200; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%.17g,%.17g%n", a, a + 1e-5 * random.nextGaussian(),
                    b, c, a + 2 * b - c + 0.1 * random.nextGaussian()));
        }
        return Files.writeString(dir.resolve("collinear.csv"), csv);
    }
}
