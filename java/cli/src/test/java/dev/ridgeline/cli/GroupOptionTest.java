package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.KFold;
import dev.ridgeline.data.ThreeWaySplit;
import dev.ridgeline.model.LinearModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --group: each unit's rows in one part of the split (train, tune) and in one fold (tune); never a feature. */
class GroupOptionTest {
    @TempDir
    Path dir;
    Path csv;

    /** 40 patients of 5 visits each (rows interleaved), y = 2 x1 - x2 + the patient's own offset. */
    @BeforeEach
    void data() throws Exception {
        StringBuilder s = new StringBuilder("patient,x1,x2,y\n");
        Random random = new Random(9);
        double[] offset = new double[40];
        for (int p = 0; p < 40; p++) {
            offset[p] = 3 * random.nextGaussian();
        }
        for (int i = 0; i < 200; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            s.append(String.format(java.util.Locale.ROOT, "P%02d,%.4f,%.4f,%.4f%n", i % 40, x1, x2,
                    2 * x1 - x2 + offset[i % 40] + 0.1 * random.nextGaussian()));
        }
        csv = dir.resolve("visits.csv");
        Files.writeString(csv, s.toString());
    }

    /** The pipeline's split is the grouped one: no patient on both sides, parts of whole patients. */
    @Test
    void theSplitKeepsEveryPatientInOnePart() {
        Frame frame = FrameReader.forTraining(CsvTable.read(csv, ','), "y", Set.of());
        TrainPipeline.ShapedSplit shaped = TrainPipeline.split(frame, null, "patient", 0.23, 0.1, 42);
        ThreeWaySplit split = shaped.split();
        Map<String, String> partOf = new HashMap<>();
        int c = frame.indexOf("patient");
        String[] names = {"train", "validation", "test"};
        int[][] parts = {split.train(), split.validation(), split.test()};
        for (int p = 0; p < 3; p++) {
            for (int row : parts[p]) {
                String before = partOf.putIfAbsent(frame.label(c, row), names[p]);
                assertTrue(before == null || before.equals(names[p]), frame.label(c, row) + " in two parts");
            }
        }
        // round(0.23 * 200) = 46 rows asks for 9.2 patients: 45 rows; round(0.1 * 200) = 20: 4 patients exactly.
        assertEquals(45, split.validation().length);
        assertEquals(20, split.test().length);
        assertTrue(shaped.sizeWarning().isEmpty(), shaped.sizeWarning().toString());
        KFold folds = TrainPipeline.folds(frame, null, "patient", 5, 42);
        Map<String, Integer> foldOf = new HashMap<>();
        int[] f = folds.folds();
        for (int row = 0; row < f.length; row++) {
            Integer before = foldOf.putIfAbsent(frame.label(c, row), f[row]);
            assertTrue(before == null || before == f[row], frame.label(c, row) + " in two folds");
        }
    }

    /** train: the group column is no feature, the model lists it as left out, the card names the grouped split. */
    @Test
    void trainLeavesTheGroupOutOfTheFeaturesAndSaysHowItSplit() throws Exception {
        Path out = dir.resolve("train");
        CliRun run = CliRun.of("train", "--data", csv.toString(), "--group", "patient", "--holdout", "0.23",
                "--out", out.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode doc = TrainOutputTest.json(run);
        assertEquals(45, doc.get("metrics").get("validation").get("rows").asInt(), doc.toString());
        LinearModel model = LinearModel.load(out.resolve("model.json"));
        assertEquals(List.of("x1", "x2"), model.featureNames());
        assertEquals(List.of("patient"), model.metadata().ignoredColumns());
        String card = Files.readString(out.resolve("model-card.md"));
        assertTrue(card.contains("seeded random split keeping the rows of each patient in one part (seed 42): 155 train,"
                + " 45 validation rows"), card);
        assertTrue(card.contains("left out of the features (--group): patient;"), card);
        // predict accepts the group column in its data, as for any left-out column.
        CliRun predict = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data", csv.toString(),
                "--out", dir.resolve("p.csv").toString());
        assertEquals(0, predict.code(), predict.err());
    }

    /** tune: grouped folds and test rows; the card's method says the folds kept each patient whole. */
    @Test
    void tuneGroupsItsFoldsAndItsTestRows() throws Exception {
        Path out = dir.resolve("tune");
        CliRun run = CliRun.of("tune", "--data", csv.toString(), "--group", "patient", "--test", "0.1", "--lambdas",
                "0.1,1", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(180, LinearModel.load(out.resolve("model.json")).metadata().metrics().get("train").count());
        String card = Files.readString(out.resolve("model-card.md"));
        assertTrue(card.contains("5-fold cross-validation keeping the rows of each patient in one fold over 2 settings"),
                card);
        assertTrue(card.contains("keeping the rows of each patient in one part (seed 42): 180 tuning rows"), card);
    }

    @Test
    void groupAndStratifyTogetherAreAUsageError() {
        for (String command : new String[] {"train", "tune"}) {
            CliRun run = CliRun.of(command, "--data", csv.toString(), "--group", "patient", "--stratify", "patient");
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains("--group and --stratify cannot go together"), run.err());
        }
        CliRun nothingToSplit = CliRun.of("train", "--data", csv.toString(), "--group", "patient", "--holdout", "0");
        assertEquals(2, nothingToSplit.code(), nothingToSplit.err());
        assertTrue(nothingToSplit.err().contains("--group shapes the split"), nothingToSplit.err());
    }

    /** Data errors name the option, the column and the cause; nothing is written. */
    @Test
    void tooFewGroupsAreNamed() throws Exception {
        CliRun folds = CliRun.of("tune", "--data", csv.toString(), "--group", "patient", "--folds", "41",
                "--no-output");
        assertEquals(3, folds.code(), folds.err());
        assertTrue(folds.err().contains("--group patient: 41 folds that keep each group whole need at least 41 groups,"
                + " there are 40"), folds.err());
        Path lopsided = dir.resolve("lopsided.csv");
        StringBuilder s = new StringBuilder("unit,x,y\n");
        for (int i = 0; i < 11; i++) {
            s.append(i < 10 ? "a" : "b").append(',').append(i).append(',').append(2 * i + (i % 3)).append('\n');
        }
        Files.writeString(lopsided, s.toString());
        Path out = dir.resolve("none");
        CliRun fit = CliRun.of("tune", "--data", lopsided.toString(), "--group", "unit", "--folds", "2", "--out",
                out.toString());
        assertEquals(3, fit.code(), fit.err());
        assertTrue(fit.err().contains("--group unit: one of the 2 folds holds 10 of the 11 tuning rows (its groups are"
                + " whole), so its fit trains on 1, and training needs at least 2: this needs data with more groups"),
                fit.err());
        assertFalse(Files.exists(out), "nothing written");
        CliRun split = CliRun.of("train", "--data", lopsided.toString(), "--group", "unit", "--test", "0.2");
        assertEquals(3, split.code(), split.err());
        assertTrue(split.err().contains("--group unit: validation 0.2 and test 0.2 leave no group for training out of 2"),
                split.err());
    }

    /**
     * A stratum too small for every part is named with the file and the option, and the error says what to change
     * (it had been the bare "validation 0.3 and test 0.3 leave no training rows out of the 2 rows of group 'rare'").
     */
    @Test
    void aStratumTooSmallForEveryPartIsNamedWithItsFileAndOption() throws Exception {
        Path rare = dir.resolve("rare.csv");
        StringBuilder s = new StringBuilder("kind,x,y\n");
        for (int i = 0; i < 42; i++) {
            s.append(i < 40 ? "common" : "rare").append(',').append(i).append(',').append(2 * i + (i % 3)).append('\n');
        }
        Files.writeString(rare, s.toString());
        Path out = dir.resolve("unwritten");
        CliRun r = CliRun.of("train", "--data", rare.toString(), "--target", "y", "--stratify", "kind", "--holdout",
                "0.3", "--test", "0.3", "--out", out.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("rare.csv: --stratify kind: validation 0.3 and test 0.3 leave no training rows out of"
                + " the 2 rows of group 'rare'; each value of the column is split by --holdout and --test, so lower them"),
                r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    /** The weights column labels no unit: named as such, not as a column that is not there. */
    @Test
    void theWeightsColumnCannotGroup() throws Exception {
        Path weighted = dir.resolve("weighted.csv");
        StringBuilder s = new StringBuilder("unit,w,x,y\n");
        for (int i = 0; i < 40; i++) {
            s.append("u").append(i % 8).append(',').append(1 + i % 2).append(',').append(i).append(',')
                    .append(2 * i + (i % 3)).append('\n');
        }
        Files.writeString(weighted, s.toString());
        CliRun r = CliRun.of("train", "--data", weighted.toString(), "--weights", "w", "--group", "w", "--no-output");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("--group w is the row weights column (--weights), which weighs the rows and labels"
                + " none; group by another column"), r.err());
    }

    /** One unit with most of the rows: tune's folds are as uneven as their units, and a warning says what that does. */
    @Test
    void unevenGroupedFoldsAreWarnedAbout() throws Exception {
        Path skewed = dir.resolve("skewed.csv");
        StringBuilder s = new StringBuilder("unit,x,y\n");
        for (int i = 0; i < 120; i++) {
            s.append(i < 80 ? "big" : "u" + i).append(',').append(i % 17).append(',').append(2 * (i % 17) + (i % 3))
                    .append('\n');
        }
        Files.writeString(skewed, s.toString());
        CliRun r = CliRun.of("tune", "--data", skewed.toString(), "--group", "unit", "--folds", "4", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("--group unit: the 4 folds hold 13 to 80 of the 120 tuning rows (each takes whole"
                + " groups), and the CV MSE is the mean of the folds' errors"), r.err());
        CliRun even = CliRun.of("tune", "--data", csv.toString(), "--group", "patient", "--no-output");
        assertEquals(0, even.code(), even.err());
        assertFalse(even.err().contains("the CV MSE is the mean of the folds' errors"), even.err());
    }

    /** DP-SGD's guarantee is per row: with --group the run says what that means for a unit, quoting no count. */
    @Test
    void dpWithGroupsWarnsThatAUnitIsNotARow() {
        CliRun run = CliRun.of("train", "--data", csv.toString(), "--group", "patient", "--dp", "--dp-seeded", "--dp-epsilon", "1",
                "--no-output");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("--dp protects one row, and --group patient says that a unit may have several"),
                run.err());
        CliRun plain = CliRun.of("train", "--data", csv.toString(), "--dp", "--dp-seeded", "--dp-epsilon", "1", "--no-output");
        assertFalse(plain.err().contains("--dp protects one row"), plain.err());
    }
}
