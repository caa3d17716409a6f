package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets far from 1 train as ordinary ones do (scaled by a power of two, TargetShift), on java-vector too (this
 * class also runs with the vector module): there targets of spread 3e17 had overflowed the float32 loss sums
 * ("diverged", exit 4) and targets near 1e-25 underflowed them ("diverged" at the first step). A target that
 * leaves float32 no digits for the others is refused by row.
 */
class FarTargetsTest {
    @TempDir
    Path dir;

    /**
     * 10,000 rows of a, b (standard normal) and y = scale (a + noise of sd 0.5), clipped to 3.3 scale: the
     * reviewer's data, whose spread reached 9.9e17 at scale 3e17.
     */
    private Path scaled(String name, double scale) throws Exception {
        Random rng = new Random(5);
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 10_000; i++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            double y = Math.max(-3.3, Math.min(3.3, a + 0.5 * rng.nextGaussian()));
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%.17g%n", a, b, scale * y));
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static JsonNode train(Path file, String... more) throws Exception {
        String[] args = {"train", "--data", file.toString(), "--target", "y", "--json", "--no-output"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        CliRun r = CliRun.of(all);
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void targetsFarFromOneFitAsTheExactSolverFitsThem() throws Exception {
        for (double scale : new double[] {3e17, 1e-25}) {
            Path file = scaled("y" + scale + ".csv", scale);
            JsonNode gd = train(file);
            JsonNode exact = train(file, "--solver", "exact");
            for (String name : new String[] {"a", "b"}) {
                double want = coefficient(exact, name);
                assertEquals(want, coefficient(gd, name), 1e-3 * scale, "scale " + scale + ", " + name);
            }
            double loss = gd.get("loss").asDouble();
            double exactLoss = exact.get("loss").asDouble();
            assertTrue(loss >= exactLoss * (1 - 1e-5) && loss <= exactLoss * 1.01,
                    "scale " + scale + ": gd loss " + loss + ", exact " + exactLoss);
        }
    }

    private static double coefficient(JsonNode run, String name) {
        return run.get("coefficients").get(name).asDouble();
    }

    /**
     * Mostly zeros (their median absolute deviation is 0), twenty values from 1 to 4, and one target of 3e18: the
     * spread is taken over the targets off the median, and the row refused.
     */
    @Test
    void aFarTargetAmongMostlyZerosIsRefusedToo() throws Exception {
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            rows.append(i % 7).append(',').append(i < 30 ? 0 : 1 + i % 4).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("zeros.csv"), rows.append("0.5,3e18\n"));
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertTrue(r.err().contains("line 52, column 'y': target 3.0E18 lies"), r.err());
        // Without the far row, the zeros and small counts train.
        Path plain = Files.writeString(dir.resolve("counts.csv"), rows.toString().replace("0.5,3e18\n", ""));
        CliRun counts = CliRun.of("train", "--data", plain.toString(), "--target", "y", "--holdout", "0", "--no-output");
        assertEquals(0, counts.code(), counts.err());
    }

    /** One target of 3e18 among values from 0 to 4: float32 keeps none of theirs at the mean's distance. */
    @Test
    void aTargetThatLeavesTheOthersNoDigitsIsRefusedByRow() throws Exception {
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            rows.append(i % 7).append(',').append(i % 5).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("far.csv"), rows.append("0.5,3e18\n"));
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertTrue(r.err().startsWith("ridgeline: error: " + csv + ", line 52, column 'y': target 3.0E18 lies"
                + " 2.94e+18 from the training mean 5.88235e+16, where float32"), r.err());
        assertTrue(r.err().contains("check or drop the row, or rescale the target so that it lies nearer the others"),
                r.err());
        // The exact solver takes the targets in float32 too (it fitted the outlier alone).
        CliRun exact = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--solver",
                "exact", "--no-output");
        assertEquals(Main.EXIT_DATA, exact.code(), exact.err());
        CliRun tune = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--no-output");
        assertEquals(Main.EXIT_DATA, tune.code(), tune.err());
        assertTrue(tune.err().contains("so the fit would see them blurred"), tune.err());
        // 3e8 passed the old absolute limit (1e18) and trained on targets rounded by a tenth of their spread.
        Path nearer = Files.writeString(dir.resolve("nearer.csv"), rows.toString().replace("3e18", "3e8"));
        CliRun r8 = CliRun.of("train", "--data", nearer.toString(), "--target", "y", "--holdout", "0", "--no-output");
        assertEquals(Main.EXIT_DATA, r8.code(), r8.err());
        assertTrue(r8.err().contains("rounds the typical target by 0.098, more than a thousandth of their spread"
                + " (median absolute deviation 1.00), so the fit would see them blurred"), r8.err());
    }
}
