package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --weights COL}: a row of weight w counts as w copies of itself, in the fit and in the metrics; the
 * saved model remembers the column, so {@code evaluate} weighs by it and {@code predict} accepts a file
 * that has it.
 */
class WeightsOptionTest {
    @TempDir
    Path dir;
    private Path weighted;
    private Path repeated;

    /** 60 rows of a, b, y with integer weights 0-3, and the same data with each row written w times. */
    @BeforeEach
    void writeData() throws Exception {
        SplittableRandom rng = new SplittableRandom(4);
        StringBuilder w = new StringBuilder("a,b,w,y\n");
        StringBuilder r = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 60; i++) {
            double a = Math.round(rng.nextGaussian() * 100) / 10.0;
            double b = Math.round(rng.nextGaussian() * 100) / 10.0;
            double y = Math.round((3 * a - 2 * b + 7 + 4 * rng.nextGaussian()) * 100) / 100.0;
            int weight = rng.nextInt(4);
            w.append(a).append(',').append(b).append(',').append(weight).append(',').append(y).append('\n');
            for (int c = 0; c < weight; c++) {
                r.append(a).append(',').append(b).append(',').append(y).append('\n');
            }
        }
        weighted = dir.resolve("weighted.csv");
        repeated = dir.resolve("repeated.csv");
        Files.writeString(weighted, w.toString());
        Files.writeString(repeated, r.toString());
    }

    @Test
    void integerWeightsFitAndScoreLikeRepeatedRows() throws Exception {
        String[] common = {"train", "--holdout", "0", "--solver", "exact", "--scale", "none", "--lambda", "2",
            "--json", "--no-output", "--target", "y"};
        JsonNode byWeight = json(CliRun.of(concat(common, "--data", weighted.toString(), "--weights", "w")));
        JsonNode byCopies = json(CliRun.of(concat(common, "--data", repeated.toString())));
        assertEquals("w", byWeight.get("weights").asText());
        assertTrue(byCopies.get("weights").isNull());
        for (String c : new String[] {"a", "b"}) {
            double expected = byCopies.get("coefficients").get(c).asDouble();
            assertEquals(expected, byWeight.get("coefficients").get(c).asDouble(), 1e-9 * Math.abs(expected), c);
        }
        assertEquals(byCopies.get("intercept").asDouble(), byWeight.get("intercept").asDouble(), 1e-9);
        for (String m : new String[] {"mse", "mae", "r2", "explained_variance"}) {
            double expected = byCopies.get("metrics").get("train").get(m).asDouble();
            assertEquals(expected, byWeight.get("metrics").get("train").get(m).asDouble(), 1e-9 * Math.abs(expected), m);
        }
        assertEquals(60, byWeight.get("metrics").get("train").get("rows").asInt());
    }

    /**
     * The model card's explanation too: its base value and importances are those of the rows written w times
     * (they had been unweighted averages over the 60 rows).
     */
    @Test
    void theCardsExplanationIsThatOfRepeatedRows() throws Exception {
        String[] common = {"train", "--holdout", "0", "--solver", "exact", "--lambda", "2", "--target", "y"};
        Path byWeight = dir.resolve("by-weight");
        Path byCopies = dir.resolve("by-copies");
        assertEquals(0, CliRun.of(concat(common, "--data", weighted.toString(), "--weights", "w", "--out",
                byWeight.toString())).code());
        assertEquals(0, CliRun.of(concat(common, "--data", repeated.toString(), "--out", byCopies.toString())).code());
        JsonNode w = new com.fasterxml.jackson.databind.ObjectMapper().readTree(byWeight.resolve("model-card.json")
                .toFile()).get("explanation");
        JsonNode c = new com.fasterxml.jackson.databind.ObjectMapper().readTree(byCopies.resolve("model-card.json")
                .toFile()).get("explanation");
        assertEquals(c.get("baseValue").asDouble(), w.get("baseValue").asDouble(), 1e-9, w.toString());
        assertTrue(w.toString().contains("weighted by their row weights"), w.toString());
        for (int k = 0; k < 2; k++) {
            JsonNode wk = w.at("/coefficients/" + k);
            JsonNode ck = c.at("/coefficients/" + k);
            assertEquals(ck.get("feature").asText(), wk.get("feature").asText());
            assertEquals(ck.get("meanAbsShap").asDouble(), wk.get("meanAbsShap").asDouble(),
                    1e-9 * ck.get("meanAbsShap").asDouble(), wk.toString());
        }
    }

    /**
     * The preprocessing weighs rows too: scaling, the imputed values and a category's share are those of the
     * rows written w times, and a row of weight 0 (here some far off the others) moves none of them.
     */
    @Test
    void thePreprocessingOfIntegerWeightsIsThatOfRepeatedRows() throws Exception {
        SplittableRandom rng = new SplittableRandom(9);
        StringBuilder w = new StringBuilder("a,c,w,y\n");
        StringBuilder r = new StringBuilder("a,c,y\n");
        for (int i = 0; i < 80; i++) {
            int weight = i % 7 == 0 ? 0 : 1 + rng.nextInt(3);
            double a = weight == 0 ? 1e4 + i : Math.round(rng.nextGaussian() * 100) / 10.0;
            String shownA = i % 9 == 4 ? "NA" : Double.toString(a);
            String c = weight == 0 ? "odd" : i % 3 == 0 ? "x" : "y";
            double y = Math.round((2 * (i % 9 == 4 ? 0 : a) + (c.equals("x") ? 3 : 0) + rng.nextGaussian()) * 100) / 100.0;
            w.append(shownA).append(',').append(c).append(',').append(weight).append(',').append(y).append('\n');
            for (int k = 0; k < weight; k++) {
                r.append(shownA).append(',').append(c).append(',').append(y).append('\n');
            }
        }
        Path weightedFile = dir.resolve("weighted-gaps.csv");
        Path repeatedFile = dir.resolve("repeated-gaps.csv");
        Files.writeString(weightedFile, w.toString());
        Files.writeString(repeatedFile, r.toString());
        for (String[] setting : new String[][] {{"zscore", "median"}, {"minmax", "mean"}}) {
            Path byWeightDir = dir.resolve("w-" + setting[0]);
            Path byCopiesDir = dir.resolve("r-" + setting[0]);
            String[] common = {"train", "--holdout", "0", "--solver", "exact", "--lambda", "0.5", "--target", "y",
                "--scale", setting[0], "--missing", setting[1], "--unseen", "zeros"};
            CliRun weightedRun = CliRun.of(concat(common, "--data", weightedFile.toString(), "--weights", "w", "--out",
                    byWeightDir.toString()));
            assertEquals(0, weightedRun.code(), weightedRun.err());
            CliRun repeatedRun = CliRun.of(concat(common, "--data", repeatedFile.toString(), "--out",
                    byCopiesDir.toString()));
            assertEquals(0, repeatedRun.code(), repeatedRun.err());
            JsonNode byWeight = new ObjectMapper().readTree(byWeightDir.resolve("model.json").toFile()).get("model");
            JsonNode byCopies = new ObjectMapper().readTree(byCopiesDir.resolve("model.json").toFile()).get("model");
            String at = String.join(" ", setting);
            assertEquals(byCopies.at("/inputs/0/fill").asDouble(), byWeight.at("/inputs/0/fill").asDouble(), 1e-12, at);
            assertEquals(byCopies.at("/inputs/0/mean").asDouble(), byWeight.at("/inputs/0/mean").asDouble(), 1e-12, at);
            // c: 'odd' is a category (seen) whose rows all weigh 0, so its indicator is constant and dropped
            assertEquals(byCopies.get("features").size(), byWeight.get("features").size(), at);
            for (int f = 0; f < byCopies.get("features").size(); f++) {
                JsonNode copies = byCopies.get("features").get(f);
                JsonNode weighted = byWeight.get("features").get(f);
                assertEquals(copies.get("name"), weighted.get("name"), at);
                for (String field : new String[] {"shift", "scale", "coefficientOriginalUnits"}) {
                    double expected = copies.get(field).asDouble();
                    assertEquals(expected, weighted.get(field).asDouble(), 1e-9 * Math.max(1, Math.abs(expected)),
                            at + " " + copies.get("name") + " " + field);
                }
            }
        }
    }

    @Test
    void theSavedModelWeighsEvaluationAndAcceptsTheColumnWhenPredicting() throws Exception {
        Path out = dir.resolve("out");
        JsonNode trained = json(CliRun.of("train", "--data", weighted.toString(), "--target", "y", "--weights", "w",
                "--holdout", "0", "--out", out.toString(), "--json"));
        Path model = out.resolve("model.json");
        JsonNode scored = json(CliRun.of("evaluate", "--model", model.toString(), "--data", weighted.toString(),
                "--json"));
        assertEquals("w", scored.get("weights").asText());
        assertEquals(trained.get("metrics").get("train").get("mse").asDouble(),
                scored.get("metrics").get("mse").asDouble(), 1e-9);
        CliRun predicted = CliRun.of("predict", "--model", model.toString(), "--data", weighted.toString());
        assertEquals(0, predicted.code(), predicted.err());
        assertEquals(61, predicted.out().strip().split("\n").length);
        String card = Files.readString(out.resolve("model-card.md"));
        assertTrue(card.contains("--weights"), "the card lists the option");
        assertTrue(card.contains("MSE (weighted by 'w')"), "the card's metrics are the weighted ones of the report");
        assertTrue(card.contains("the scaling weighs each training row by its weight in 'w'"), card);
    }

    @Test
    void tuneWeighsItsFoldsAndRefit() throws Exception {
        JsonNode tuned = json(CliRun.of("tune", "--data", weighted.toString(), "--target", "y", "--weights", "w",
                "--folds", "3", "--lambdas", "0.1,10", "--out", dir.resolve("tuned").toString(), "--json"));
        JsonNode plain = json(CliRun.of("tune", "--data", weighted.toString(), "--target", "y", "--folds", "3",
                "--lambdas", "0.1,10", "--out", dir.resolve("plain").toString(), "--json"));
        assertEquals("w", tuned.get("weights").asText());
        double a = tuned.get("cv").get(0).get("mean_mse").asDouble();
        double b = plain.get("cv").get(0).get("mean_mse").asDouble();
        assertTrue(Math.abs(a - b) > 1e-6 * b, "weights change the CV error: " + a + " vs " + b);
        // The card says its figures are weighted, as train's does.
        String card = Files.readString(dir.resolve("tuned").resolve("model-card.md"));
        assertTrue(card.contains("MSE (weighted by 'w')") && card.contains("each fold's MSE weighted by 'w'"), card);
        assertTrue(card.contains("the scaling weighs each training row by its weight in 'w'"), card);
        assertFalse(Files.readString(dir.resolve("plain").resolve("model-card.md")).contains("weighted by"));
        assertFalse(Files.readString(dir.resolve("plain").resolve("model-card.md")).contains("weigh each"));
    }

    /** The card names only the steps that took weighted statistics: fills under mean or median, scaling unless none. */
    @Test
    void theCardSaysWhichStepsWeighedTheRows() throws Exception {
        String[][] cases = {
            {"mean", "zscore", "the fills and the scaling weigh each training row by its weight in 'w'"},
            {"median", "none", "the fills weigh each training row by its weight in 'w'"},
            {"fail", "minmax", "the scaling weighs each training row by its weight in 'w'"},
            {"fail", "none", null},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("card-" + c[0] + "-" + c[1]);
            CliRun r = CliRun.of("train", "--data", weighted.toString(), "--target", "y", "--weights", "w", "--missing",
                    c[0], "--scale", c[1], "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            String card = Files.readString(out.resolve("model-card.md"));
            if (c[2] == null) {
                assertFalse(card.contains("weigh each training row") || card.contains("weighs each training row"), card);
            } else {
                assertTrue(card.contains(c[2]), c[0] + " " + c[1] + ": " + card);
            }
        }
    }

    @Test
    void badUsesAreOneLineErrors() throws Exception {
        CliRun dp = CliRun.of("train", "--data", weighted.toString(), "--target", "y", "--weights", "w", "--dp", "--dp-seeded",
                "--no-output");
        assertEquals(Main.EXIT_USAGE, dp.code());
        assertEquals(List.of("ridgeline: error: --weights cannot be combined with --dp: the privacy accountant assumes "
                + "that every row counts once", "Try 'ridgeline train --help' for the options."), dp.err().lines().toList());
        Path negative = dir.resolve("negative.csv");
        Files.writeString(negative, "a,w,y\n1,1,2\n2,-3,4\n3,1,5\n");
        CliRun bad = CliRun.of("train", "--data", negative.toString(), "--target", "y", "--weights", "w",
                "--out", dir.resolve("never").toString());
        assertEquals(Main.EXIT_DATA, bad.code());
        assertEquals("ridgeline: error: " + negative + ", line 3, column 'w': weight '-3' is negative; row weights"
                + " must be >= 0", bad.err().strip());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    /** The model trained on the weighted rows with --weights w: its model.json. */
    private Path weightedModel() {
        Path out = dir.resolve("model");
        assertEquals(0, CliRun.of("train", "--data", weighted.toString(), "--target", "y", "--weights", "w",
                "--out", out.toString()).code());
        return out.resolve("model.json");
    }

    /** As in training, rows whose weights are all 0 leave nothing to measure: an error, not metrics of NaN. */
    @Test
    void evaluateRefusesAFileWhoseWeightsAreAllZero() throws Exception {
        Path model = weightedModel();
        Path zeros = dir.resolve("zeros.csv");
        Files.writeString(zeros, "a,b,w,y\n1,2,0,3\n2,1,0,4\n");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", zeros.toString(),
                "--json");
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("", r.out());
        assertEquals("ridgeline: error: " + zeros + ": every one of the 2 rows has weight 0 in 'w'; the weighted"
                + " metrics are undefined", r.err().strip());
    }

    /** The weight column cannot be read past in evaluate, which weighs the rows by it; the error says so. */
    @Test
    void evaluateRefusesToPassOverTheWeightColumn() throws Exception {
        Path model = weightedModel();
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", weighted.toString(),
                "--ignore", "w");
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("ridgeline: error: --ignore w: the model reads this column (evaluate weighs the rows by it), so it"
                + " cannot be passed over", r.err().strip());
    }

    /**
     * evaluate holds the weights as float32, as training does: a weight of 1e-46 is refused, not read as 0. The
     * model is trained, so the remedy is a common factor alone (train's also scales --lambda).
     */
    @Test
    void evaluateRefusesAWeightBelowFloat32sNormalRange() throws Exception {
        Path model = weightedModel();
        Path tiny = dir.resolve("tiny.csv");
        Files.writeString(tiny, "a,b,w,y\n1,2,1,3\n2,1,1e-46,400\n");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", tiny.toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.out());
        assertEquals("", r.out());
        assertEquals("ridgeline: error: " + tiny + ", line 3, column 'w': weight 1.0E-46 is below float32's smallest"
                + " normal value (1.18e-38), which the weights are held in, as in training; multiply the weights by a"
                + " common factor (a weighted mean is the same)", r.err().strip());
    }

    /**
     * Validation rows that all weigh 0 (the split as train makes it, weights 0 exactly there): without
     * --patience a warning says why their metrics are NaN; with it, the error names --patience (it had said
     * "nothing to fit", which the training rows did have).
     */
    @Test
    void validationRowsThatAllWeighZeroAreNamedForWhatTheyStop() throws Exception {
        int rows = 40;
        Set<Integer> validation = new HashSet<>();
        for (int i : dev.ridgeline.data.ThreeWaySplit.of(rows, 0.25, 0, 42).validation()) {
            validation.add(i);
        }
        StringBuilder s = new StringBuilder("a,w,y\n");
        for (int i = 0; i < rows; i++) {
            s.append(i).append(',').append(validation.contains(i) ? 0 : 1).append(',').append(2 * i + i % 3).append('\n');
        }
        Path file = dir.resolve("held-out-zero.csv");
        Files.writeString(file, s);
        String[] common = {"train", "--data", file.toString(), "--target", "y", "--weights", "w", "--holdout", "0.25",
            "--seed", "42", "--no-output"};
        CliRun plain = CliRun.of(concat(common, "--json"));
        assertEquals(0, plain.code(), plain.err());
        JsonNode doc = json(plain);
        assertTrue(doc.get("metrics").get("validation").get("mse").isNull(), doc.toString());  // NaN is written as null
        String warning = "every one of the 10 validation rows has weight 0 in 'w', so their weighted metrics are"
                + " undefined (NaN)";
        assertTrue(doc.get("warnings").toString().contains(warning), doc.toString());
        assertTrue(plain.err().contains("ridgeline: warning: " + warning), plain.err());
        CliRun patience = CliRun.of(concat(common, "--patience", "5"));
        assertEquals(Main.EXIT_DATA, patience.code(), patience.out());
        assertEquals("ridgeline: error: " + file + ": every one of the 10 validation rows has weight 0 in 'w';"
                + " --patience has no validation loss to stop on: hold out more rows (--holdout) or leave --patience"
                + " out", patience.err().strip());
    }

    /**
     * The fairness figures weigh the rows as the metrics do: the overall row of the group table is the Metrics
     * section's weighted figure, with the same interval, and a group's MSE is its rows' weighted mean (the figures
     * had counted each row once beside weighted metrics, and the weighted metrics had no interval).
     */
    @Test
    void theFairnessFiguresWeighTheRowsAsTheMetricsDo() throws Exception {
        StringBuilder csv = new StringBuilder("a,g,w,y\n");
        for (int i = 0; i < 120; i++) {
            csv.append(i % 17).append(',').append(i % 2 == 0 ? "east" : "west").append(',').append(1 + i % 3).append(',')
                    .append(2 * (i % 17) + i % 5).append('\n');
        }
        Path file = Files.writeString(dir.resolve("groups.csv"), csv);
        Path out = dir.resolve("card");
        CliRun r = CliRun.of("train", "--data", file.toString(), "--target", "y", "--weights", "w", "--sensitive", "g",
                "--ignore", "g", "--holdout", "0.5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("count every evaluation row once"), r.err());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("Every figure here weighs the rows by 'w', as the Metrics section does; a group's count"
                + " is its rows of weight above 0."), md);
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertEquals("w", card.get("fairnessWeightedBy").asText());
        JsonNode mse = card.get("metrics").get(0);
        assertEquals("w", mse.get("weightedBy").asText());
        JsonNode overall = card.get("fairness").get(0).get("overall");
        assertEquals(mse.get("value").asDouble(), overall.get("mse").asDouble(), 1e-12 * mse.get("value").asDouble(),
                "the group table's overall row is the weighted metric");
        assertTrue(mse.get("ciLow").isNumber() && mse.get("ciLow").asDouble() < mse.get("value").asDouble(), mse.toString());
        // The same figure as the text and --json report give.
        JsonNode metrics = json(CliRun.of("train", "--data", file.toString(), "--target", "y", "--weights", "w",
                "--sensitive", "g", "--ignore", "g", "--holdout", "0.5", "--json", "--no-output"));
        assertEquals(mse.get("value").asDouble(), metrics.get("metrics").get("validation").get("mse").asDouble(),
                1e-12 * mse.get("value").asDouble(), "the report's weighted validation MSE");
        Path plainOut = dir.resolve("plain-card");
        CliRun plain = CliRun.of("train", "--data", file.toString(), "--target", "y", "--sensitive", "g", "--ignore",
                "g,w", "--out", plainOut.toString());
        assertEquals(0, plain.code(), plain.err());
        assertFalse(Files.readString(plainOut.resolve("model-card.md")).contains("weighs the rows by"));
        assertTrue(new ObjectMapper().readTree(plainOut.resolve("model-card.json").toFile())
                .get("fairnessWeightedBy").isNull());
    }

    /** A group whose evaluation rows all weigh 0 has no weighted figure: the table says n/a and a warning why. */
    @Test
    void aGroupOfNoWeightIsNamed() throws Exception {
        StringBuilder csv = new StringBuilder("a,g,w,y\n");
        for (int i = 0; i < 90; i++) {
            String g = i % 3 == 0 ? "east" : i % 3 == 1 ? "west" : "north";
            csv.append(i % 17).append(',').append(g).append(',').append(g.equals("north") ? 0 : 1 + i % 2).append(',')
                    .append(2 * (i % 17) + i % 5).append('\n');
        }
        Path file = Files.writeString(dir.resolve("weightless.csv"), csv);
        CliRun r = CliRun.of("train", "--data", file.toString(), "--target", "y", "--weights", "w", "--sensitive", "g",
                "--ignore", "g", "--holdout", "0.5", "--bootstrap", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ridgeline: warning: fairness by g: every validation row of north weighs 0, so it"
                + " has no weighted figure (n/a) and no part in the disparities"), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("north") && l.contains("n/a")), r.out());
    }

    @Test
    void theWeightsColumnCannotBeASensitiveAttribute() {
        CliRun r = CliRun.of("train", "--data", weighted.toString(), "--target", "y", "--weights", "w", "--sensitive",
                "w", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code());
        assertEquals("ridgeline: error: " + weighted + ": sensitive column 'w' is the row weights column (--weights); a"
                + " sensitive column is one of the columns [a, b] or a column --ignore leaves out", r.err().strip());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static JsonNode json(CliRun r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }
}
