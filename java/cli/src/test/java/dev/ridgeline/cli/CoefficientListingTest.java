package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text reports list at most 40 features per table (train: the largest coefficients, explain: by importance). */
class CoefficientListingTest {
    @TempDir
    Path dir;

    @Test
    void theLargestAreListedInOrder() {
        boolean[] shown = TrainReport.largest(new double[] {0.1, -5, 2, -0.3, 4}, 3);
        assertArrayEquals(new boolean[] {false, true, true, false, true}, shown);
        assertArrayEquals(new boolean[] {true, true}, TrainReport.largest(new double[] {1, 2}, 40));
    }

    @Test
    void explainListsFortyFeaturesPerTableAndSumsTheRestOfTheRow() throws Exception {
        Path file = wideFile();
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("train", "--data", file.toString(), "--out", out.toString(), "--solver", "exact")
                .code());
        CliRun r = CliRun.of("explain", "--model", out.resolve("model.json").toString(), "--data", file.toString(),
                "--row", "0");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("(10 more features, none of larger mean |SHAP|; --json holds them all)"),
                r.out());
        String rest = lines.stream().filter(l -> l.startsWith("(10 more features, none of larger |SHAP|, adding "))
                .findFirst().orElseThrow();
        // The listed SHAP values plus the rest add up to the prediction minus the base, as the last line says.
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("row 0 ")).findFirst().orElseThrow());
        double listed = 0;
        for (String l : lines.subList(at + 2, at + 42)) {
            String[] parts = l.trim().split("\\s+");
            listed += Double.parseDouble(parts[2]);
        }
        double restSum = Double.parseDouble(rest.replaceAll(".*adding ([-+0-9.eE]+);.*", "$1"));
        String last = lines.get(lines.size() - 1);
        double prediction = Double.parseDouble(last.replaceAll("prediction ([-0-9.eE]+) = base.*", "$1"));
        double base = Double.parseDouble(last.replaceAll(".*= base ([-0-9.eE]+) \\+.*", "$1"));
        assertEquals(prediction - base, listed + restSum, 1e-4 * Math.max(1, Math.abs(prediction)));
    }

    @Test
    void aWideModelListsFortyAndSaysHowManyMore() throws Exception {
        Path file = wideFile();
        CliRun r = CliRun.of("train", "--data", file.toString(), "--no-output", "--solver", "exact");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("coefficient")).findFirst().orElseThrow());
        assertTrue(lines.get(header + 1).startsWith("(intercept)"), lines.get(header + 1));
        List<String> listed = lines.subList(header + 2, header + 42);
        assertTrue(listed.stream().allMatch(l -> l.startsWith("f")), listed.toString());
        assertTrue(listed.stream().noneMatch(l -> l.matches("f4[5-9] .*")), listed.toString());
        assertEquals("(10 more, none larger in magnitude in the standardised column than those listed; model.json and"
                + " --json hold them all)", lines.get(header + 42));
    }

    /** 50 features, of which f45..f49 have no effect (so the smallest coefficients), 200 rows. */
    private Path wideFile() throws Exception {
        StringBuilder csv = new StringBuilder();
        int n = 50;
        for (int j = 0; j < n; j++) {
            csv.append('f').append(j).append(',');
        }
        csv.append("y\n");
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            double y = 0;
            for (int j = 0; j < n; j++) {
                double x = random.nextGaussian();
                y += j < 45 ? x : 0;  // f45..f49 have no effect: their coefficients are the smallest
                csv.append(String.format(java.util.Locale.ROOT, "%.4f,", x));
            }
            csv.append(String.format(java.util.Locale.ROOT, "%.4f%n", y));
        }
        return Files.writeString(dir.resolve("wide.csv"), csv);
    }
}
