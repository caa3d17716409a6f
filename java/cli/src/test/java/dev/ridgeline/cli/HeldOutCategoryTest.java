package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
