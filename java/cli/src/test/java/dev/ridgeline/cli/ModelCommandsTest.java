package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.data.CsvTable;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.model.LinearModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict}, {@code evaluate} and {@code export} on a model trained by {@code train}, through {@link Main#run}. */
class ModelCommandsTest {
    @TempDir
    Path dir;

    private Path csv;
    private Path model;

    @BeforeEach
    void trainAModel() throws Exception {
        csv = dir.resolve("data.csv");
        StringBuilder s = new StringBuilder("x1,x2,city,y\n");
        for (int i = 0; i < 50; i++) {
            String city = i % 2 == 0 ? "oslo" : "rome";
            s.append(i % 7).append(',').append((i * 3) % 5).append(',').append(city).append(',')
                    .append(2 * (i % 7) - (i * 3) % 5 + (city.equals("oslo") ? 4 : 0)).append('\n');
        }
        Files.writeString(csv, s.toString());
        Path out = dir.resolve("run");
        assertEquals(0, CliRun.of("train", "--data", csv.toString(), "--out", out.toString()).code());
        model = out.resolve("model.json");
    }

    @Test
    void predictWritesOneColumnMatchingTheJavaApi() throws Exception {
        Path preds = dir.resolve("preds.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--out", preds.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(preds);
        assertEquals("y_predicted", lines.get(0));
        assertEquals(51, lines.size());
        LinearModel m = LinearModel.load(model);
        double[] expected = m.predict(FrameReader.forModel(CsvTable.read(csv, ','), m.preprocessing().inputSchema(), "y"));
        double[] written = lines.subList(1, lines.size()).stream().mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(expected, written, 0.0);
    }

    @Test
    void missingAndExtraColumnsAreNamedAndNothingIsWritten() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x1,city,shoe\n1,oslo,4\n");
        Path preds = dir.resolve("preds.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", bad.toString(), "--out", preds.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: " + bad + ": the columns do not match the model; missing: [x2]; "
                + "not used by the model: [shoe]; the model expects [x1, x2, city]", r.err().strip());
        assertFalse(Files.exists(preds));
        // A column spelled in another case is pointed out: names are matched exactly.
        Files.writeString(bad, "x1,X2,city\n1,2,oslo\n");
        r = CliRun.of("predict", "--model", model.toString(), "--data", bad.toString(), "--out", preds.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: " + bad + ": the columns do not match the model; missing: [x2]; "
                + "not used by the model: [X2]; 'x2' and 'X2' differ only in case (names are matched exactly); the model"
                + " expects [x1, x2, city]", r.err().strip());
        assertFalse(Files.exists(preds));
    }

    /**
     * A model that imputes fills a column of empty values, so a missing column it can fill is refused with that
     * remedy, which works; a model trained without imputation (the one above) gets no such remedy.
     */
    @Test
    void aMissingColumnTheModelCanFillIsNamedWithTheEmptyColumnThatWorks() throws Exception {
        Path imputing = dir.resolve("imputing");
        assertEquals(0, CliRun.of("train", "--data", csv.toString(), "--missing", "median", "--out",
                imputing.toString()).code());
        Path lacking = Files.writeString(dir.resolve("lacking.csv"), "x1,city\n1,oslo\n");
        CliRun r = CliRun.of("predict", "--model", imputing.resolve("model.json").toString(), "--data",
                lacking.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: " + lacking + ": the columns do not match the model; missing: [x2]; the model"
                + " expects [x1, x2, city]; the model fills missing values of that column (it was trained with --missing"
                + " mean or median), so a column of empty values under that name would do", r.err().strip());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "x1,x2,city\n1,,oslo\n");
        r = CliRun.of("predict", "--model", imputing.resolve("model.json").toString(), "--data", empty.toString());
        assertEquals(0, r.code(), r.err());
        r = CliRun.of("predict", "--model", model.toString(), "--data", lacking.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertFalse(r.err().contains("empty values"), r.err());
    }

    @Test
    void extraColumnsAloneAreRefusedWithTheOptionThatReadsPastThem() throws Exception {
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "id,x1,x2,city,y,\"a,b\"\n7,1,2,oslo,3,4\n");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", extra.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: " + extra + ": the columns do not match the model; not used by the model:"
                + " [id, \"a,b\"]; the model expects [x1, x2, city]; pass --ignore id,'\"a,b\"' to read past them",
                r.err().strip());
        // The shell hands the program id,"a,b" for the hint's id,'"a,b"'.
        CliRun passed = CliRun.of("evaluate", "--model", model.toString(), "--data", extra.toString(), "--ignore",
                "id,\"a,b\"");
        assertEquals(0, passed.code(), passed.err());
    }

    @Test
    void unseenCategoryIsRefusedWithItsPlace() throws Exception {
        Path fresh = dir.resolve("fresh.csv");
        Files.writeString(fresh, "x1,x2,city\n1,2,oslo\n3,4,paris\n");
        Path preds = dir.resolve("preds.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", fresh.toString(), "--out", preds.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: " + fresh + ", line 3, column 'city': category 'paris' was not seen in training; "
                + "known: [oslo, rome] (train with --unseen zeros to encode it as all zeros)", r.err().strip());
        assertFalse(Files.exists(preds));
    }

    /** evaluate on the very bytes the model trained on says its figures are optimistic; one row changed, it does not. */
    @Test
    void evaluateOnTheTrainingFileSaysItsFiguresAreOptimistic() throws Exception {
        CliRun same = CliRun.of("evaluate", "--model", model.toString(), "--data", csv.toString(), "--json");
        assertEquals(0, same.code(), same.err());
        String warning = csv + " is the file this model was trained on (its SHA-256 is the model's data_sha256): 40 of"
                + " its rows trained the model (10 were held out for validation), so these figures are optimistic;"
                + " score it on rows it never saw, such as new data";
        assertEquals("ridgeline: warning: " + warning, same.err().strip());
        assertEquals(warning, new ObjectMapper().readTree(same.out()).get("warnings").get(0).asText());

        Path edited = dir.resolve("edited.csv");
        Files.writeString(edited, Files.readString(csv).replaceFirst("\n0,0,oslo,4\n", "\n0,0,oslo,5\n"));
        assertFalse(Files.readString(edited).equals(Files.readString(csv)));
        CliRun other = CliRun.of("evaluate", "--model", model.toString(), "--data", edited.toString());
        assertEquals(0, other.code(), other.err());
        assertFalse(other.err().contains("trained on"), other.err());
    }

    /** Rows whose targets are all one value leave R2 undefined: the report says why it reads NaN. */
    @Test
    void evaluateSaysWhyR2IsUndefined() throws Exception {
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "x1,x2,city,y\n1,2,oslo,4\n3,1,oslo,4\n");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", one.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        String warning = "R2 and explained variance are undefined: the target 'y' has one value on every row of " + one
                + ", so there is no spread to explain (MSE, RMSE and MAE still apply)";
        assertEquals("ridgeline: warning: " + warning, r.err().strip());
        assertEquals(warning, new ObjectMapper().readTree(r.out()).get("warnings").get(0).asText());
        Files.writeString(one, "x1,x2,city,y\n1,2,oslo,4\n3,1,oslo,5\n");
        CliRun two = CliRun.of("evaluate", "--model", model.toString(), "--data", one.toString());
        assertEquals(0, two.code(), two.err());
        assertFalse(two.err().contains("undefined"), two.err());
    }

    @Test
    void editedModelIsRefused() throws Exception {
        Files.writeString(model, Files.readString(model).replaceFirst("\"bias\" : [-0-9.eE]+", "\"bias\" : 0.5"));
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", csv.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertTrue(r.err().startsWith("ridgeline: error: " + model + ": checksum mismatch: the model was edited or corrupted"),
                r.err());
    }

    /**
     * A model of huge coefficients times a large value overflows: predict, evaluate and explain name the row
     * (predict had written "Infinity" with exit 0), and predict writes nothing.
     */
    @Test
    void aPredictionThatOverflowsIsRefusedNamingItsLine() throws Exception {
        Path huge = dir.resolve("huge.json");
        new LinearModel(List.of("a"), null, new double[] {1e300}, 0).save(huge);
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "a,y\n1,1\n1e10,2\n");
        String expected = "ridgeline: error: " + rows + ", line 3: the model predicts Infinity for this row, not a"
                + " finite number: its values times the model's coefficients overflow a double (its largest"
                + " coefficient in original units is 1.0E300, its intercept 0.0)";
        Path preds = dir.resolve("preds.csv");
        CliRun predict = CliRun.of("predict", "--model", huge.toString(), "--data", rows.toString(), "--out",
                preds.toString());
        assertEquals(Main.EXIT_DATA, predict.code(), predict.out());
        assertEquals(expected, predict.err().strip());
        assertFalse(Files.exists(preds));
        for (String command : new String[] {"evaluate", "explain"}) {
            CliRun r = CliRun.of(command, "--model", huge.toString(), "--data", rows.toString());
            assertEquals(Main.EXIT_DATA, r.code(), command + ": " + r.out());
            assertEquals(expected, r.err().strip(), command);
        }
        // export: no graph can carry a coefficient beyond float32; the error names the model file, as every other
        // model error does (it had begun "cannot export to ONNX").
        Path onnx = dir.resolve("huge.onnx");
        CliRun export = CliRun.of("export", "--model", huge.toString(), "--onnx", onnx.toString());
        assertEquals(Main.EXIT_DATA, export.code(), export.out());
        assertTrue(export.err().strip().startsWith("ridgeline: error: " + huge + ": cannot export to ONNX: the"
                + " coefficient of input 'a' is 1.00000e+300 in original units, beyond float32"), export.err());
        assertFalse(Files.exists(onnx));
    }

    /**
     * A model built in Java with a feature named like its target ("y", the numeric constructor's target): it
     * loads and predicts, but evaluate, which reads the target from the same file, says it cannot tell them apart.
     */
    @Test
    void evaluateRefusesAModelWhoseTargetIsAlsoAnInput() throws Exception {
        Path selfish = dir.resolve("selfish.json");
        new LinearModel(List.of("x", "y"), null, new double[] {1, 2}, 0).save(selfish);
        Path rows = dir.resolve("xy.csv");
        Files.writeString(rows, "x,y\n1,2\n");
        CliRun predict = CliRun.of("predict", "--model", selfish.toString(), "--data", rows.toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(List.of("y_predicted", "5.0"), predict.out().lines().toList());
        CliRun r = CliRun.of("evaluate", "--model", selfish.toString(), "--data", rows.toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("ridgeline: error: " + selfish + ": the model's target 'y' is also one of its inputs, so " + rows
                + " cannot hold both; evaluate needs it in a column of its own", r.err().strip());
    }

    @Test
    void evaluateReportsTheTrainingMetricsOnTheSameRows() throws Exception {
        JsonNode r = TrainOutputTest.json(CliRun.of("evaluate", "--model", model.toString(), "--data", csv.toString(), "--json"));
        assertEquals(50, r.get("metrics").get("rows").asInt());
        assertEquals("y", r.get("target").asText());
        assertTrue(r.get("metrics").get("r2").asDouble() > 0.99, r.toString());
        for (String key : List.of("mse", "rmse", "mae", "r2", "explained_variance")) {
            assertTrue(r.get("metrics").has(key), key);
        }
        Path noTarget = dir.resolve("nt.csv");
        Files.writeString(noTarget, "x1,x2,city\n1,2,oslo\n");
        CliRun e = CliRun.of("evaluate", "--model", model.toString(), "--data", noTarget.toString());
        assertEquals("ridgeline: error: " + noTarget + ": no target column 'y' to evaluate against; the columns are "
                + "[x1, x2, city]", e.err().strip());
    }

    @Test
    void exportGivesCategoricalColumnsTheirOwnStringInput() throws Exception {
        Path onnx = dir.resolve("m.onnx");
        CliRun r = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + onnx + ": inputs 'features' float32 [N, 2] [x1, x2] and 'categories' string [N, 1] [city],"
                + " output 'prediction' float32 [N, 1]", r.out().strip());
        assertTrue(Files.size(onnx) > 100);
        JsonNode j = TrainOutputTest.json(CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString(),
                "--json"));
        assertEquals("[\"x1\",\"x2\"]", j.get("graph_inputs").get("features").toString());
        assertEquals("[\"city\"]", j.get("graph_inputs").get("categories").toString());
    }

    /** A column name with a line break (a quoted header field) keeps the report on one line, written {@code \n}. */
    @Test
    void exportSaysWhatItWroteOnOneLine() throws Exception {
        Path broken = dir.resolve("broken.json");
        new LinearModel(List.of("n\nx"), null, new double[] {1}, 0).save(broken);
        Path onnx = dir.resolve("b.onnx");
        CliRun r = CliRun.of("export", "--model", broken.toString(), "--onnx", onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("wrote " + onnx + ": input 'features' float32 [N, 1] [n\\nx], output 'prediction' float32"
                + " [N, 1]"), r.out().lines().toList());
    }

    /** A column name holding a comma is one name in the report, in double quotes, as the CSV header writes it. */
    @Test
    void exportQuotesAColumnNameHoldingAComma() throws Exception {
        Path model = dir.resolve("comma.json");
        new LinearModel(List.of("size", "prix, €"), null, new double[] {1, 2}, 0).save(model);
        Path onnx = dir.resolve("c.onnx");
        CliRun r = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + onnx + ": input 'features' float32 [N, 2] [size, \"prix, €\"], output 'prediction'"
                + " float32 [N, 1]", r.out().strip());
    }

    @Test
    void exportWritesAnOnnxFileForNumericModels() throws Exception {
        Path out = dir.resolve("diabetes");
        assertEquals(0, CliRun.of("train", "--out", out.toString()).code());
        Path onnx = dir.resolve("m.onnx");
        JsonNode r = TrainOutputTest.json(CliRun.of("export", "--model", out.resolve("model.json").toString(),
                "--onnx", onnx.toString(), "--json"));
        assertEquals("prediction", r.get("output").asText());
        assertEquals(10, r.get("inputs").size());
        assertTrue(Files.size(onnx) > 100);
    }

    @Test
    void undefinedMetricsOfOneRowAreNullNotTheStringNaN() throws Exception {
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "x1,x2,city,y\n1,2,oslo,5\n");
        JsonNode r = TrainOutputTest.json(CliRun.of("evaluate", "--model", model.toString(), "--data", one.toString(),
                "--json"));
        JsonNode metrics = r.get("metrics");
        assertTrue(metrics.get("r2").isNull(), metrics.toString());
        assertTrue(metrics.get("explained_variance").isNull(), metrics.toString());
        assertTrue(metrics.get("mse").isNumber(), metrics.toString());
    }

    @Test
    void anEmptyOutputPathIsABadCommandLineAndWritesNothing() throws Exception {
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--out", "");
        assertEquals(Main.EXIT_USAGE, predict.code());
        assertEquals("ridgeline: error: invalid value for option '--out': the path is empty; give a file or folder name",
                predict.err().lines().findFirst().orElse(""));
        assertEquals("", predict.out());
        CliRun export = CliRun.of("export", "--model", model.toString(), "--onnx", "");
        assertEquals(Main.EXIT_USAGE, export.code());
        assertEquals("ridgeline: error: invalid value for option '--onnx': the path is empty; give a file or folder name",
                export.err().lines().findFirst().orElse(""));
    }

    @Test
    void predictAndExplainIgnoreTheTargetColumnEvenWhenItIsNotANumber() throws Exception {
        List<String> lines = Files.readAllLines(csv);
        StringBuilder text = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            text.append(line, 0, line.lastIndexOf(',') + 1).append("unknown\n");
        }
        Path unlabelled = Files.writeString(dir.resolve("unlabelled.csv"), text);
        CliRun expected = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString());
        CliRun predicted = CliRun.of("predict", "--model", model.toString(), "--data", unlabelled.toString());
        assertEquals(0, predicted.code(), predicted.err());
        assertEquals(expected.out(), predicted.out());
        CliRun explained = CliRun.of("explain", "--model", model.toString(), "--data", unlabelled.toString(), "--row", "0");
        assertEquals(0, explained.code(), explained.err());
        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString(), "--data", unlabelled.toString());
        assertEquals(Main.EXIT_DATA, evaluated.code());
        assertEquals("ridgeline: error: " + unlabelled + ", line 2, column 'y': value 'unknown' is not a number",
                evaluated.err().strip());
    }

    @Test
    void evaluateOnAFileWithAnotherDelimiterSuggestsIt() throws Exception {
        Path tabs = Files.writeString(dir.resolve("tabs.csv"), "x1\tx2\tcity\ty\n1\t2\toslo\t3\n");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", tabs.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: " + tabs + ": no target column 'y' to evaluate against; the columns are "
                + "[x1\tx2\tcity\ty] (read as one column: is the file separated by tab? try --delimiter tab)",
                r.err().strip());
    }

    @Test
    void anEmptyLineOfAOneColumnFileIsPredictedInItsPlace() throws Exception {
        StringBuilder train = new StringBuilder("x,y\n");
        for (int i = 0; i < 30; i++) {
            train.append(i % 2 == 0 ? "" : String.valueOf(i)).append(',').append(2 * i + 1).append('\n');
        }
        Path data = Files.writeString(dir.resolve("one.csv"), train);
        Path out = dir.resolve("one");
        CliRun trained = CliRun.of("train", "--data", data.toString(), "--missing", "mean", "--solver", "exact",
                "--out", out.toString());
        assertEquals(0, trained.code(), trained.err());
        Path fresh = Files.writeString(dir.resolve("fresh.csv"), "x\n1\n\n3\nNA\n5\n");
        CliRun r = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data", fresh.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.out());
        double[] p = lines.subList(1, 6).stream().mapToDouble(Double::parseDouble).toArray();
        assertEquals(p[1], p[3], 0.0); // the empty line and NA: both the imputed mean
        assertTrue(p[0] < p[2] && p[2] < p[4], r.out());
        // A wider file: an empty line between records is refused at its own line.
        Path wide = Files.writeString(dir.resolve("wide.csv"), "x1,x2,city\n1,2,oslo\n\n3,4,rome\n");
        CliRun refused = CliRun.of("predict", "--model", model.toString(), "--data", wide.toString());
        assertEquals(Main.EXIT_DATA, refused.code());
        assertEquals("ridgeline: error: " + wide + ", line 3: 1 field, the header has 3 (the line is empty: delete it,"
                + " or write a row of missing values as ',,')", refused.err().strip());
    }

    @Test
    void aTargetNameWithACommaAndQuotesIsQuotedInThePredictionHeader() throws Exception {
        StringBuilder train = new StringBuilder("x,\"price, \"\"USD\"\"\"\n");
        for (int i = 0; i < 20; i++) {
            train.append(i).append(',').append(3 * i + 1).append('\n');
        }
        Path data = Files.writeString(dir.resolve("price.csv"), train);
        Path out = dir.resolve("price");
        CliRun trained = CliRun.of("train", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, trained.code(), trained.err());
        Path preds = dir.resolve("price-preds.csv");
        CliRun r = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data", data.toString(),
                "--out", preds.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("\"price, \"\"USD\"\"_predicted\"", Files.readAllLines(preds).get(0));
        CsvTable back = CsvTable.read(preds, ',');
        assertEquals(List.of("price, \"USD\"_predicted"), back.header());
        assertEquals(20, back.rows());
        assertEquals(1, back.fieldCount(0));
    }
}
