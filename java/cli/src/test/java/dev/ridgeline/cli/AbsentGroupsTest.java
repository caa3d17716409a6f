package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups whose rows all went to training had vanished from the fairness tables and from mitigation's held-out
 * worst group without a word (only an attribute left with one group was warned of).
 */
class AbsentGroupsTest {
    /** The rows of 200 that the seed-42 split holds out for validation include none of rows 0-3. */
    private static final String ONLY_TRAINING = "ridgeline: warning: fairness by grp: groups D, E have no validation"
            + " row, so they are not in the table";

    @TempDir
    Path dir;

    /** 200 rows: a row id, the group grp of {@code group}, x1 and y. */
    private Path data(IntFunction<String> group) throws Exception {
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder csv = new StringBuilder("id,grp,x1,y\n");
        for (int i = 0; i < 200; i++) {
            double x = rng.nextGaussian();
            csv.append(String.format(Locale.ROOT, "r%d,%s,%.4f,%.4f%n", i, group.apply(i), x, 2 * x + rng.nextGaussian()));
        }
        return Files.writeString(dir.resolve("d.csv"), csv);
    }

    /** D on rows 0 and 1, E on row 2 (all three training rows), else A, B, C in turn. */
    private Path withTrainingOnlyGroups() throws Exception {
        return data(i -> i < 2 ? "D" : i == 2 ? "E" : String.valueOf("ABC".charAt(i % 3)));
    }

    @Test
    void groupsWithoutAValidationRowAreNamed() throws Exception {
        CliRun r = CliRun.of("train", "--data", withTrainingOnlyGroups().toString(), "--target", "y", "--ignore",
                "id,grp", "--sensitive", "grp", "--bootstrap", "0", "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(ONLY_TRAINING + "\n"), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(3, doc.at("/fairness/attributes/0/groups").size(), "A, B and C");
        boolean listed = false;
        for (JsonNode w : doc.get("warnings")) {
            listed |= ("ridgeline: warning: " + w.asText()).equals(ONLY_TRAINING);
        }
        assertTrue(listed, doc.get("warnings").toString());
        CliRun all = CliRun.of("train", "--data", withTrainingOnlyGroups().toString(), "--target", "y", "--ignore",
                "id,grp", "--sensitive", "grp", "--bootstrap", "0", "--holdout", "0", "--no-output");
        assertEquals(0, all.code(), all.err());
        assertFalse(all.err().contains("no training row") || all.err().contains("no validation row"), all.err());
    }

    @Test
    void mitigationsHeldOutWorstGroupIsSaidToLeaveThemOut() throws Exception {
        CliRun r = CliRun.of("train", "--data", withTrainingOnlyGroups().toString(), "--target", "y", "--ignore",
                "id,grp", "--sensitive", "grp", "--mitigate", "--solver", "exact", "--bootstrap", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(ONLY_TRAINING + ", nor in --mitigate's worst group on those rows\n"), r.err());
    }

    @Test
    void manyGroupsAreCountedAfterTheFirstTen() throws Exception {
        CliRun r = CliRun.of("train", "--data", data(i -> "A").toString(), "--target", "y", "--ignore", "id,grp",
                "--sensitive", "id", "--bootstrap", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ridgeline: warning: fairness by id: groups r0, r1, r2, r3, r4, r7, r9, r11, r12,"
                + " r13 and 150 more have no validation row, so they are not in the table\n"), r.err());
    }
}
