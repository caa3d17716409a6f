package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.preprocess.InputColumn;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataShapeWarningsTest {
    @TempDir
    Path dir;

    private static Preprocessing categories(String... labels) {
        return new Preprocessing(List.of(InputColumn.numeric("a", Double.NaN, 0),
                InputColumn.categorical("colour", null, List.of(labels))), List.of(), ScaleKind.NONE,
                UnseenCategory.ERROR, List.of());
    }

    @Test
    void categoriesThatDifferOnlyInCaseAreNamed() {
        assertEquals(Optional.of("column 'colour' has the categories 'Red' and 'red', which differ only in letter case"
                + " and are two categories here: if they are one, write them alike"),
                DataShapeWarnings.caseVariants(categories("Red", "blue", "red")));
        assertEquals(Optional.empty(), DataShapeWarnings.caseVariants(categories("Red", "blue", "green")));
    }

    @Test
    void unseenZerosWithoutACategoricalColumnIsNamed() throws Exception {
        Preprocessing numeric = new Preprocessing(List.of(InputColumn.numeric("a", Double.NaN, 0)), List.of(),
                ScaleKind.NONE, UnseenCategory.ZEROS, List.of());
        assertEquals(Optional.of("--unseen zeros changes nothing here: no feature column is categorical (it decides"
                + " what a category not seen in training becomes); a column of codes read as numbers is one-hot"
                + " encoded with --categorical COL"), DataShapeWarnings.unseenWithoutCategories(numeric));
        Preprocessing withCategories = new Preprocessing(categories("red", "blue").inputs(), List.of(), ScaleKind.NONE,
                UnseenCategory.ZEROS, List.of());
        assertEquals(Optional.empty(), DataShapeWarnings.unseenWithoutCategories(withCategories));
        // The default (error) is not the user's choice: nothing to say.
        assertEquals(Optional.empty(), DataShapeWarnings.unseenWithoutCategories(categories("x", "y")));
        CliRun train = CliRun.of("train", "--unseen", "zeros", "--no-output");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().contains("ridgeline: warning: --unseen zeros changes nothing here"), train.err());
        CliRun tune = CliRun.of("tune", "--unseen", "zeros", "--folds", "2", "--lambdas", "1", "--out",
                dir.resolve("t").toString());
        assertEquals(0, tune.code(), tune.err());
        assertTrue(tune.err().contains("ridgeline: warning: --unseen zeros changes nothing here"), tune.err());
    }

    @Test
    void aTargetWithOneValueOnTheRowsThatCountIsNamed() {
        assertEquals(Optional.of("the target 'y' is 5.0 on every training row: there is nothing to learn, and the model"
                + " predicts about that value for every row (R2 is undefined)"),
                DataShapeWarnings.constantTarget("y", new double[] {5, 5, 5}, null, "training"));
        assertEquals(Optional.empty(), DataShapeWarnings.constantTarget("y", new double[] {5, 5, 6}, null, "training"));
        // The 6 weighs nothing, so the rows that count are all 5.
        assertTrue(DataShapeWarnings.constantTarget("y", new double[] {5, 6, 5}, new float[] {1, 0, 2}, "training")
                .isPresent());
    }

    @Test
    void theConstantTargetIsNotPublishedUnderDp() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(i % 7).append(",5\n");
        }
        Path file = Files.writeString(dir.resolve("c.csv"), csv);
        CliRun plain = CliRun.of("train", "--data", file.toString(), "--no-output");
        assertTrue(plain.err().contains("the target 'y' is 5.0 on every training row"), plain.err());
        CliRun dp = CliRun.of("train", "--data", file.toString(), "--no-output", "--dp", "--dp-seeded", "--dp-batch", "10");
        assertEquals(0, dp.code(), dp.err());
        assertTrue(!dp.err().contains("5.0"), dp.err());
        CliRun tune = CliRun.of("tune", "--data", file.toString(), "--folds", "2", "--lambdas", "1", "--out",
                dir.resolve("tuned").toString());
        assertEquals(0, tune.code(), tune.err());
        assertTrue(tune.err().contains("the target 'y' is 5.0 on every tuning row"), tune.err());
    }
}
