package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.data.ThreeWaySplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fairness report says only what is so: the reason for a missing permutation p, the legend of brackets that
 * exist, the small mark on groups alone, n/a for an undefined MSE, the evaluation rows as counted, and a refusal
 * of a bootstrap too short for its tails.
 */
class FairnessWordingTest {
    private static final int ROWS = 120;

    @TempDir
    Path dir;

    /**
     * 120 rows: x, group g (A on even rows, B on odd ones), weight w (0 where {@code weightless} holds, else 1),
     * y = 2 x + a little more for B.
     */
    private Path file(String name, IntPredicate weightless) throws Exception {
        StringBuilder csv = new StringBuilder("x,g,w,y\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "A" : "B").append(',')
                    .append(weightless.test(i) ? 0 : 1).append(',')
                    .append(2 * i + (i * 7 % 5) * (i % 2 == 0 ? 1 : 3)).append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    /** The default split's validation rows of the file (80 / 20, seed 42), as the run draws them. */
    private static int[] validationRows() {
        return ThreeWaySplit.of(ROWS, 0.2, 0, 42).validation();
    }

    /**
     * Held-out rows, the group not a feature, no mitigation: B weighing nothing leaves no metric to compare, which
     * is not the training-rows reason ("the fit read the groups") it had been given, in the report and the card; no
     * legend for brackets no disparity has; the card counts the rows as the report does.
     */
    @Test
    void aPermutationPMissingForWantOfGroupsIsNotBlamedOnTheFit() throws Exception {
        Path data = file("bless.csv", i -> i % 2 == 1);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--weights", "w", "--ignore", "g",
                "--sensitive", "g", "--bootstrap", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("no permutation p"), r.out());
        assertFalse(r.out().contains("resampled: the middle 95%"), r.out());
        assertTrue(r.out().contains("MSE: n/a: only one group has a value"), r.out());
        String card = Files.readString(out.resolve("model-card.md"));
        assertFalse(card.contains("No permutation p-value here"), card);
        int validation = validationRows().length;
        long weighing = Arrays.stream(validationRows()).filter(i -> i % 2 == 0).count();
        assertTrue(r.out().contains("on the validation rows (" + validation + ", " + weighing + " of weight above 0)"),
                r.out());
        assertTrue(card.contains("the validation rows (" + validation + ", " + weighing + " of weight above 0, held out"),
                card);
        JsonNode json = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        JsonNode attribute = json.at("/fairness/0");
        assertEquals(validation, attribute.get("evaluationRows").asInt(), attribute.toString());
        assertFalse(attribute.get("permutationWithheld").asBoolean(), attribute.toString());
        assertFalse(attribute.at("/overall/smallGroup").asBoolean(), "the overall row is no group");
        assertFalse(attribute.at("/groups/1/smallGroup").asBoolean(), "B has no weighing row, so no figure");
        assertTrue(attribute.at("/groups/0/smallGroup").asBoolean(), "A has " + weighing + " rows");
    }

    /** The training rows of a fit that read the groups keep their reason. */
    @Test
    void aPermutationPLeftOutOnTrainingRowsKeepsItsReason() throws Exception {
        Path data = file("feature.csv", i -> false);
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "w", "--sensitive", "g",
                "--holdout", "0", "--bootstrap", "100", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no permutation p on the training rows: the fit read the groups"), r.out());
    }

    /** The overall row of fewer than 30 rows is not marked as a small group; the groups are. */
    @Test
    void theOverallRowIsNeverMarkedSmall() throws Exception {
        Path data = file("small.csv", i -> false);
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "g,w", "--sensitive", "g",
                "--bootstrap", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("overall ")), r.out());
        assertFalse(r.out().contains("overall*"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("A* ")), r.out());
    }

    /** Held-out rows that all weigh 0 have no MSE: the mitigation table says n/a, not NaN. */
    @Test
    void mitigationOnHeldOutRowsOfNoWeightPrintsNotApplicable() throws Exception {
        int[] validation = validationRows();
        Path data = file("heldless.csv", i -> Arrays.stream(validation).anyMatch(v -> v == i));
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--weights", "w", "--ignore", "g",
                "--sensitive", "g", "--mitigate", "--bootstrap", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        String table = r.out().substring(r.out().indexOf("mitigation bounded group loss"));
        assertFalse(table.contains("NaN"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("worst group") && l.contains("n/a")
                && l.contains("(validation rows)")), table);
    }

    /** Fewer resamples than a 95% interval's tails need, or absurdly many, are refused before training. */
    @Test
    void aBootstrapOutsideItsRangeIsRefused() {
        for (String n : new String[] {"1", "39", "100001", "2000000000"}) {
            Path out = dir.resolve("b" + n);
            CliRun r = CliRun.of("train", "--sensitive", "sex", "--bootstrap", n, "--out", out.toString());
            assertEquals(Main.EXIT_DATA, r.code(), n + ": " + r.err());
            assertTrue(r.err().contains("--bootstrap must be 0 (no intervals) or between 40 and 100000"), r.err());
            assertFalse(Files.exists(out), "nothing written for " + n);
        }
        CliRun fine = CliRun.of("train", "--sensitive", "sex", "--bootstrap", "40", "--no-output");
        assertEquals(0, fine.code(), fine.err());
    }

    /** A mistyped sensitive column that --ignore left out gets a suggestion, and the list names such columns. */
    @Test
    void aMistypedSensitiveColumnThatIsIgnoredIsSuggested() throws Exception {
        Path data = file("typo.csv", i -> false);
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--ignore", "g", "--sensitive", "G",
                "--no-output");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("sensitive column 'G' is not in the header (did you mean 'g'?)"), r.err());
        assertTrue(r.err().contains("or one --ignore leaves out [g]"), r.err());
    }
}
