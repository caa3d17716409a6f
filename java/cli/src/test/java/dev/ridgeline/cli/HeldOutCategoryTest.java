package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.ThreeWaySplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A category that the seeded split holds out entirely: where it is, which part, and what to do. */
class HeldOutCategoryTest {
    private static final int ROWS = 200;
    /** The one row (0-based, file line RARE + 2) whose city is 'Z'. */
    private static final int RARE = 150;

    @TempDir
    Path dir;
    Path csv;

    @BeforeEach
    void writeData() throws Exception {
        StringBuilder s = new StringBuilder("a,city,y\n");
        for (int i = 0; i < ROWS; i++) {
            String city = i == RARE ? "Z" : String.valueOf("ABC".charAt(i % 3));
            s.append(i % 10).append(',').append(city).append(',').append(2 * (i % 10) + i % 3).append('\n');
        }
        csv = Files.writeString(dir.resolve("rare.csv"), s);
    }

    /** The first seed whose split (the one train makes) puts the rare row into the validation or test part. */
    private static long seedHoldingOut(double validation, double test) {
        return LongStream.range(1, 1000).filter(seed -> {
            ThreeWaySplit split = ThreeWaySplit.of(ROWS, validation, test, seed);
            int[] held = validation > 0 ? split.validation() : split.test();
            return Arrays.stream(held).anyMatch(r -> r == RARE);
        }).findFirst().orElseThrow();
    }

    @Test
    void aCategoryOnlyInValidationRowsNamesThePlaceThePartAndTheRemedies() {
        long seed = seedHoldingOut(0.2, 0);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--seed", Long.toString(seed), "--out", out.toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("ridgeline: error: " + csv + ", line 152, column 'city': category 'Z' is in a validation row but "
                + "in no training row (known: [A, B, C]); train with --unseen zeros to encode it as all zeros, or with "
                + "--stratify city to keep rows of each category in training", r.err().strip());
        assertFalse(Files.exists(out));
        for (String[] remedy : new String[][] {{"--unseen", "zeros"}, {"--stratify", "city"}}) {
            CliRun fixed = CliRun.of("train", "--data", csv.toString(), "--seed", Long.toString(seed), "--no-output",
                    remedy[0], remedy[1]);
            assertEquals(0, fixed.code(), String.join(" ", remedy) + ": " + fixed.err());
        }
    }

    /**
     * Numbers written with decimal commas are read as categories, each held-out one new: the error had advised
     * --unseen zeros, which trains every number as a category, and said nothing of the commas.
     */
    @Test
    void aHeldOutNumberWithADecimalCommaSaysHowNumbersAreWritten() throws Exception {
        StringBuilder s = new StringBuilder("a;y\n");
        for (int i = 0; i < 40; i++) {
            s.append("0,").append(100 + i).append(';').append(i % 7).append('\n');
        }
        Path commas = Files.writeString(dir.resolve("commas.csv"), s);
        CliRun r = CliRun.of("train", "--data", commas.toString(), "--target", "y", "--delimiter", ";", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.matches("ridgeline: error: \\Q" + commas + "\\E, line \\d+, column 'a': '0,1\\d\\d' is in a "
                + "validation row but in no training row: column 'a' holds numbers written with decimal commas or "
                + "thousands separators \\('0,1\\d\\d'\\), read as 32 categories: numbers are read with neither "
                + "decimal commas nor thousands separators: write 1234.5, not 1234,5, 1,234.5 or 1 234.5; if they are "
                + "categories, give --unseen zeros to encode one no training row holds as all zeros"), err);
    }

    /**
     * A sale date read as text: new dates are in held-out rows under any split. The error had advised --stratify
     * by the column's hundred-odd dates, or --unseen zeros, both of which train each date as a category; the
     * date warning, which names --ignore, never showed since the error came first.
     */
    @Test
    void aHeldOutDateSaysTheColumnHoldsDatesAndNamesIgnore() throws Exception {
        StringBuilder s = new StringBuilder("sold,a,y\n");
        for (int i = 0; i < 400; i++) {
            s.append(java.time.LocalDate.of(2024, 1, 1).plusDays(i % 150)).append(',').append(i % 10).append(',')
                    .append(2 * (i % 10) + i % 3).append('\n');
        }
        Path dates = Files.writeString(dir.resolve("dates.csv"), s);
        CliRun r = CliRun.of("train", "--data", dates.toString(), "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.matches("ridgeline: error: \\Q" + dates + "\\E, line \\d+, column 'sold': category "
                + "'2024-\\d\\d-\\d\\d' is in a validation row but in no training row; column 'sold' holds dates "
                + "\\(2024-01-01, \\.\\.\\.\\): it is one-hot encoded as \\d+ categories, which know nothing of their "
                + "order and cannot place a date not seen in training; give it as a number \\(days since a start, a "
                + "year\\) or leave it out with --ignore sold \\(or, if its dates are categories, train with --unseen "
                + "zeros\\)"), err);
        CliRun fixed = CliRun.of("train", "--data", dates.toString(), "--ignore", "sold", "--no-output");
        assertEquals(0, fixed.code(), fixed.err());
    }

    /**
     * Timestamps, one per row, have as many categories as an identifier: the error had called the column one,
     * without the date's remedy (give it as a number).
     */
    @Test
    void aHeldOutTimestampOfOnePerRowIsNamedAsADateNotAnIdentifier() throws Exception {
        StringBuilder s = new StringBuilder("at,a,y\n");
        for (int i = 0; i < 400; i++) {
            s.append(java.time.LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(37L * i)).append(':').append("00,")
                    .append(i % 10).append(',').append(2 * (i % 10) + i % 3).append('\n');
        }
        Path times = Files.writeString(dir.resolve("times.csv"), s);
        CliRun r = CliRun.of("train", "--data", times.toString(), "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.matches("ridgeline: error: \\Q" + times + "\\E, line \\d+, column 'at': category "
                + "'2024-[-0-9T:]+' is in a validation row but in no training row; column 'at' holds dates "
                + "\\(2024-[-0-9T:]+, \\.\\.\\.\\): it is one-hot encoded as 320 categories, .* or leave it out with"
                + " --ignore at \\(or, if its dates are categories, train with --unseen zeros\\)"), err);
    }

    @Test
    void aCategoryOnlyInTestRowsSaysTestInTrainAndTune() {
        long seed = seedHoldingOut(0, 0.2);
        String expected = "ridgeline: error: " + csv + ", line 152, column 'city': category 'Z' is in a test row but "
                + "in no training row (known: [A, B, C]); train with --unseen zeros to encode it as all zeros, or with "
                + "--stratify city to keep rows of each category in training";
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--seed", Long.toString(seed), "--holdout", "0",
                "--test", "0.2", "--no-output");
        assertEquals(Main.EXIT_DATA, train.code(), train.err());
        assertEquals(expected, train.err().strip());
        Path out = dir.resolve("tuned");
        CliRun tune = CliRun.of("tune", "--data", csv.toString(), "--seed", Long.toString(seed), "--test", "0.2",
                "--out", out.toString());
        assertEquals(Main.EXIT_DATA, tune.code(), tune.err());
        assertEquals(expected, tune.err().strip());
        assertFalse(Files.exists(out));
    }
}
