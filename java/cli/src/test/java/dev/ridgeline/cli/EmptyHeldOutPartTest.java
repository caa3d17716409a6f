package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held-out share so small that it rounds to no row (0.001 of 50 rows): the run says so, instead of
 * leaving out the part's metrics without a word while the settings name it; --patience says why it has no
 * validation rows; training rows that all weigh 0 are named as such, not as constant features.
 */
class EmptyHeldOutPartTest {
    @TempDir
    Path dir;
    private Path csv;

    @BeforeEach
    void writeData() throws Exception {
        StringBuilder s = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 50; i++) {
            s.append(i).append(',').append((i * 7) % 11).append(',').append(2 * i - (i * 7) % 11 + i % 3).append('\n');
        }
        csv = dir.resolve("fifty.csv");
        Files.writeString(csv, s);
    }

    private static String noRows(String option, String part) {
        return option + " 0.001 holds out no row of 50 rows: its share rounds to 0, so there are no " + part + " rows and"
                + " no " + part + " metrics; hold out a larger share, or set " + option + " 0";
    }

    @Test
    void trainWarnsOfEachHeldOutPartThatGotNoRow() throws Exception {
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0.001", "--test", "0.001",
                "--no-output", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("metrics").get("validation").isNull(), doc.toString());
        assertTrue(doc.get("metrics").get("test").isNull(), doc.toString());
        String warnings = doc.get("warnings").toString();
        assertTrue(warnings.contains(noRows("--holdout", "validation")), warnings);
        assertTrue(warnings.contains(noRows("--test", "test")), warnings);
        assertTrue(r.err().contains("ridgeline: warning: " + noRows("--holdout", "validation")), r.err());
    }

    @Test
    void aShareOfOneRowOrMoreIsNotWarnedAbout() throws Exception {
        // 0.01 of 50 rows is 0.5, which rounds to one row.
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0.01", "--no-output",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(1, doc.get("metrics").get("validation").get("rows").asInt(), doc.toString());
        assertTrue(!doc.get("warnings").toString().contains("holds out no row"), doc.toString());
    }

    @Test
    void patienceSaysTheHoldoutRoundedToNoRow() {
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0.001", "--patience", "3",
                "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("ridgeline: error: --patience needs validation rows, and " + noRows("--holdout", "validation"),
                r.err().strip());
    }

    @Test
    void tuneWarnsOfATestPartThatGotNoRow() throws Exception {
        CliRun r = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--test", "0.001", "--folds", "3",
                "--lambdas", "0.1,1", "--out", dir.resolve("tuned").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        String warnings = new ObjectMapper().readTree(r.out()).get("warnings").toString();
        assertTrue(warnings.contains(noRows("--test", "test")), warnings);
    }

    /**
     * Stratified by a column of 50 distinct values: each group of one row holds out round(0.2) = 0 rows, so the
     * validation part is empty though 0.2 of 50 rows is 10. The warning and --patience's error name the
     * stratification as the cause, not a share that "rounds to 0"; the sizes warning does not repeat it.
     */
    @Test
    void aStratifiedPartWithNoRowNamesTheStratification() throws Exception {
        String cause = "--holdout 0.2 holds out no row of 50 rows: with --stratify a each group's share of it rounds"
                + " to 0, so there are no validation rows and no validation metrics; stratify by a column of few values"
                + " (or bin it), leave --stratify out, or set --holdout 0";
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--stratify", "a", "--test", "0",
                "--no-output", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("metrics").get("validation").isNull(), doc.toString());
        assertEquals("[\"" + cause + "\"]", doc.get("warnings").toString());
        CliRun patience = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--stratify", "a", "--test", "0",
                "--patience", "3", "--no-output");
        assertEquals(Main.EXIT_DATA, patience.code(), patience.out());
        assertEquals("ridgeline: error: --patience needs validation rows, and " + cause, patience.err().strip());
    }

    /** DP-SGD's default batch of 64 on 40 training rows: the error says the 64 was the default and offers a size. */
    @Test
    void aDefaultDpBatchLargerThanTheTrainingRowsSaysItIsTheDefault() {
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--dp", "--dp-seeded", "--dp-noise", "1", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("ridgeline: error: --dp-batch must be in [1, 40] (the training rows), got 64 (the default): give"
                + " --dp-batch 4, or another size in range", r.err().strip());
        CliRun typed = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--dp", "--dp-seeded", "--dp-noise", "1",
                "--dp-batch", "41", "--no-output");
        assertEquals("ridgeline: error: --dp-batch must be in [1, 40] (the training rows), got 41", typed.err().strip());
    }

    @Test
    void trainingRowsThatAllWeighZeroAreNamedNotCalledConstant() throws Exception {
        Path zeros = dir.resolve("zeros.csv");
        Files.writeString(zeros, "a,w,y\n1,0,3\n2,0,4\n3,0,6\n4,0,8\n5,0,9\n");
        CliRun r = CliRun.of("train", "--data", zeros.toString(), "--target", "y", "--weights", "w", "--holdout", "0",
                "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("ridgeline: error: " + zeros + ": every one of the 5 training rows has weight 0 in 'w'; nothing to"
                + " fit", r.err().strip());
    }

    /** One row of weight above 0 makes every column constant on the rows that count: the count is the error. */
    @Test
    void oneTrainingRowOfWeightIsNamedNotCalledConstant() throws Exception {
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "a,b,w,y\n1,2,0,3\n2,1,1,4\n3,5,0,2\n4,4,0,6\n5,3,0,1\n");
        for (String command : new String[] {"train", "tune"}) {
            CliRun r = command.equals("train")
                    ? CliRun.of(command, "--data", one.toString(), "--target", "y", "--weights", "w", "--holdout", "0",
                            "--no-output")
                    : CliRun.of(command, "--data", one.toString(), "--target", "y", "--weights", "w", "--no-output");
            assertEquals(Main.EXIT_DATA, r.code(), command + ": " + r.err());
            String rows = command.equals("train") ? "training" : "tuning";
            assertEquals("ridgeline: error: " + one + ": only 1 of the 5 " + rows + " rows has a weight above 0 in 'w';"
                    + " training needs at least 2", r.err().strip(), command);
        }
    }
}
