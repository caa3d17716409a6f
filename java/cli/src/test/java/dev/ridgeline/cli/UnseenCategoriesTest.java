package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict}, {@code evaluate} and {@code explain} with a model trained under {@code --unseen zeros}: rows of
 * categories never seen are counted.
 */
class UnseenCategoriesTest {
    @TempDir
    Path dir;

    @Test
    void rowsOfUnseenCategoriesAreCountedAndTheFirstIsNamed() throws Exception {
        Path csv = dir.resolve("codes.csv");
        StringBuilder s = new StringBuilder("x,code,colour,y\n");
        for (int i = 0; i < 30; i++) {
            s.append(i % 5).append(',').append(1 + i % 3).append(',').append(i % 2 == 0 ? "red" : "blue").append(',')
                    .append(2 * (i % 5) + (i % 3)).append('\n');
        }
        Files.writeString(csv, s);
        Path out = dir.resolve("m");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--categorical", "code", "--unseen", "zeros",
                "--solver", "exact", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        Path rows = dir.resolve("new.csv");
        // line 3: '1.0' is not the code '1'; line 4: both columns unseen, one row; line 5: all known
        Files.writeString(rows, "x,code,colour\n1,1,red\n2,1.0,red\n3,7,green\n4,2,blue\n");
        String model = out.resolve("model.json").toString();
        CliRun predict = CliRun.of("predict", "--model", model, "--data", rows.toString(), "--json");
        assertEquals(0, predict.code(), predict.err());
        JsonNode doc = new ObjectMapper().readTree(predict.out());
        String expected = "2 of 4 rows held a category not seen in training (first: '1.0' in column 'code' at line 3),"
                + " predicted as none of the known ones (the model's --unseen zeros); categories are matched as text,"
                + " so '1.0' is not '1'";
        assertEquals(1, doc.get("warnings").size(), doc.toString());
        assertEquals(expected, doc.get("warnings").get(0).asText());
        assertTrue(predict.err().contains("ridgeline: warning: " + expected), predict.err());
        // evaluate reads the same rows with their target, and explain encodes them alike: both say so too.
        Path labelled = dir.resolve("labelled.csv");
        Files.writeString(labelled, "x,code,colour,y\n1,1,red,3\n2,1.0,red,5\n3,7,green,6\n4,2,blue,9\n");
        CliRun evaluate = CliRun.of("evaluate", "--model", model, "--data", labelled.toString(), "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        JsonNode scored = new ObjectMapper().readTree(evaluate.out());
        assertEquals(1, scored.get("warnings").size(), scored.toString());
        assertEquals(expected, scored.get("warnings").get(0).asText());
        assertTrue(evaluate.err().contains("ridgeline: warning: " + expected), evaluate.err());
        CliRun explain = CliRun.of("explain", "--model", model, "--data", rows.toString(), "--background",
                labelled.toString(), "--json");
        assertEquals(0, explain.code(), explain.err());
        String explained = expected.replace("predicted as none", "explained as holding none");
        List<String> warnings = new ArrayList<>();
        new ObjectMapper().readTree(explain.out()).get("warnings").forEach(w -> warnings.add(w.asText()));
        assertEquals(List.of(explained, "--background " + labelled + ": " + explained,
                "the background (--background " + labelled + ") has only 4 rows: SHAP values compare each feature"
                        + " with its mean over them; to explain new rows against the data the model learned from,"
                        + " pass --background with the training data"), warnings);
        Path known = dir.resolve("known.csv");
        Files.writeString(known, "x,code,colour\n1,1,red\n4,2,blue\n");
        CliRun quiet = CliRun.of("predict", "--model", model, "--data", known.toString(), "--json");
        assertEquals(0, new ObjectMapper().readTree(quiet.out()).get("warnings").size(), quiet.out());
    }

    /**
     * 40 rows of red and blue, then one green row (line 42): wherever the split puts it but among the training
     * rows, its category is unseen.
     */
    private Path withOneGreenRow() throws java.io.IOException {
        StringBuilder s = new StringBuilder("x,colour,y\n");
        for (int i = 0; i < 40; i++) {
            s.append(i % 7).append(',').append(i % 2 == 0 ? "red" : "blue").append(',').append(3 * (i % 7) + i % 2)
                    .append('\n');
        }
        s.append("3,green,9\n");
        return Files.writeString(dir.resolve("rare.csv"), s);
    }

    /**
     * train under --unseen zeros: validation or test rows of a category no training row has are scored as none
     * of the known ones; the run said nothing of them, where predict and evaluate count them.
     */
    @Test
    void trainCountsHeldOutRowsOfUnseenCategories() throws Exception {
        Path csv = withOneGreenRow();
        for (long seed = 1; seed <= 20; seed++) {
            CliRun train = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--unseen", "zeros", "--solver",
                    "exact", "--holdout", "0.3", "--seed", Long.toString(seed), "--no-output", "--json");
            assertEquals(0, train.code(), train.err());
            JsonNode doc = new ObjectMapper().readTree(train.out());
            boolean greenTrained = doc.get("coefficients").has("colour=green");
            java.util.List<String> warnings = new java.util.ArrayList<>();
            doc.get("warnings").forEach(w -> warnings.add(w.asText()));
            if (!greenTrained) {
                assertTrue(warnings.stream().anyMatch(w -> w.startsWith("validation rows: 1 of ")
                        && w.contains("held a category not seen in training (first: 'green' in column 'colour' at line"
                        + " 42), scored as none of the known ones")), warnings.toString());
                return;
            }
        }
        throw new AssertionError("no seed held the green row out");
    }

    /** tune --test under --unseen zeros: the test rows of a category no tuning row has are counted too. */
    @Test
    void tuneCountsTestRowsOfUnseenCategories() throws Exception {
        Path csv = withOneGreenRow();
        for (long seed = 1; seed <= 20; seed++) {
            CliRun tune = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--unseen", "zeros", "--solver",
                    "exact", "--test", "0.3", "--folds", "3", "--lambdas", "0.1,1", "--seed", Long.toString(seed),
                    "--out", dir.resolve("t" + seed).toString(), "--json");
            assertEquals(0, tune.code(), tune.err());
            JsonNode doc = new ObjectMapper().readTree(tune.out());
            java.util.List<String> warnings = new java.util.ArrayList<>();
            doc.get("warnings").forEach(w -> warnings.add(w.asText()));
            if (warnings.stream().anyMatch(w -> w.startsWith("test rows: 1 of ") && w.contains("'green' in column"
                    + " 'colour' at line 42), scored as none of the known ones"))) {
                return;
            }
        }
        throw new AssertionError("no seed put the green row among the test rows, or it was not counted");
    }
}
