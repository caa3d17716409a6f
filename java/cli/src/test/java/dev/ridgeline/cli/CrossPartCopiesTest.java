package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that holds each record several times puts copies on both sides of a random split, and the held-out
 * figures then score the fit on rows it saw: train's validation and test rows, tune's folds and test rows. The
 * runs warn of it, with the count, the first copy's line and the remedy, and say nothing of data without copies.
 */
class CrossPartCopiesTest {
    @TempDir
    Path dir;

    /** 60 records of 8 noisy features, each written {@code times} times in a row. */
    private Path records(String name, int times) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("a,b,c,d,e,f,g,h,y\n");
        for (int r = 0; r < 60; r++) {
            StringBuilder row = new StringBuilder();
            double x0 = 0;
            for (int j = 0; j < 8; j++) {
                double x = random.nextGaussian();
                x0 = j == 0 ? x : x0;
                row.append(String.format(Locale.ROOT, "%.6f,", x));
            }
            row.append(String.format(Locale.ROOT, "%.6f%n", 2 * x0 + 3 * random.nextGaussian()));
            csv.append(row.toString().repeat(times));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    private static String copiesWarning(String json) throws Exception {
        for (JsonNode w : new ObjectMapper().readTree(json).get("warnings")) {
            if (w.asText().contains("exact copies")) {
                return w.asText();
            }
        }
        return null;
    }

    @Test
    void trainWarnsWhenHeldOutRowsCopyTrainingRows() throws Exception {
        Path copied = records("copied.csv", 4);
        CliRun run = CliRun.of("train", "--data", copied.toString(), "--target", "y", "--test", "0.2", "--solver",
                "exact", "--json", "--no-output");
        assertEquals(0, run.code(), run.err());
        String warning = copiesWarning(run.out());
        assertTrue(warning != null && warning.matches("\\d+ of the 48 validation rows \\(first: line \\d+, a copy of "
                + "line \\d+\\) and \\d+ of the 48 test rows \\(first: line \\d+, a copy of line \\d+\\) are exact copies"
                + " of training rows .*--group COL.*"), run.out());
        assertTrue(run.err().contains("ridgeline: warning: "), run.err());

        CliRun once = CliRun.of("train", "--data", records("once.csv", 1).toString(), "--target", "y", "--test", "0.2",
                "--solver", "exact", "--json", "--no-output");
        assertEquals(0, once.code(), once.err());
        assertEquals(null, copiesWarning(once.out()), once.out());
    }

    @Test
    void tuneWarnsWhenFoldsCopyEachOther() throws Exception {
        CliRun run = CliRun.of("tune", "--data", records("copied.csv", 4).toString(), "--target", "y", "--test",
                "0.2", "--solver", "exact", "--json", "--no-output");
        assertEquals(0, run.code(), run.err());
        String warning = copiesWarning(run.out());
        assertTrue(warning != null && warning.matches("\\d+ of the 192 tuning rows \\(first: line \\d+, a copy of line"
                + " \\d+\\) are exact copies of rows in another fold .*CV MSE is optimistic.*; \\d+ of the 48 test rows"
                + " .* are exact copies of tuning rows.*--group COL.*"), run.out());

        CliRun once = CliRun.of("tune", "--data", records("once.csv", 1).toString(), "--target", "y", "--solver",
                "exact", "--json", "--no-output");
        assertEquals(0, once.code(), once.err());
        assertEquals(null, copiesWarning(once.out()), once.out());
    }

    /**
     * Copies that --group keeps together, and copies of weight 0 (they train and score nothing), are no
     * leak: no warning.
     */
    @Test
    void groupedCopiesAndCopiesOfWeightZeroDrawNoWarning() throws Exception {
        StringBuilder csv = new StringBuilder("id,a,b,y,w\n");
        SplittableRandom random = new SplittableRandom(5);
        for (int r = 0; r < 80; r++) {
            String row = String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,", r, random.nextGaussian(),
                    random.nextGaussian(), random.nextGaussian());
            csv.append(row).append("1\n").append(row).append("0\n");
        }
        Path file = dir.resolve("pairs.csv");
        Files.writeString(file, csv);
        CliRun grouped = CliRun.of("tune", "--data", file.toString(), "--target", "y", "--group", "id", "--solver",
                "exact", "--json", "--no-output");
        assertEquals(0, grouped.code(), grouped.err());
        assertEquals(null, copiesWarning(grouped.out()), grouped.out());

        CliRun weighted = CliRun.of("train", "--data", file.toString(), "--target", "y", "--ignore", "id",
                "--weights", "w", "--solver", "exact", "--json", "--no-output");
        assertEquals(0, weighted.code(), weighted.err());
        assertEquals(null, copiesWarning(weighted.out()), weighted.out());
    }

    /**
     * Columns of few values coincide without any repeated record: 1,000 rows of three columns of 3 categories and a
     * target of 5 values, each drawn independently, put every validation row beside a training row of the same
     * values, as fresh rows would be too, so the held-out figures are fair and no warning is due (it had called
     * them optimistic, and tune's CV MSE too, for favouring smaller lambdas).
     */
    @Test
    void fewValuedColumnsThatCoincideByChanceDrawNoWarning() throws Exception {
        StringBuilder csv = new StringBuilder("colour,size,kids,rating\n");
        SplittableRandom random = new SplittableRandom(7);
        String[] colours = {"red", "green", "blue"};
        String[] sizes = {"s", "m", "l"};
        for (int r = 0; r < 1000; r++) {
            csv.append(colours[random.nextInt(3)]).append(',').append(sizes[random.nextInt(3)]).append(',')
                    .append(random.nextInt(3)).append(',').append(1 + random.nextInt(5)).append('\n');
        }
        Path file = dir.resolve("survey.csv");
        Files.writeString(file, csv);
        CliRun train = CliRun.of("train", "--data", file.toString(), "--solver", "exact", "--json", "--no-output");
        assertEquals(0, train.code(), train.err());
        assertEquals(null, copiesWarning(train.out()), train.out());

        CliRun tune = CliRun.of("tune", "--data", file.toString(), "--test", "0.2", "--solver", "exact", "--json",
                "--no-output");
        assertEquals(0, tune.code(), tune.err());
        assertEquals(null, copiesWarning(tune.out()), tune.out());
    }
}
