package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ridgeline explain} on the model file written by {@code train}. */
class ExplainCommandTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;
    Path model;
    Path data;
    JsonNode trained;

    @BeforeEach
    void trainModel() throws Exception {
        Path out = dir.resolve("ridgeline-out");
        CliRun train = CliRun.of("train", "--json", "--holdout", "0", "--solver", "exact", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        model = out.resolve("model.json");
        trained = new ObjectMapper().readTree(train.out());
        data = dir.resolve("diabetes.csv");
        try (InputStream in = getClass().getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.write(data, in.readAllBytes());
        }
    }

    @Test
    void rowExplanationIsAdditiveAndMatchesTheModelsPrediction() throws Exception {
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--row", "0", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode m = trained;
        // first diabetes row, computed here from the coefficients train printed (original units) and the raw values
        String[] header = Files.readAllLines(data).get(0).split(",");
        String[] first = Files.readAllLines(data).get(1).split(",");
        double prediction = m.get("intercept").asDouble();
        for (int c = 0; c < header.length - 1; c++) {
            prediction += m.get("coefficients").get(header[c]).asDouble() * Double.parseDouble(first[c]);
        }
        double sum = doc.get("base").asDouble();
        for (JsonNode phi : doc.get("row").get("shap")) {
            sum += phi.asDouble();
        }
        assertEquals(prediction, doc.get("row").get("prediction").asDouble(), 1e-9 * Math.abs(prediction));
        assertEquals(prediction, sum, 1e-6);
        assertTrue(doc.get("row").get("additivity_error").asDouble() < 1e-6);
        // the base value is the mean prediction, which for the exact fit equals the mean target
        assertEquals(m.get("intercept_standardized").asDouble(), doc.get("base").asDouble(), 1e-6);
        assertEquals("s5", doc.get("importance").fieldNames().next(), "largest importance first");
    }

    /**
     * A file is read twice a chunk at a time (means, then |phi|); a pipe once, its rows kept. Both give the same
     * numbers to the bit, and the one LinearShap.fit gives on all the rows at once.
     */
    @Test
    void aFileReadTwiceAndAPipeReadOnceExplainAlike() throws Exception {
        CliRun fromFile = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--row", "7",
                "--json");
        assertEquals(0, fromFile.code(), fromFile.err());
        Path fifo = dir.resolve("pipe.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, Files.readAllBytes(data));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        CliRun fromPipe = CliRun.of("explain", "--model", model.toString(), "--data", fifo.toString(), "--row", "7",
                "--json");
        writer.join(30_000);
        assertEquals(0, fromPipe.code(), fromPipe.err());
        JsonNode a = new ObjectMapper().readTree(fromFile.out());
        JsonNode b = new ObjectMapper().readTree(fromPipe.out());
        for (String key : new String[] {"base", "importance", "coefficients", "row", "background_rows"}) {
            assertEquals(a.get(key), b.get(key), key);
        }
        // The model file's SHA-256, as sha256sum gives it (HexFormat of the JDK's digest).
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(model))), a.get("model_sha256").asText());
        dev.ridgeline.model.LinearModel m = dev.ridgeline.model.LinearModel.load(model);
        dev.ridgeline.data.Frame frame = dev.ridgeline.data.FrameReader.forModelInputs(
                dev.ridgeline.data.CsvTable.read(data, ','), m.preprocessing().inputSchema(), java.util.Set.of("progression"));
        double[][] rows = dev.ridgeline.explain.InputSpace.rows(m, frame);
        dev.ridgeline.explain.LinearShap all = dev.ridgeline.explain.LinearShap.fit(m, rows);
        assertEquals(all.base(), a.get("base").asDouble());
        double[] importance = all.meanAbsolutePhi(rows);
        for (int j = 0; j < importance.length; j++) {
            String name = m.featureNames().get(j);
            assertEquals(importance[j], a.get("importance").get(name).asDouble(), name);
        }
        // The intercept and the coefficients give the row's prediction back from its values.
        assertEquals(m.intercept(), a.get("intercept").get("original").asDouble());
        assertEquals(m.interceptStandardized(), a.get("intercept").get("standardized").asDouble());
        double prediction = a.get("intercept").get("original").asDouble();
        for (JsonNode c : a.get("coefficients")) {
            prediction += c.get("original").asDouble() * a.get("row").get("values").get(c.get("feature").asText())
                    .asDouble();
        }
        assertEquals(a.get("row").get("prediction").asDouble(), prediction, 1e-9 * Math.abs(prediction));
    }

    @Test
    void plotsAreWrittenAsPngFiles() throws Exception {
        Path plots = dir.resolve("plots");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--row", "5",
                "--plots", plots.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("additivity error"), r.out());
        assertTrue(r.out().strip().endsWith("wrote      " + plots + ": importance.png, waterfall-row-5.png"), r.out());
        for (String name : new String[] {"importance.png", "waterfall-row-5.png"}) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(plots.resolve(name)), 4);
            assertArrayEquals(PNG_MAGIC, head, name);
        }
    }

    /** Explaining one row, and evaluating on it: the reports count "1 row", not "1 rows". */
    @Test
    void aOneRowFileIsCountedInTheSingular() throws Exception {
        Path one = dir.resolve("one.csv");
        Files.write(one, Files.readAllLines(data).subList(0, 2));
        CliRun explain = CliRun.of("explain", "--model", model.toString(), "--data", one.toString());
        assertEquals(0, explain.code(), explain.err());
        assertTrue(explain.out().contains("over the 1 row of --data"), explain.out());
        // The coefficient columns in train's order: original units, then the scaled space.
        assertTrue(explain.out().lines().anyMatch(l -> l.matches("feature +mean \\|SHAP\\| +original units +standardised")),
                explain.out());
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", one.toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains(" (1 row, target "), evaluate.out());
        CliRun two = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString());
        assertTrue(two.out().contains(" (442 rows, target "), two.out());
    }

    @Test
    void aMissingFeatureColumnIsNamed() throws Exception {
        Path partial = dir.resolve("partial.csv");
        Files.writeString(partial, "age,sex\n1,2\n");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--data", partial.toString());
        assertEquals(Main.EXIT_DATA, r.code());
        assertTrue(r.err().contains("missing: [bmi, bp, s1"), r.err());
        CliRun notModel = CliRun.of("explain", "--model", partial.toString(), "--data", data.toString());
        assertEquals(Main.EXIT_DATA, notModel.code());
    }

    @Test
    void categoricalModelsAreExplainedInTheirEncodedInputSpace() throws Exception {
        Path csv = dir.resolve("shop.csv");
        StringBuilder s = new StringBuilder("size,colour,price\n");
        String[] colours = {"red", "blue", "green"};
        for (int i = 0; i < 60; i++) {
            int size = 1 + (i * 7) % 11;
            s.append(size).append(',').append(colours[i % 3]).append(',')
                    .append(3 * size + 5 * (i % 3) + (i % 5) * 0.1).append('\n');
        }
        Files.writeString(csv, s);
        Path out = dir.resolve("shop-out");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--solver", "exact", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        CliRun r = CliRun.of("explain", "--model", out.resolve("model.json").toString(), "--data", csv.toString(),
                "--row", "2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode shap = doc.get("row").get("shap");
        assertTrue(shap.has("colour=green") && shap.has("colour=red") && shap.has("size"), shap.toString());
        double sum = doc.get("base").asDouble();
        for (JsonNode phi : shap) {
            sum += phi.asDouble();
        }
        // additivity against the model's own prediction of row 2 (through its stored preprocessing)
        CliRun predict = CliRun.of("predict", "--model", out.resolve("model.json").toString(), "--data", csv.toString(), "--json");
        double predicted = new ObjectMapper().readTree(predict.out()).get("predictions").get(2).asDouble();
        assertEquals(predicted, doc.get("row").get("prediction").asDouble(), 0.0);
        assertEquals(predicted, sum, 1e-6 * Math.abs(predicted));
        assertEquals(60, doc.get("background_rows").asInt());
    }

    /**
     * A new row alone in its file is its own background, and every SHAP value 0: a warning says so, and
     * --background with the training data gives the row the values it has among the training rows.
     */
    @Test
    void aNewRowIsExplainedAgainstTheBackgroundGiven() throws Exception {
        Path one = dir.resolve("new-row.csv");
        Files.write(one, Files.readAllLines(data).subList(0, 2));
        CliRun alone = CliRun.of("explain", "--model", model.toString(), "--data", one.toString(), "--row", "0",
                "--json");
        assertEquals(0, alone.code(), alone.err());
        JsonNode aloneDoc = new ObjectMapper().readTree(alone.out());
        for (JsonNode phi : aloneDoc.get("row").get("shap")) {
            assertEquals(0.0, phi.asDouble(), 1e-9);
            // +0, not -0 (features of negative coefficients had "-0.0" here and "-0.00000" in the text)
            assertEquals(0, Double.compare(0.0, phi.asDouble()), aloneDoc.get("row").toString());
        }
        CliRun aloneText = CliRun.of("explain", "--model", model.toString(), "--data", one.toString(), "--row", "0");
        assertEquals(0, aloneText.code(), aloneText.err());
        assertTrue(aloneText.out().contains("+0.00000") && !aloneText.out().contains("-0.00000"), aloneText.out());
        assertTrue(aloneDoc.get("warnings").get(0).asText().contains("with one row every SHAP value is 0"),
                aloneDoc.toString());
        assertTrue(alone.err().contains("ridgeline: warning: the background (the rows of --data) has only 1 row:"),
                alone.err());

        CliRun against = CliRun.of("explain", "--model", model.toString(), "--data", one.toString(), "--row", "0",
                "--background", data.toString(), "--json");
        CliRun inTraining = CliRun.of("explain", "--model", model.toString(), "--data", data.toString(), "--row",
                "0", "--json");
        assertEquals(0, against.code(), against.err());
        JsonNode doc = new ObjectMapper().readTree(against.out());
        JsonNode reference = new ObjectMapper().readTree(inTraining.out());
        assertEquals(reference.get("base").asDouble(), doc.get("base").asDouble(), 0.0);
        assertEquals(reference.get("row").get("shap"), doc.get("row").get("shap"));
        assertEquals(442, doc.get("background_rows").asInt());
        assertEquals(data.toString(), doc.get("background").asText());
        assertEquals(0, doc.get("warnings").size(), doc.toString());
        // importance is over the rows explained (here the one row), against the background's means
        JsonNode importance = doc.get("importance");
        for (var it = importance.fields(); it.hasNext(); ) {
            var e = it.next();
            assertEquals(Math.abs(doc.get("row").get("shap").get(e.getKey()).asDouble()), e.getValue().asDouble(),
                    1e-12, e.getKey());
        }
        CliRun text = CliRun.of("explain", "--model", model.toString(), "--data", one.toString(), "--row", "0",
                "--background", data.toString());
        assertTrue(text.out().contains("over the 442 rows of --background " + data), text.out());
        assertTrue(text.out().contains("row 0 (line 2 of " + one + ")"), text.out());
    }

    /**
     * A background holding a column the model does not use and --data lacks: refused with the option that reads
     * past it, then read past with --ignore, which --data need not hold (it had to: no such background could be
     * used without editing the file).
     */
    @Test
    void aColumnOnlyTheBackgroundHoldsIsReadPastWithIgnore() throws Exception {
        Path one = dir.resolve("new-row.csv");
        Files.write(one, Files.readAllLines(data).subList(0, 2));
        java.util.List<String> lines = Files.readAllLines(data);
        StringBuilder noted = new StringBuilder(lines.get(0)).append(",note\n");
        for (String line : lines.subList(1, lines.size())) {
            noted.append(line).append(",seen\n");
        }
        Path background = Files.writeString(dir.resolve("noted.csv"), noted);

        CliRun refused = CliRun.of("explain", "--model", model.toString(), "--data", one.toString(), "--row", "0",
                "--background", background.toString());
        assertEquals(Main.EXIT_DATA, refused.code(), refused.err());
        assertTrue(refused.err().contains(background + ": ") && refused.err().contains("not used by the model: [note]")
                && refused.err().contains("pass --ignore note to read past it"), refused.err());

        CliRun passed = CliRun.of("explain", "--model", model.toString(), "--data", one.toString(), "--row", "0",
                "--background", background.toString(), "--ignore", "note", "--json");
        CliRun plain = CliRun.of("explain", "--model", model.toString(), "--data", one.toString(), "--row", "0",
                "--background", data.toString(), "--json");
        JsonNode doc = TrainOutputTest.json(passed);
        JsonNode reference = TrainOutputTest.json(plain);
        assertEquals(reference.get("base"), doc.get("base"));
        assertEquals(reference.get("row").get("shap"), doc.get("row").get("shap"));
        assertEquals(442, doc.get("background_rows").asInt());

        CliRun misspelt = CliRun.of("explain", "--model", model.toString(), "--data", one.toString(), "--row", "0",
                "--background", data.toString(), "--ignore", "notes");
        assertEquals(Main.EXIT_DATA, misspelt.code(), misspelt.err());
        assertTrue(misspelt.err().contains(one + ": no column named 'notes' to read past (--ignore), nor has "
                + data + "; the columns are"), misspelt.err());
    }

    /**
     * One pipe as both --data and --background is refused before it is read: the background read it to its end,
     * and --data then found it empty ("the file is empty (no header row)"), which named no cause.
     */
    @Test
    void onePipeAsDataAndBackgroundIsRefusedUnread() throws Exception {
        Path fifo = dir.resolve("both.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> CliRun.of("explain", "--model", model.toString(), "--data", fifo.toString(), "--background",
                        fifo.toString(), "--json"));
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertEquals("ridgeline: error: --data " + fifo + " and --background " + fifo + " are one pipe, which can be"
                + " read once: save its rows to a file, or give the background a file of its own", r.err().strip());
        assertEquals("", r.out());
    }

    /** The explained row names its line and values, and marks a value the model filled in for a missing one. */
    @Test
    void anImputedValueIsMarkedAsTheModelsFill() throws Exception {
        Path csv = dir.resolve("gaps.csv");
        StringBuilder s = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            double a = i % 7;
            String b = i == 3 ? "" : Double.toString((i * 5) % 11);
            s.append(a).append(',').append(b).append(',').append(2 * a + (i % 3)).append('\n');
        }
        Files.writeString(csv, s);
        Path out = dir.resolve("gaps-out");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--missing", "median", "--solver", "exact",
                "--holdout", "0", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        CliRun r = CliRun.of("explain", "--model", out.resolve("model.json").toString(), "--data", csv.toString(),
                "--row", "3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode row = new ObjectMapper().readTree(r.out()).get("row");
        assertEquals(3, row.get("index").asInt());
        assertEquals(5, row.get("line").asLong());
        assertEquals("[\"b\"]", row.get("imputed").toString());
        assertEquals(3.0, row.get("values").get("a").asDouble(), 0.0);
        CliRun text = CliRun.of("explain", "--model", out.resolve("model.json").toString(), "--data", csv.toString(),
                "--row", "3");
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("b ") && l.endsWith("(missing: the model's fill)")),
                text.out());
        assertTrue(text.out().lines().noneMatch(l -> l.startsWith("a ") && l.contains("missing")), text.out());
    }

    /**
     * A row whose category training never saw (--unseen zeros) is explained as holding none of the known ones:
     * its one-hot values all read 0, which the report says, naming the label, as it marks a filled-in value.
     */
    @Test
    void anUnseenCategoryIsNamedOnTheExplainedRow() throws Exception {
        Path csv = dir.resolve("cities.csv");
        StringBuilder s = new StringBuilder("a,city,y\n");
        String[] cities = {"Oslo", "Bergen", "Tromso"};
        for (int i = 0; i < 40; i++) {
            s.append(i % 7).append(',').append(cities[i % 3]).append(',').append(2 * (i % 7) + i % 3).append('\n');
        }
        Files.writeString(csv, s);
        Path out = dir.resolve("cities-out");
        CliRun train = CliRun.of("train", "--data", csv.toString(), "--unseen", "zeros", "--solver", "exact",
                "--holdout", "0", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        Path fresh = dir.resolve("fresh.csv");
        Files.writeString(fresh, "a,city,y\n1,Oslo,0\n2,Paris,0\n");
        String model = out.resolve("model.json").toString();
        CliRun r = CliRun.of("explain", "--model", model, "--data", fresh.toString(), "--background", csv.toString(),
                "--row", "1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode row = new ObjectMapper().readTree(r.out()).get("row");
        assertEquals("{\"city\":\"Paris\"}", row.get("unseen").toString());
        assertEquals("[]", row.get("imputed").toString());
        CliRun known = CliRun.of("explain", "--model", model, "--data", fresh.toString(), "--background",
                csv.toString(), "--row", "0", "--json");
        assertEquals("{}", new ObjectMapper().readTree(known.out()).get("row").get("unseen").toString());
        CliRun text = CliRun.of("explain", "--model", model, "--data", fresh.toString(), "--background", csv.toString(),
                "--row", "1");
        List<String> marked = text.out().lines().filter(l -> l.endsWith("(unseen category 'Paris': none of the known)"))
                .toList();
        assertEquals(3, marked.size(), text.out());
        assertTrue(marked.stream().allMatch(l -> l.startsWith("city=")), text.out());
        // The waterfall of --plots marks the same features (its labels: ResponsiblePlotsTest).
        var loaded = dev.ridgeline.model.LinearModel.load(out.resolve("model.json"));
        assertEquals(java.util.Map.of("city=Oslo", "Paris", "city=Bergen", "Paris", "city=Tromso", "Paris"),
                ExplainCommand.unseenFeatures(loaded, java.util.Map.of("city", "Paris")));
        assertEquals(java.util.Map.of(), ExplainCommand.unseenFeatures(loaded, java.util.Map.of()));
    }
}
