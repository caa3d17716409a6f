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
 * 3,000 rows of a numeric column and three colours, lambda 1e-6, --solver exact: the solve names a level of the
 * colour as almost a linear combination of the columns before it (the levels sum to 1, as the intercept's column
 * does), and had advised "dropping one of the columns", which the encoding does not let a user do. The warning now
 * keeps its figures and names the categorical column and the remedy a user has; numeric columns keep the old one.
 */
class LevelCollinearityTest {
    private static final String LEVELS = "a larger lambda makes them well determined (both are one-hot levels of the"
            + " categorical column 'colour', whose levels sum to 1 in every row as the intercept's column does, so"
            + " lambda alone sets the coefficients along their sum; no level can be dropped)";

    @TempDir
    Path dir;

    @Test
    void trainNamesTheCategoricalColumnInsteadOfDroppingALevel() throws Exception {
        CliRun r = CliRun.of("train", "--data", colours().toString(), "--target", "y", "--lambda", "1e-6", "--solver",
                "exact", "--holdout", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*column 'colour=[a-z]+' is almost a linear combination of the columns before"
                + " it \\(1 - R\\^2 = [0-9.e-]+ against them; correlation -?0\\.[0-9]+ with 'colour=[a-z]+'\\): .*"),
                r.err());
        assertTrue(r.err().contains(LEVELS), r.err());
        assertFalse(r.err().contains("dropping one of the columns"), r.err());
    }

    @Test
    void tuneNamesItForEachLambdaThatDrawsIt() throws Exception {
        CliRun r = CliRun.of("tune", "--data", colours().toString(), "--target", "y", "--lambdas", "1e-6,1e-5",
                "--solver", "exact", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.err().split("almost a linear combination", -1).length - 1, r.err());
        assertEquals(2, r.err().split(java.util.regex.Pattern.quote(LEVELS), -1).length - 1, r.err());
        assertFalse(r.err().contains("dropping one of the columns"), r.err());
    }

    /** Columns a and a + 1e-5 N(0, 1), numeric: one of them can be dropped, and the remedy says so still. */
    @Test
    void numericColumnsKeepTheRemedyOfDroppingOne() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 500; i++) {
            double a = random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g%n", a, a + 1e-5 * random.nextGaussian(),
                    a + random.nextGaussian()));
        }
        Path data = Files.writeString(dir.resolve("numeric.csv"), csv);
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--lambda", "0", "--solver",
                "exact", "--holdout", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("column 'b' is almost a linear combination"), r.err());
        assertTrue(r.err().contains("a larger lambda or dropping one of the columns makes them well determined"),
                r.err());
        assertFalse(r.err().contains("one-hot levels"), r.err());
    }

    private Path colours() throws Exception {
        return colours(dir);
    }

    /**
     * colours.csv in {@code dir}: 3,000 rows of a ~ N(0, 1), a colour of three and y = a + 2 [red] + N(0, 1) (seed 4).
     * Also StepCollinearityWarningTest's.
     */
    static Path colours(Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        String[] colours = {"red", "green", "blue"};
        StringBuilder csv = new StringBuilder("a,colour,y\n");
        for (int i = 0; i < 3000; i++) {
            double a = random.nextGaussian();
            int c = random.nextInt(3);
            csv.append(String.format(Locale.ROOT, "%.6f,%s,%.6f%n", a, colours[c],
                    a + (c == 0 ? 2 : 0) + random.nextGaussian()));
        }
        return Files.writeString(dir.resolve("colours.csv"), csv);
    }
}
