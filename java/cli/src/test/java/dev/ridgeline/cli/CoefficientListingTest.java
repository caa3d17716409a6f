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

/** train's text report lists at most 40 coefficients, the largest in the scaled space, in feature order. */
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
    void aWideModelListsFortyAndSaysHowManyMore() throws Exception {
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
        Path file = Files.writeString(dir.resolve("wide.csv"), csv);
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
}
