package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} of a model trained with {@code --weights w}: a background that holds w weighs its rows by it, as
 * the model card's explanation weighs the training rows; one without it is weighed equally, with a warning. The
 * importance (mean |SHAP| over the rows of --data) weighs them by w where --data holds it, as the card's does.
 */
class ExplainBackgroundWeightsTest {
    /** What explain adds to a bad value of the model's column of row weights. */
    private static final String REMEDY = "; explain weighs the rows by the model's column of row weights 'w': correct"
            + " the value, or give --ignore w to weigh every row once";
    /** Bad values of w in line 3 and what explain says of each, in a background or in --data. */
    private static final String[][] BAD_WEIGHTS = {
        {"-1", "line 3, column 'w': weight '-1' is negative; row weights must be >= 0" + REMEDY},
        {"", "line 3, column 'w': the row weight is missing" + REMEDY},
        {"1e-46", "line 3, column 'w': weight 1.0E-46 is below float32's smallest normal value (1.18e-38), which the"
                + " weights are held in, as in training" + REMEDY},
        {"inf", "line 3, column 'w': value 'inf' is not a finite float32 number" + REMEDY},
        {"abc", "line 3, column 'w': value 'abc' is not a number" + REMEDY},
    };

    /**
     * Six rows, x and city in the input space, weights 0, 1, 1, 2, 0.5, 1.5 (6 in all). By hand: E_w[x] = (0 + 2 + 3
     * + 8 + 2.5 + 9) / 6 = 24.5 / 6; E_w[city=a] = (0 + 1 + 1.5) / 6 = 2.5 / 6; E_w[city=b] = 3.5 / 6. The first row
     * (x 1, weight 0) moves none of them; unweighted, E[x] would be 3.5.
     */
    private static final String TRAIN = "x,city,w,y\n1,a,0,2.9\n2,b,1,6.2\n3,a,1,6.8\n4,b,2,10.1\n5,b,0.5,12.2\n"
            + "6,a,1.5,12.9\n";
    private static final double[] MEANS = {24.5 / 6, 2.5 / 6, 3.5 / 6};
    /** The rows of TRAIN in the input space (x, city=a, city=b) and their weights. */
    private static final double[][] ROWS = {{1, 1, 0}, {2, 0, 1}, {3, 1, 0}, {4, 0, 1}, {5, 0, 1}, {6, 1, 0}};
    private static final double[] WEIGHTS = {0, 1, 1, 2, 0.5, 1.5};
    private static final String[] FEATURES = {"x", "city=a", "city=b"};

    @TempDir
    Path dir;
    Path model;
    Path train;
    Path card;

    @BeforeEach
    void trainWeighted() throws Exception {
        train = dir.resolve("train.csv");
        Files.writeString(train, TRAIN);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("train", "--data", train.toString(), "--target", "y", "--weights", "w", "--categorical",
                "city", "--solver", "exact", "--holdout", "0", "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        model = out.resolve("model.json");
        card = out.resolve("model-card.json");
    }

    private static JsonNode json(CliRun r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    /** beta_j from the report (original units, the input space's), in FEATURES order. */
    private static double[] coefficients(JsonNode doc) {
        double[] beta = new double[FEATURES.length];
        for (JsonNode c : doc.get("coefficients")) {
            for (int j = 0; j < FEATURES.length; j++) {
                if (FEATURES[j].equals(c.get("feature").asText())) {
                    beta[j] = c.get("original").asDouble();
                }
            }
        }
        return beta;
    }

    @Test
    void aBackgroundHoldingTheWeightsColumnIsWeighedByIt() throws Exception {
        Path rows = dir.resolve("new.csv");  // x 1 (city a): phi_x = beta_x (1 - 24.5/6)
        Files.writeString(rows, "x,city\n1,a\n");
        JsonNode doc = json(CliRun.of("explain", "--model", model.toString(), "--data", rows.toString(),
                "--background", train.toString(), "--row", "0", "--json"));
        double[] beta = coefficients(doc);
        double base = doc.get("intercept").get("original").asDouble();
        for (int j = 0; j < beta.length; j++) {
            base += beta[j] * MEANS[j];
        }
        assertEquals(base, doc.get("base").asDouble(), 1e-12 * Math.abs(base), "the weighted mean prediction");
        assertEquals("w", doc.path("background_weights").asText());
        assertEquals(6, doc.get("background_rows").asLong());
        double[] x = {1, 1, 0};
        double sum = doc.get("base").asDouble();
        for (int j = 0; j < beta.length; j++) {
            double phi = doc.get("row").get("shap").get(FEATURES[j]).asDouble();
            assertEquals(beta[j] * (x[j] - MEANS[j]), phi, 1e-12 * Math.max(1, Math.abs(phi)), FEATURES[j]);
            sum += phi;
        }
        double prediction = doc.get("row").get("prediction").asDouble();
        assertEquals(prediction, sum, 1e-12 * Math.abs(prediction), "base + sum of SHAP is the prediction");
        // The card's base value is the same: both weigh the training rows by w.
        double cardBase = new ObjectMapper().readTree(card.toFile()).get("explanation").get("baseValue").asDouble();
        assertEquals(cardBase, doc.get("base").asDouble(), 1e-12 * Math.abs(cardBase));
        // --data as the background is weighed alike.
        JsonNode own = json(CliRun.of("explain", "--model", model.toString(), "--data", train.toString(), "--json"));
        assertEquals("w", own.get("background_weights").asText());
        assertEquals(doc.get("base").asDouble(), own.get("base").asDouble(), 1e-12 * Math.abs(cardBase));
        CliRun text = CliRun.of("explain", "--model", model.toString(), "--data", train.toString());
        assertTrue(text.out().contains("mean prediction weighted by 'w' over the 6 rows of --data"), text.out());
    }

    @Test
    void aBackgroundWithoutTheColumnIsWeighedEquallyWithAWarning() throws Exception {
        Path bare = dir.resolve("bare.csv");
        Files.writeString(bare, TRAIN.replaceAll("(?m),[^,]*(,[^,]*)$", "$1"));  // w left out
        assertTrue(Files.readString(bare).startsWith("x,city,y\n1,a,2.9\n"), Files.readString(bare));
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", bare.toString(), "--json");
        JsonNode doc = json(r);
        assertTrue(doc.has("background_weights") && doc.get("background_weights").isNull(), doc.toString());
        double[] beta = coefficients(doc);
        double[] unweighted = {3.5, 0.5, 0.5};
        double base = doc.get("intercept").get("original").asDouble();
        for (int j = 0; j < beta.length; j++) {
            base += beta[j] * unweighted[j];
        }
        assertEquals(base, doc.get("base").asDouble(), 1e-12 * Math.abs(base));
        String warning = "--data " + bare + " has no column 'w', the row weights the model was trained with: its rows"
                + " are weighed equally, where the model card weighs the training rows by them";
        int found = 0;  // one such warning (beside the one on few background rows)
        for (JsonNode w : doc.get("warnings")) {
            found += w.asText().contains("row weights") ? 1 : 0;
            assertTrue(!w.asText().contains("row weights") || w.asText().equals(warning), w.asText());
        }
        assertEquals(1, found, doc.toString());
        assertTrue(r.err().contains(warning), r.err());
        // A background that holds w gives no such warning.
        JsonNode weighted = json(CliRun.of("explain", "--model", model.toString(), "--data", bare.toString(),
                "--background", train.toString(), "--json"));
        for (JsonNode w : weighted.get("warnings")) {
            assertFalse(w.asText().contains("row weights"), w.asText());
        }
    }

    @Test
    void aBadBackgroundWeightIsNamedAsTrainNamesIt() throws Exception {
        for (String[] c : BAD_WEIGHTS) {
            Path bad = dir.resolve("bad.csv");
            Files.writeString(bad, TRAIN.replace("2,b,1,6.2", "2,b," + c[0] + ",6.2"));
            CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", train.toString(), "--background",
                    bad.toString());
            assertEquals(Main.EXIT_DATA, r.code(), r.err());
            assertEquals("ridgeline: error: " + bad + ", " + c[1], r.err().strip(), c[0]);
            assertEquals("", r.out());
        }
        Path zeros = dir.resolve("zeros.csv");
        Files.writeString(zeros, "x,city,w,y\n1,a,0,2.9\n2,b,0,6.2\n");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", train.toString(), "--background",
                zeros.toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("ridgeline: error: --background " + zeros + ": every one of the 2 background rows has weight 0"
                + " in 'w'; the weighted means the base value is taken from are undefined", r.err().strip());
    }

    /**
     * sum_i w_i |beta_j (x_ij - E_w[x_j])| / sum_i w_i over the rows i of {@code picked} (indexes into ROWS), each
     * weight taken from WEIGHTS, or 1 where {@code weighted} is false.
     */
    private static double[] importanceByHand(double[] beta, int[] picked, boolean weighted) {
        double[] out = new double[beta.length];
        double total = 0;
        for (int i : picked) {
            double w = weighted ? WEIGHTS[i] : 1;
            total += w;
            for (int j = 0; j < beta.length; j++) {
                out[j] += w * Math.abs(beta[j] * (ROWS[i][j] - MEANS[j]));
            }
        }
        for (int j = 0; j < beta.length; j++) {
            out[j] /= total;
        }
        return out;
    }

    private static void assertImportance(double[] expected, JsonNode doc) {
        for (int j = 0; j < FEATURES.length; j++) {
            double got = doc.get("importance").get(FEATURES[j]).asDouble();
            assertEquals(expected[j], got, 1e-12 * Math.max(1, expected[j]), FEATURES[j] + " in " + doc);
        }
    }

    /**
     * The importance of the card's training rows is the card's: both weigh the rows by w. By hand, with x_4 = 1
     * (weight 0) counting nothing: importance_x = beta_x (|2 - m| + |3 - m| + 2 |4 - m| + 0.5 |5 - m| + 1.5 |6 -
     * m|) / 6, m = 24.5 / 6; the plain mean over the six rows had been taken.
     */
    @Test
    void theImportanceOfTheTrainingRowsIsTheCards() throws Exception {
        JsonNode doc = json(CliRun.of("explain", "--model", model.toString(), "--data", train.toString(), "--json"));
        double[] beta = coefficients(doc);
        int[] all = {0, 1, 2, 3, 4, 5};
        assertImportance(importanceByHand(beta, all, true), doc);
        assertEquals("w", doc.get("importance_weights").asText());
        JsonNode explanation = new ObjectMapper().readTree(card.toFile()).get("explanation");
        for (JsonNode c : explanation.get("coefficients")) {
            String feature = c.get("feature").asText();
            double cardImportance = c.get("meanAbsShap").asDouble();
            assertEquals(cardImportance, doc.get("importance").get(feature).asDouble(), 1e-12 * cardImportance,
                    feature);
        }
        // Unweighted it differs (x_4 = 1 is far from the weighted mean): the test tells the two apart.
        double[] plain = importanceByHand(beta, all, false);
        assertTrue(Math.abs(plain[0] - doc.get("importance").get("x").asDouble()) > 1e-3 * plain[0], doc.toString());
        // The text report says so.
        CliRun text = CliRun.of("explain", "--model", model.toString(), "--data", train.toString());
        assertTrue(text.out().contains("mean |SHAP| weighted by 'w' over the 6 rows of --data"), text.out());
        // With --out too, the second read that writes the file sums the same weighted |phi|, and every row is
        // written, those of weight 0 with the rest.
        Path shapCsv = dir.resolve("shap.csv");
        JsonNode withOut = json(CliRun.of("explain", "--model", model.toString(), "--data", train.toString(),
                "--out", shapCsv.toString(), "--json"));
        assertEquals(doc.get("importance"), withOut.get("importance"));
        assertEquals(7, Files.readAllLines(shapCsv).size());
    }

    /** A pipe, read once with its rows kept, weighs them as a file read twice does. */
    @Test
    void aPipeWeighsTheImportanceAsAFileDoes() throws Exception {
        JsonNode fromFile = json(CliRun.of("explain", "--model", model.toString(), "--data", train.toString(),
                "--json"));
        Path fifo = dir.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, TRAIN);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        JsonNode fromPipe = json(CliRun.of("explain", "--model", model.toString(), "--data", fifo.toString(),
                "--json"));
        writer.join(30_000);
        assertEquals(fromFile.get("importance"), fromPipe.get("importance"));
        assertEquals("w", fromPipe.get("importance_weights").asText());
        assertImportance(importanceByHand(coefficients(fromPipe), new int[] {0, 1, 2, 3, 4, 5}, true), fromPipe);
    }

    /**
     * Beside a --background, --data is weighed by its own w: rows 0 to 2 (weights 0, 1, 1) count rows 1 and 2
     * only. Without the column each row counts once, with no warning (rows to explain need no weights); with
     * --ignore w too.
     */
    @Test
    void theRowsOfDataBesideABackgroundAreWeighedByTheirOwnColumn() throws Exception {
        Path some = dir.resolve("some.csv");
        Files.writeString(some, "x,city,w\n1,a,0\n2,b,1\n3,a,1\n");
        JsonNode doc = json(CliRun.of("explain", "--model", model.toString(), "--data", some.toString(),
                "--background", train.toString(), "--json"));
        double[] beta = coefficients(doc);
        assertImportance(importanceByHand(beta, new int[] {1, 2}, true), doc);
        assertEquals("w", doc.get("importance_weights").asText());
        assertEquals("w", doc.get("background_weights").asText());

        Path bare = dir.resolve("bare.csv");
        Files.writeString(bare, "x,city\n1,a\n2,b\n3,a\n");
        JsonNode plain = json(CliRun.of("explain", "--model", model.toString(), "--data", bare.toString(),
                "--background", train.toString(), "--json"));
        assertImportance(importanceByHand(beta, new int[] {0, 1, 2}, false), plain);
        assertTrue(plain.get("importance_weights").isNull(), plain.toString());
        for (JsonNode w : plain.get("warnings")) {
            assertFalse(w.asText().contains("row weights"), w.asText());
        }

        JsonNode ignored = json(CliRun.of("explain", "--model", model.toString(), "--data", some.toString(),
                "--background", train.toString(), "--ignore", "w", "--json"));
        assertTrue(ignored.get("importance_weights").isNull(), ignored.toString());
        assertTrue(ignored.get("background_weights").isNull(), ignored.toString());
        // The background weighed equally too: E[x] = 3.5, E[city=a] = E[city=b] = 0.5.
        double[] b = coefficients(ignored);
        for (int j = 0; j < FEATURES.length; j++) {
            double[] means = {3.5, 0.5, 0.5};
            double expected = (Math.abs(b[j] * (ROWS[0][j] - means[j])) + Math.abs(b[j] * (ROWS[1][j] - means[j]))
                    + Math.abs(b[j] * (ROWS[2][j] - means[j]))) / 3;
            assertEquals(expected, ignored.get("importance").get(FEATURES[j]).asDouble(), 1e-12 * Math.max(1, expected),
                    FEATURES[j]);
        }
    }

    /**
     * New rows often hold the weights column blank: explain names --ignore, which weighs every row once, and with it
     * explains them.
     */
    @Test
    void blankWeightsOfNewRowsAreExplainedUnderIgnore() throws Exception {
        Path blank = dir.resolve("blank.csv");
        Files.writeString(blank, TRAIN.replace("2,b,1,6.2", "2,b,,6.2"));
        CliRun refused = CliRun.of("explain", "--model", model.toString(), "--data", blank.toString());
        assertEquals(Main.EXIT_DATA, refused.code(), refused.err());
        assertTrue(refused.err().strip().endsWith(REMEDY), refused.err());
        CliRun ignored = CliRun.of("explain", "--model", model.toString(), "--data", blank.toString(), "--ignore", "w");
        assertEquals(0, ignored.code(), ignored.err());
    }

    /** A bad weight in --data is named as in a background; weights that are all 0 leave no importance. */
    @Test
    void aBadWeightOfDataIsNamedAsTrainNamesIt() throws Exception {
        for (String[] c : BAD_WEIGHTS) {
            Path bad = dir.resolve("bad.csv");
            Files.writeString(bad, TRAIN.replace("2,b,1,6.2", "2,b," + c[0] + ",6.2"));
            Path out = dir.resolve("bad-shap.csv");
            CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", bad.toString(), "--background",
                    train.toString(), "--out", out.toString());
            assertEquals(Main.EXIT_DATA, r.code(), r.err());
            assertEquals("ridgeline: error: " + bad + ", " + c[1], r.err().strip(), c[0]);
            assertEquals("", r.out());
            assertFalse(Files.exists(out), c[0]);
        }
        Path zeros = dir.resolve("zeros.csv");
        Files.writeString(zeros, "x,city,w\n1,a,0\n2,b,0\n");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", zeros.toString(), "--background",
                train.toString());
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("ridgeline: error: --data " + zeros + ": every one of the 2 rows has weight 0 in 'w'; the"
                + " weighted mean |SHAP| the importance is taken from is undefined", r.err().strip());
        assertEquals("", r.out());
    }
}
