package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.model.LinearModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}'s output folder and its new options, end to end through {@link Main#run}. */
class TrainOutputTest {
    @TempDir
    Path dir;

    static JsonNode json(CliRun r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    /** The coefficient column is named for the space it is in: per sd, per training range, or raw. */
    @Test
    void theScaledCoefficientColumnIsNamedForTheScaling() {
        String[][] expected = {{"zscore", "standardised"}, {"minmax", "min-max scaled"}, {"none", "unscaled"}};
        for (String[] e : expected) {
            CliRun r = CliRun.of("train", "--scale", e[0], "--solver", "exact", "--no-output");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().lines().anyMatch(l -> l.matches("coefficient +original units +" + e[1])), r.out());
        }
    }

    @Test
    void writesModelMetricsAndFourPlotsOfTheExpectedSize() throws Exception {
        Path out = dir.resolve("run");
        JsonNode r = json(CliRun.of("train", "--json", "--test", "0.1", "--out", out.toString()));
        assertEquals(List.of("model.json", "metrics.json", "loss.png", "predicted_vs_actual.png", "residuals.png",
                "coefficients.png", "importance.png", "waterfall-row-0.png", "model-card.md", "model-card.json"),
                new ObjectMapper().convertValue(r.get("files"), List.class));
        for (String png : List.of("loss.png", "predicted_vs_actual.png", "residuals.png", "coefficients.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 1000, png + " has " + bytes.length + " bytes");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertEquals(Plots.WIDTH, image.getWidth(), png);
            assertEquals(Plots.HEIGHT, image.getHeight(), png);
        }
        assertEquals(44, r.get("metrics").get("test").get("rows").asInt());
        assertEquals(88, r.get("metrics").get("validation").get("rows").asInt());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(r.get("metrics"), metrics.get("metrics"));
        LinearModel model = LinearModel.load(out.resolve("model.json"));
        assertEquals(r.get("intercept").asDouble(), model.intercept());
        assertEquals(r.get("metrics").get("test").get("mse").asDouble(), model.metadata().metrics().get("test").mse());
        assertEquals("diabetes.csv (embedded)", model.metadata().provenance().get("data"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary folder left beside the output");
        }
    }

    @Test
    void categoricalColumnsMissingValuesAndConstantColumnsThroughTheCommand() throws Exception {
        Path csv = dir.resolve("shop.csv");
        StringBuilder s = new StringBuilder("size;colour;const;price\n");
        String[] colours = {"red", "blue", "\"green, light\""};
        for (int i = 0; i < 60; i++) {
            String size = i % 11 == 4 ? "" : Integer.toString(i % 9);
            double price = 3 * (i % 9) + (i % 3) * 10 + 1;
            s.append(size).append(';').append(colours[i % 3]).append(";7;").append(price).append("\r\n");
        }
        Files.writeString(csv, s.toString());
        Path out = dir.resolve("shop");
        CliRun run = CliRun.of("train", "--data", csv.toString(), "--delimiter", ";", "--missing", "mean",
                "--lambda", "0.001", "--solver", "exact", "--out", out.toString(), "--json");
        JsonNode r = json(run);
        assertTrue(run.err().contains("ridgeline: warning: feature 'const' is constant (7.0) on the training rows and was dropped"),
                run.err());
        assertTrue(r.get("coefficients").has("colour=green, light"), r.toString());
        assertFalse(r.get("coefficients").has("const"));
        assertTrue(r.get("metrics").get("validation").get("r2").asDouble() > 0.9, r.toString());
    }

    /**
     * A bad --delimiter is refused also when the embedded data are read, as it is with --data: one that is not one
     * character as a bad command line (exit 2), one that cannot separate fields as a bad setting (exit 3).
     */
    @Test
    void delimiterIsCheckedWithoutDataToo() {
        CliRun train = CliRun.of("train", "--delimiter", "ab", "--no-output");
        assertEquals(Main.EXIT_USAGE, train.code(), train.err());
        assertEquals(List.of("ridgeline: error: --delimiter must be one character or 'tab', got 'ab' (2 characters)",
                "Try 'ridgeline train --help' for the options."), train.err().lines().toList());
        Path out = dir.resolve("tune-never");
        CliRun tune = CliRun.of("tune", "--delimiter", "\"", "--lambdas", "1", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, tune.code(), tune.err());
        assertEquals("ridgeline: error: --delimiter '\"' cannot separate fields: it is the quote character",
                tune.err().strip());
        assertEquals("", train.out() + tune.out());
        assertFalse(Files.exists(out));
    }

    /**
     * An emoji is one character but two UTF-16 units, which the reader cannot split fields at: the error says what
     * a delimiter must be and names the character, rather than calling it not one character.
     */
    @Test
    void aDelimiterBeyondTheBasicPlaneIsNamedAsSuch() throws Exception {
        Path csv = Files.writeString(dir.resolve("emoji.csv"), "a\uD83D\uDE00y\n1\uD83D\uDE002\n");
        String expected = "ridgeline: error: --delimiter must be a single character from the Basic Multilingual Plane"
                + " (U+0000 to U+FFFF), or 'tab', got '\uD83D\uDE00' (U+1F600): the reader splits fields at one UTF-16 unit";
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--delimiter", "\uD83D\uDE00", "--no-output");
        assertEquals(Main.EXIT_USAGE, train.code(), train.err());
        assertEquals(List.of(expected, "Try 'ridgeline train --help' for the options."), train.err().lines().toList());
        // Refused from the command line, before predict reads its model.
        CliRun predict = CliRun.of("predict", "--model", "absent.json", "--data", csv.toString(), "--delimiter",
                "\uD83D\uDE00");
        assertEquals(Main.EXIT_USAGE, predict.code(), predict.err());
        assertEquals(List.of(expected, "Try 'ridgeline predict --help' for the options."),
                predict.err().lines().toList());
        assertEquals("", train.out() + predict.out());
    }

    @Test
    void badInputsWriteNothing() throws Exception {
        Path out = dir.resolve("never");
        Path csv = dir.resolve("holes.csv");
        Files.writeString(csv, "a,b,y\n1,,1\n2,3,2\n,,3\n4,5,4\n");
        CliRun missing = CliRun.of("train", "--data", csv.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_DATA, missing.code());
        assertEquals("ridgeline: error: " + csv + ": 2 of 4 rows have missing values (first at line 2, column 'b');"
                + " choose --missing drop, mean or median", missing.err().strip());
        CliRun patience = CliRun.of("train", "--holdout", "0", "--patience", "5", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, patience.code());
        assertEquals("ridgeline: error: --patience needs validation rows: set --holdout above 0", patience.err().strip());
        CliRun delimiter = CliRun.of("train", "--delimiter", "ab", "--data", csv.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, delimiter.code(), delimiter.err());
        assertTrue(delimiter.err().startsWith("ridgeline: error: --delimiter must be one character or 'tab', got 'ab'"
                + " (2 characters)"), delimiter.err());
        CliRun quote = CliRun.of("train", "--delimiter", "\"", "--data", csv.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_DATA, quote.code());
        assertEquals("ridgeline: error: --delimiter '\"' cannot separate fields: it is the quote character",
                quote.err().strip());
        CliRun scale = CliRun.of("train", "--scale", "log", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, scale.code());
        assertEquals("ridgeline: error: --scale must be one of zscore, minmax, none, got 'log'",
                scale.err().lines().findFirst().orElse(""));
        CliRun diverged = CliRun.of("train", "--lr", "100", "--out", out.toString());
        assertEquals(Main.EXIT_TRAINING, diverged.code());
        assertFalse(Files.exists(out), "nothing written after a failed run");
        assertEquals("", missing.out() + patience.out() + diverged.out());
    }

    @Test
    void outputPathThatIsAFileIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("taken");
        Files.writeString(file, "keep me");
        CliRun r = CliRun.of("train", "--out", file.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: --out " + file + " exists and is not a folder", r.err().strip());
        assertEquals("keep me", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anExistingFolderKeepsItsOtherFiles() throws Exception {
        Path out = Files.createDirectory(dir.resolve("existing"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(0, CliRun.of("train", "--out", out.toString()).code());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.size(out.resolve("model.json")) > 0);
        try (var files = Files.list(out)) {
            assertEquals(12, files.count(), "ten outputs (model, metrics, six plots, the card), the list of them "
                    + "(" + OutputFolder.MANIFEST + ") and the user's file, no temporary files");
        }
    }

    /** Files of the run's names that no run wrote (the folder has no .ridgeline-files) are refused, not replaced. */
    @Test
    void theUsersFilesOfTheRunsNamesAreRefusedBeforeAnyWork() throws Exception {
        Path out = Files.createDirectory(dir.resolve("uf"));
        Files.writeString(out.resolve("metrics.json"), "my notes\n");
        Files.writeString(out.resolve("model-card.md"), "x\n");
        CliRun r = CliRun.of("train", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("ridgeline: error: --out " + out + " holds metrics.json and model-card.md, which this run would"
                + " replace, and it has no .ridgeline-files (the list of the files a train or tune run wrote there), so"
                + " they may be files to keep: move them elsewhere or choose another --out", r.err().strip());
        assertEquals("", r.out());
        assertEquals("my notes\n", Files.readString(out.resolve("metrics.json")));
        assertEquals("x\n", Files.readString(out.resolve("model-card.md")));
        try (var files = Files.list(out)) {
            assertEquals(List.of("metrics.json", "model-card.md"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written, no lock left");
        }
        CliRun tune = CliRun.of("tune", "--lambdas", "1", "--folds", "3", "--solver", "exact", "--out", out.toString());
        assertEquals(Main.EXIT_DATA, tune.code(), tune.err());
        assertEquals("ridgeline: error: --out " + out + " holds model-card.md, which this run would replace, and it has"
                + " no .ridgeline-files (the list of the files a train or tune run wrote there), so it may be a file to"
                + " keep: move it elsewhere or choose another --out", tune.err().strip());
        assertEquals("x\n", Files.readString(out.resolve("model-card.md")));
    }

    /**
     * A file that only the data name (the groups plot of a --sensitive column) and that the earlier run did not
     * write is refused when the run has its files, still before any is written.
     */
    @Test
    void aFileTheEarlierRunDidNotWriteIsRefusedAtTheCommitToo() throws Exception {
        Path out = dir.resolve("earlier");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Files.writeString(out.resolve("groups-sex.png"), "my drawing");
        byte[] model = Files.readAllBytes(out.resolve("model.json"));
        CliRun r = CliRun.of("train", "--solver", "exact", "--sensitive", "sex", "--bootstrap", "0",
                "--out", out.toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("ridgeline: error: --out " + out + " holds groups-sex.png, which this run would replace, and its"
                + " .ridgeline-files does not list it (the list of the files a train or tune run wrote there), so it may"
                + " be a file to keep: move it elsewhere or choose another --out", r.err().strip());
        assertEquals("my drawing", Files.readString(out.resolve("groups-sex.png")));
        assertTrue(java.util.Arrays.equals(model, Files.readAllBytes(out.resolve("model.json"))), "the earlier model");
        // The earlier run's own files, edited or not, are still replaced.
        Files.writeString(out.resolve("model-card.md"), "edited");
        Files.delete(out.resolve("groups-sex.png"));
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--lambda", "3", "--out", out.toString()).code());
        assertTrue(Files.readString(out.resolve("model-card.md")).startsWith("# "));
    }

    /**
     * A tune into a train's folder removes the train's metrics and plots, not the user's file, and replaces its
     * card with the tune's own.
     */
    @Test
    void aLaterRunRemovesTheFilesOfTheEarlierOneThatItDoesNotWrite() throws Exception {
        Path out = dir.resolve("reused");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", out.toString()).code());
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun tune = CliRun.of("tune", "--lambdas", "100", "--folds", "3", "--solver", "exact", "--out", out.toString());
        assertEquals(0, tune.code(), tune.err());
        try (var files = Files.list(out)) {
            assertEquals(List.of(OutputFolder.MANIFEST, "cv.csv", "cv.png", "model-card.json", "model-card.md",
                    "model.json", "notes.txt", "tune.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(out.resolve("model-card.json")).contains("\"command\" : \"ridgeline tune "),
                "the card is the tune's");
        assertEquals(100.0, LinearModel.load(out.resolve("model.json")).metadata().lambda());
    }

    /** 80 rows, 25 noisy features; half held out: training without a penalty overfits quickly. */
    private Path overfittingCsv() throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        double[] beta = rng.doubles(25, -2, 2).toArray();
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < 25; j++) {
            s.append('x').append(j).append(',');
        }
        s.append("y\n");
        for (int i = 0; i < 80; i++) {
            double y = 3 + 9 * (2 * rng.nextDouble() - 1);
            for (int j = 0; j < 25; j++) {
                double x = 2 * rng.nextDouble() - 1;
                y += beta[j] * x;
                s.append(x).append(',');
            }
            s.append(y).append('\n');
        }
        Path csv = dir.resolve("overfit.csv");
        Files.writeString(csv, s.toString());
        return csv;
    }

    @Test
    void earlyStoppingKeepsTheBestValidationWeights() throws Exception {
        Path csv = overfittingCsv();
        JsonNode early = json(CliRun.of("train", "--data", csv.toString(), "--holdout", "0.5", "--lambda", "0",
                "--patience", "5", "--json", "--out", dir.resolve("early").toString()));
        JsonNode full = json(CliRun.of("train", "--data", csv.toString(), "--holdout", "0.5", "--lambda", "0",
                "--json", "--no-output"));
        assertEquals("early_stopped", early.get("stop_reason").asText());
        assertEquals("converged", full.get("stop_reason").asText());
        assertTrue(early.get("epochs").asInt() < full.get("epochs").asInt());
        double earlyMse = early.get("metrics").get("validation").get("mse").asDouble();
        double fullMse = full.get("metrics").get("validation").get("mse").asDouble();
        assertTrue(earlyMse < fullMse, earlyMse + " vs " + fullMse);
        assertTrue(full.get("output").isNull());
    }

    @Test
    void anUndefinedR2OfOneValidationRowIsNullInTheJsonAndInMetricsJson() throws Exception {
        Path out = dir.resolve("run");
        JsonNode r = json(CliRun.of("train", "--json", "--solver", "exact", "--holdout", "0.002", "--out", out.toString()));
        JsonNode file = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (JsonNode doc : List.of(r, file)) {
            JsonNode validation = doc.get("metrics").get("validation");
            assertEquals(1, validation.get("rows").asInt());
            assertTrue(validation.get("r2").isNull(), validation.toString());
            assertTrue(doc.get("metrics").get("train").get("r2").isNumber(), doc.toString());
        }
    }

    @Test
    void aHashDelimitedFileTrains() throws Exception {
        Path csv = dir.resolve("hash.csv");
        StringBuilder text = new StringBuilder("\"#a\"#b#y\n");
        for (int i = 0; i < 20; i++) {
            text.append(i).append('#').append(i % 3).append('#').append(2 * i - i % 3).append('\n');
        }
        Files.writeString(csv, text);
        JsonNode r = json(CliRun.of("train", "--data", csv.toString(), "--delimiter", "#", "--solver", "exact",
                "--no-output", "--json"));
        List<String> features = new ArrayList<>();
        r.get("coefficients").fieldNames().forEachRemaining(features::add);
        assertEquals(List.of("#a", "b"), features);
    }
}
