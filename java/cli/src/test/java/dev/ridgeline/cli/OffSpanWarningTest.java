package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train and tune warn when gradient steps on no more rows than features were pushed off the rows' span by
 * uncentred columns (--scale none, minmax), and the coefficients they report are then measurably off the exact
 * solve's; z-scored columns from a zero start draw no warning and agree with it.
 */
class OffSpanWarningTest {
    @TempDir
    Path dir;

    /** 30 rows of 120 features of mean 1 and spread 2, and a noisy linear target. */
    private Path wide() throws java.io.IOException {
        Random rng = new Random(5);
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < 120; j++) {
            csv.append('x').append(j).append(',');
        }
        csv.append("y\n");
        for (int i = 0; i < 30; i++) {
            double y = 3;
            for (int j = 0; j < 120; j++) {
                double v = 1 + 2 * rng.nextGaussian();
                y += v * (j % 3 - 1) / 10.0;
                csv.append(String.format(Locale.ROOT, "%.4f,", v));
            }
            csv.append(String.format(Locale.ROOT, "%.4f%n", y + 0.1 * rng.nextGaussian()));
        }
        Path p = dir.resolve("wide.csv");
        Files.writeString(p, csv);
        return p;
    }

    private static JsonNode train(Path data, String... more) throws Exception {
        String[] base = {"train", "--data", data.toString(), "--target", "y", "--holdout", "0", "--lambda", "1",
                "--no-output", "--json"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.code(), run.err());
        return TrainOutputTest.json(run);
    }

    private static String offSpan(JsonNode report) {
        for (JsonNode w : report.get("warnings")) {
            if (w.asText().contains("the rows pin the coefficients down")) {
                return w.asText();
            }
        }
        return null;
    }

    /** Largest coefficient difference over the largest exact coefficient. */
    private static double coefficientError(JsonNode fit, JsonNode exact) {
        double diff = 0;
        double size = 0;
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) exact.get("coefficients")::fields) {
            diff = Math.max(diff, Math.abs(fit.get("coefficients").get(e.getKey()).asDouble() - e.getValue().asDouble()));
            size = Math.max(size, Math.abs(e.getValue().asDouble()));
        }
        return diff / size;
    }

    @Test
    void uncentredColumnsAreWarnedAboutAndTheirFitIsOff() throws Exception {
        Path data = wide();
        for (String scale : new String[] {"none", "minmax"}) {
            JsonNode exact = train(data, "--scale", scale, "--solver", "exact");
            assertEquals(null, offSpan(exact), "exact: " + exact.get("warnings"));
            JsonNode gd = train(data, "--scale", scale, "--solver", "gd");
            String w = offSpan(gd);
            assertTrue(w != null, scale + ": " + gd.get("warnings"));
            assertTrue(w.startsWith("30 training rows for 120 features: the rows pin the coefficients down along at "
                    + "most 29 directions"), w);
            assertTrue(w.contains("the columns are not centred (--scale " + scale + ")"), w);
            assertTrue(w.endsWith("use --solver exact (which solves this shape through its rows) or --scale zscore"), w);
            double error = coefficientError(gd, exact);
            double interceptError = Math.abs(gd.get("intercept").asDouble() - exact.get("intercept").asDouble());
            assertTrue(error > 1e-3 || interceptError > 1e-3 * Math.abs(exact.get("intercept").asDouble()),
                    scale + ": the warned fit is off the minimiser: " + error + ", intercept " + interceptError);
        }
    }

    @Test
    void zScoredColumnsFromAZeroStartAreNotWarnedAboutAndAgree() throws Exception {
        Path data = wide();
        JsonNode exact = train(data, "--solver", "exact");
        JsonNode gd = train(data, "--solver", "gd");
        assertEquals(null, offSpan(gd), gd.get("warnings").toString());
        assertTrue(coefficientError(gd, exact) < 1e-4, "error " + coefficientError(gd, exact));
    }

    @Test
    void aRandomStartUnderAWeakPenaltyIsWarnedAbout() throws Exception {
        JsonNode gd = train(wide(), "--solver", "gd", "--init", "random", "--epochs", "300");
        String w = offSpan(gd);
        assertTrue(w != null && w.contains("the random start (--init random)") && w.endsWith("or --init zeros"),
                gd.get("warnings").toString());
        assertFalse(w.contains("not centred"), w);
    }

    @Test
    void tuneNamesTheRefit() throws Exception {
        CliRun run = CliRun.of("tune", "--data", wide().toString(), "--target", "y", "--scale", "none", "--solver", "gd",
                "--lambdas", "1,10", "--folds", "2", "--no-output", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode r = TrainOutputTest.json(run);
        assertTrue(r.get("warnings").toString().contains("the refit: 30 training rows for 120 features"),
                r.get("warnings").toString());
    }
}
