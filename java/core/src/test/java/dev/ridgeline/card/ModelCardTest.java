package dev.ridgeline.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.data.DataException;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.explain.CoefficientTable;
import dev.ridgeline.explain.LinearShap;
import dev.ridgeline.fairness.BootstrapSettings;
import dev.ridgeline.fairness.FairnessAnalyzer;
import dev.ridgeline.fairness.FairnessReport;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.privacy.DpSgdConfig;
import dev.ridgeline.privacy.DpSgdResult;
import dev.ridgeline.privacy.DpSgdTrainer;
import dev.ridgeline.privacy.RdpConversion;
import dev.ridgeline.testing.RandomProblems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
    private static final List<String> JSON_SECTIONS = List.of("modelDetails", "intendedUse", "data", "training",
            "metrics", "fairness", "privacy", "explanation", "provenance", "plots", "warnings");
    private static final List<String> MD_SECTIONS = List.of("# Model card: ", "## Model details", "## Warnings",
            "## Intended use",
            "## Limitations", "## Data", "## Training", "## Metrics", "## Fairness", "## Privacy", "## Explanation",
            "## Provenance", "## Plots");

    @TempDir
    Path dir;

    @Test
    void sha256MatchesTheStandardTestVector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void everySectionIsPresentWithTheDataFilesHash() throws Exception {
        Path csv = dir.resolve("train.csv");
        Files.writeString(csv, "a,b,y\n1,2,3\n4,5,6\n");
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv)));
        ModelCard card = fullCard(Sha256.of(csv), csv.toString());
        Path out = dir.resolve("out");
        ModelCardWriter.write(card, out);

        JsonNode json = new ObjectMapper().readTree(out.resolve(ModelCardWriter.JSON_FILE).toFile());
        for (String key : JSON_SECTIONS) {
            assertTrue(json.has(key), "JSON lacks section " + key);
        }
        assertEquals(expectedHash, json.at("/data/sha256").asText());
        assertEquals("sex", json.at("/fairness/0/attribute").asText());
        assertTrue(json.at("/privacy/guaranteed").asBoolean());
        assertTrue(json.at("/privacy/epsilon").asDouble() > 0);
        assertEquals(2, json.at("/explanation/coefficients").size());
        assertEquals("unscaled", json.at("/explanation/coefficientSpace").asText());  // fullCard: --scale none
        assertEquals(System.getProperty("java.version"), json.at("/provenance/javaVersion").asText());
        assertTrue(json.at("/fairness/0/overall/meanPrediction").isNumber());
        assertTrue(json.at("/fairness/0/overall/meanResidualCi/low").isNumber());
        List<String> keys = new java.util.ArrayList<>();
        collectKeys(json, keys);
        assertTrue(keys.stream().noneMatch(k -> k.contains("_") || k.contains(" ")),
                "every key is camelCase: " + keys.stream().filter(k -> k.contains("_") || k.contains(" ")).toList());

        String md = Files.readString(out.resolve(ModelCardWriter.MARKDOWN_FILE));
        int last = -1;
        for (String heading : MD_SECTIONS) {
            int at = md.indexOf(heading);
            assertTrue(at > last, "Markdown lacks or misorders '" + heading + "'");
            last = at;
        }
        // Which SHAP: the interventional one, with the features taken as independent (as the JSON's method says).
        assertTrue(md.contains("Exact interventional SHAP values of a linear model (features taken as independent)"),
                md);
        assertTrue(md.contains(expectedHash));
        assertTrue(md.contains("differential privacy"));
        // what the guarantee is about, and what the card publishes beside it without noise
        assertTrue(md.contains("one training row added or removed"), md);
        assertTrue(md.contains("number of training rows taken as public"), md);
        assertTrue(md.contains("the plots of single rows"), md);
        assertTrue(md.contains("the data file's SHA-256"), md);
        assertTrue(md.contains("![Importance](importance.png)"));
        // the run's warnings, in both files; what the (epsilon, delta) leaves out, in both files
        assertTrue(md.contains("The run that trained this model warned:\n\n- " + WARNING + "\n"), md);
        assertEquals(WARNING, json.at("/warnings/0").asText());
        assertEquals(PrivacyInfo.NOT_COVERED.size(), json.at("/privacy/notCovered").size());
        assertEquals(PrivacyInfo.NOT_COVERED.get(2), json.at("/privacy/notCovered/2").asText());
        assertTrue(json.at("/privacy/covers").asText().contains("one training row added or removed"));
        for (String item : PrivacyInfo.NOT_COVERED) {
            assertTrue(md.contains("- " + item + "\n"), item);
        }
        assertTrue(md.contains("The guarantee covers the gradient steps"), md);
        assertTrue(md.contains("- **Rows:** 200\n"), md);
        // The number formats: a reader comparing the card with a float64 fit must know the data went in as float32.
        assertTrue(md.contains("- **Numbers:** data, targets and weights held as float32 on every backend"), md);
        assertTrue(json.at("/modelDetails/numbers").asText().contains("parameters stored in double"), json.toString());
        try (var files = Files.list(out)) {
            assertEquals(2, files.count(), "no temporary files are left behind");
        }
    }

    /** Every object key in the tree, depth first. */
    private static void collectKeys(JsonNode node, List<String> keys) {
        node.fields().forEachRemaining(e -> {
            keys.add(e.getKey());
            collectKeys(e.getValue(), keys);
        });
        node.elements().forEachRemaining(child -> {
            if (!node.isObject()) {
                collectKeys(child, keys);
            }
        });
    }

    @Test
    void absentSectionsSayWhatWasNotAssessed() throws Exception {
        ModelCard full = fullCard(null, null);
        ModelCard bare = new ModelCard(full.details(), IntendedUse.defaults(), full.data(), full.training(), List.of(),
                ModelCard.Fairness.notAssessed(), PrivacyInfo.none(), null, full.provenance(), List.of(), List.of());
        String md = ModelCardMarkdown.render(bare);
        assertTrue(md.contains("## Warnings\n\nNone: the run that trained this model gave no warning."), md);
        assertTrue(md.contains("no formal privacy guarantee"));
        assertTrue(md.contains("Not assessed: no sensitive attribute was given (`ridgeline train --sensitive COL`"
                + " assesses one; `tune` takes none)."), md);
        assertTrue(md.contains(IntendedUse.NOT_STATED));
        JsonNode json = new ObjectMapper().readTree(ModelCardJson.render(bare));
        assertFalse(json.at("/privacy/guaranteed").asBoolean());
        assertTrue(json.at("/privacy/epsilon").isNull());
        assertFalse(json.at("/explanation/computed").asBoolean());
        assertEquals(0, json.at("/warnings").size());
        assertTrue(json.at("/privacy/notCovered").isMissingNode(), "no (epsilon, delta), nothing to qualify");
    }

    /** Rows dropped for a missing value are counted; a seeded DP run's card promises no guarantee. */
    @Test
    void theCardCountsDroppedRowsAndASeededRunClaimsNoGuarantee() throws Exception {
        ModelCard full = fullCard(null, null);
        ModelCard.DataInfo d = full.data();
        ModelCard.DataInfo dropped = new ModelCard.DataInfo(d.name(), d.file(), d.sha256(), 180, 200, d.features(),
                d.target(), d.preprocessing(), d.split());
        DenseMatrix x = RandomProblems.features(200, 2, 4);
        Problem problem = Problem.builder(x).model(RandomProblems.target(x, 4, 0.2), null, 0.1).build();
        DpSgdConfig seeded = new DpSgdConfig(0.1, 1.0, 1.0, 2, 0.2, 1e-5, 3, false, RdpConversion.IMPROVED);
        PrivacyInfo replayable = PrivacyInfo.of(seeded, new DpSgdTrainer(seeded).train(new ScalarBackend(), problem));
        ModelCard card = new ModelCard(full.details(), full.intendedUse(), dropped, full.training(), full.metrics(),
                full.fairness(), replayable, full.explanation(), full.provenance(), full.plots(), full.warnings());
        String md = ModelCardMarkdown.render(card);
        assertTrue(md.contains("- **Rows:** 180 (of 200 read: 20 with a missing value dropped)\n"), md);
        assertEquals(200, new ObjectMapper().readTree(ModelCardJson.render(card)).at("/data/rowsRead").asInt());
        assertTrue(md.contains("NOT a guarantee"), md);
        assertFalse(md.contains("The guarantee covers"), md);
        assertTrue(md.contains("Were the draws secret, the figures above would cover the gradient steps"), md);
    }

    @Test
    void theFairnessSectionNamesItsRowsAndWhatMitigationDidOnThem() throws Exception {
        ModelCard full = fullCard(null, null);
        FairnessReport report = full.fairness().reports().get(0);
        ModelCard.Mitigation mitigation = new ModelCard.Mitigation("sex", "bounded group loss by reweighting", 4, 5,
                Map.of("F", 1.5), List.of(new ModelCard.MseChange("train", 3.0, 2.0, 1.0, 1.1),
                        new ModelCard.MseChange("validation", 3.0, 3.5, 1.0, 1.2)));
        ModelCard card = withFairness(full, new ModelCard.Fairness("validation", List.of(report), mitigation));
        String md = ModelCardMarkdown.render(card);
        assertTrue(md.contains("Computed on the validation rows (200, held out from training)."), md);
        assertTrue(md.contains("Bounded group loss by reweighting over the groups of sex: round 4 of 5"), md);
        assertTrue(md.contains("| validation | 3.000 | 3.500 | 1.000 | 1.200 |"), md);
        assertFalse(md.contains("the last round"), md);
        assertTrue(md.contains("**On the held-out validation rows mitigation made the worst group's MSE worse** "
                + "(3.000 before, 3.500 after)"), md);
        assertTrue(md.contains("the overall MSE rose from 1.000 to 1.200"), md);
        JsonNode json = new ObjectMapper().readTree(ModelCardJson.render(card));
        assertEquals("validation", json.at("/fairness/0/rows").asText());
        assertEquals("validation", json.at("/mitigation/outcomes/1/rows").asText());
        assertEquals(3.5, json.at("/mitigation/outcomes/1/worstGroupMseAfter").asDouble());
        assertEquals("F", json.at("/mitigation/groupWeights/0/group").asText());

        ModelCard inSample = withFairness(full, new ModelCard.Fairness("train", List.of(report), null));
        assertTrue(ModelCardMarkdown.render(inSample).contains("Computed on the training rows (200): nothing was held "
                + "out, so these are in-sample figures"));
        assertTrue(new ObjectMapper().readTree(ModelCardJson.render(inSample)).get("mitigation").isNull());

        ModelCard.Mitigation last = new ModelCard.Mitigation("sex", "bounded group loss by reweighting", 5, 5,
                Map.of("F", 1.5), mitigation.outcomes());
        assertTrue(ModelCardMarkdown.render(withFairness(full, new ModelCard.Fairness("validation", List.of(report),
                last))).contains(": round 5 of 5 chosen (least worst-group MSE on the training rows; the last round, so"
                + " more rounds may lower it further); group weights"));
    }

    /** Without resamples the disparity table's n/a columns say why, where they would have their reading. */
    @Test
    void aCardWithoutResamplesSaysWhyItHasNoBracketsOrPValues() {
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] p = {1.5, 2, 2.5, 4, 5.5, 6};
        String[] labels = {"F", "M", "F", "M", "F", "M"};
        String noResamples = "No brackets and no permutation p-values (n/a): the run drew no resamples (--bootstrap 0).";
        for (int resamples : new int[] {0, 50}) {
            FairnessReport report = FairnessAnalyzer.analyze("sex", y, p, labels,
                    new BootstrapSettings(resamples, 1, 0.95));
            String md = ModelCardMarkdown.render(withFairness(fullCard(null, null),
                    new ModelCard.Fairness("validation", List.of(report), null)));
            assertEquals(resamples == 0, md.contains(noResamples), md);
            assertEquals(resamples > 0, md.contains("The permutation p-value (50 random relabellings"), md);
        }
    }

    /** A '|' in a group label, a feature name or a setting split its cell in two and shifted the row. */
    @Test
    void tableCellsFromTheDataKeepTheirTablesShape() throws Exception {
        ModelCard full = fullCard(null, null);
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] p = {1.5, 2, 2.5, 4, 5.5, 6};
        String[] labels = {"F|x", "M", "F|x", "M", "F|x", "M\nN"};
        FairnessReport report = FairnessAnalyzer.analyze("sex", y, p, labels, new BootstrapSettings(0, 1, 0.95));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("--sensitive", "a|b");
        ModelCard.Training training = new ModelCard.Training(settings, 3);
        ModelCard card = withFairness(new ModelCard(full.details(), full.intendedUse(), full.data(), training,
                full.metrics(), full.fairness(), full.privacy(), full.explanation(), full.provenance(), full.plots(),
                full.warnings()),
                new ModelCard.Fairness("train", List.of(report), null));
        String md = ModelCardMarkdown.render(card);
        assertTrue(md.contains("| F\\|x (small) | 3 |"), md);
        assertTrue(md.contains("| --sensitive | a\\|b |"), md);
        int columns = -1;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int cells = line.split("(?<!\\\\)\\|", -1).length;
            if (columns < 0) {
                columns = cells;
            }
            assertEquals(columns, cells, "a row of another width than its header: " + line);
        }
    }

    /**
     * The metrics table names the row-weight column in each metric's label: a weight column named "w|t`" split
     * the label's cell in two, which pushed the rows' text into the value column and the value into the interval's,
     * and dropped the interval (a Markdown table keeps only as many cells as its header), and its backtick opened a
     * code span.
     */
    @Test
    void aWeightColumnsNameKeepsTheMetricsTableShape() {
        ModelCard full = fullCard(null, null);
        List<ModelCard.MetricEntry> weighted = List.of(
                ModelCard.MetricEntry.withInterval("mse", "validation", 88, "w|t`", "validation rows (88)", 3.5, 3.0,
                        4.0, 0.95),
                ModelCard.MetricEntry.point("r2", "validation", 88, "w|t`", "validation rows (88)", 0.5));
        ModelCard card = new ModelCard(full.details(), full.intendedUse(), full.data(), full.training(), weighted,
                full.fairness(), full.privacy(), full.explanation(), full.provenance(), full.plots(), full.warnings());
        String md = ModelCardMarkdown.render(card);
        assertTrue(md.contains("| MSE (weighted by 'w\\|t\\`') | validation rows (88) | 3.500 | [3.000, 4.000] |\n"), md);
        assertTrue(md.contains("| R2 (weighted by 'w\\|t\\`') | validation rows (88) | 0.5000 | not estimated |\n"), md);
        for (String line : md.split("\n")) {
            if (line.contains("(weighted by")) {
                assertEquals(6, line.split("(?<!\\\\)\\|", -1).length, "a row of another width than its header: "
                        + line);
            }
        }
    }

    /**
     * The fairness section heads each attribute's table with its name: a name ending in " #" (a column "rank #")
     * lost it, the '#' read as the heading's closing sequence, as the card's title does not.
     */
    @Test
    void anAttributesHeadingKeepsATrailingHash() {
        ModelCard full = fullCard(null, null);
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] p = {1.5, 2, 2.5, 4, 5.5, 6};
        String[] labels = {"F", "M", "F", "M", "F", "M"};
        FairnessReport report = FairnessAnalyzer.analyze("rank #", y, p, labels, new BootstrapSettings(0, 1, 0.95));
        String md = ModelCardMarkdown.render(withFairness(full, new ModelCard.Fairness("train", List.of(report), null)));
        assertTrue(md.contains("\n### By rank \\#\n"), md);
    }

    /**
     * A line break in a model name, column name, group label, warning or the intended use's text ended its
     * heading, list item or paragraph, and what followed could open a heading or list of its own (a primary use
     * of "Estimate y.\n## Privacy\n..." put a second privacy section, claiming anything, above the real one).
     */
    @Test
    void textFromTheDataStaysOnItsLine() throws Exception {
        ModelCard full = fullCard(null, null);
        ModelCard.Details d = full.details();
        ModelCard.DataInfo data = full.data();
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] p = {1.5, 2, 2.5, 4, 5.5, 6};
        String[] labels = {"F", "M", "F", "M", "F", "M\n# G"};
        FairnessReport report = FairnessAnalyzer.analyze("sex\n# s", y, p, labels, new BootstrapSettings(0, 1, 0.95));
        ModelCard card = new ModelCard(
                new ModelCard.Details("m\n# n", d.modelVersion(), d.date(), d.backend(), d.hardware(), d.modelType(),
                        d.modelFile(), d.modelSha256()),
                new IntendedUse("Estimate y.\n## Privacy\nForged.", "Analysts\n# Everyone", List.of("x\n# o"),
                        List.of("l\n# l"), List.of("e\n# e")),
                new ModelCard.DataInfo(data.name(), data.file(), data.sha256(), data.rows(), data.rowsRead(),
                        List.of("a\r\n# b", "c"), "y\n- z", data.preprocessing(), data.split()),
                full.training(), full.metrics(), new ModelCard.Fairness("train", List.of(report), null),
                full.privacy(), full.explanation(), full.provenance(), full.plots(), List.of("column 'q\n# r' dropped"));
        String md = ModelCardMarkdown.render(card);
        assertTrue(md.startsWith("# Model card: m # n\n"), md);
        assertTrue(md.contains("- **Features:** 2: a # b, c\n"), md);
        assertTrue(md.contains("- **Target:** y - z\n"), md);
        assertTrue(md.contains("- column 'q # r' dropped\n"), md);
        assertTrue(md.contains("### By sex # s\n"), md);
        assertTrue(md.contains("**Primary use:** Estimate y. ## Privacy Forged.\n"), md);
        assertTrue(md.contains("**Intended users:** Analysts # Everyone\n"), md);
        assertEquals(1, md.split("\n## Privacy\n", -1).length - 1, "one privacy section");
        assertTrue(md.contains("**Small groups:** F, M, M # G have"), md);
        for (String line : md.split("\n")) {
            assertFalse((line.startsWith("# ") && !line.startsWith("# Model card")) || line.equals("Forged."),
                    "a heading or paragraph from the data: " + line);
            assertFalse(line.startsWith("- z") || line.startsWith("- G"), "a list item from the data: " + line);
        }
    }

    private static ModelCard withFairness(ModelCard c, ModelCard.Fairness fairness) {
        return new ModelCard(c.details(), c.intendedUse(), c.data(), c.training(), c.metrics(), fairness, c.privacy(),
                c.explanation(), c.provenance(), c.plots(), c.warnings());
    }

    @Test
    void intendedUseFileOverridesOnlyTheKeysItHas() throws Exception {
        Path f = dir.resolve("use.json");
        Files.writeString(f, "{\"primaryUse\": \"Teaching\", \"limitations\": [\"Small sample\"]}");
        IntendedUse u = IntendedUse.load(f);
        assertEquals("Teaching", u.primaryUse());
        assertEquals(List.of("Small sample"), u.limitations());
        assertEquals(IntendedUse.defaults().outOfScope(), u.outOfScope());
        // The lists left to the defaults are marked as Ridgeline's, the author's own are not.
        ModelCard full = fullCard(null, null);
        String md = ModelCardMarkdown.render(new ModelCard(full.details(), u, full.data(), full.training(),
                full.metrics(), full.fairness(), full.privacy(), full.explanation(), full.provenance(), full.plots(),
                full.warnings()));
        assertTrue(md.contains("**Out of scope (Ridgeline's general cautions, as the model's author stated none):**"), md);
        assertTrue(md.contains("## Limitations\n\n- Small sample\n"), md);
        assertTrue(md.contains("**Ethical considerations (Ridgeline's general cautions"), md);
        Files.writeString(f, "[1, 2]");
        DataException e = assertThrows(DataException.class, () -> IntendedUse.load(f));
        assertTrue(e.getMessage().contains("use.json"), e.getMessage());
    }

    /**
     * Who answers for the model and under what terms it and its data may be used come from the same file, and a
     * card whose author stated none says so in each place a reader looks for them.
     */
    @Test
    void ownersContactAndLicencesComeFromTheAuthorsFileOrAreMarkedNotStated() throws Exception {
        Path f = dir.resolve("author.json");
        Files.writeString(f, "{\"primaryUse\": \"Teaching\", \"owners\": [\"Data team\", \"A. Person\"],"
                + " \"contact\": \"ml@example.org\", \"license\": \"Apache-2.0\", \"dataSource\": \"Efron et al."
                + " (2004), 442 patients\", \"dataLicense\": \"public domain\"}");
        AuthorStatements a = AuthorStatements.load(f);
        assertEquals("Teaching", a.intendedUse().primaryUse());
        ModelCard full = fullCard(null, null);
        ModelCard card = new ModelCard(full.details(), a.intendedUse(), a.stewardship(), full.data(), full.training(),
                full.metrics(), full.fairness(), full.privacy(), full.explanation(), full.provenance(), full.plots(),
                full.warnings());
        String md = ModelCardMarkdown.render(card);
        assertTrue(md.contains("- **Owners:** Data team; A. Person\n- **Contact:** ml@example.org\n"
                + "- **Licence:** Apache-2.0\n"), md);
        assertTrue(md.contains("\n- **Source:** Efron et al. (2004), 442 patients\n- **Licence:** public domain\n"), md);
        JsonNode json = new ObjectMapper().readTree(ModelCardJson.render(card));
        assertEquals("A. Person", json.at("/modelDetails/owners/1").asText());
        assertEquals("ml@example.org", json.at("/modelDetails/contact").asText());
        assertEquals("Apache-2.0", json.at("/modelDetails/license").asText());
        assertEquals("public domain", json.at("/data/license").asText());
        assertTrue(json.at("/data/source").asText().startsWith("Efron"));

        String none = ModelCardMarkdown.render(full);
        for (String key : List.of("Owners", "Contact", "Licence", "Source")) {
            assertTrue(none.contains("- **" + key + ":** " + IntendedUse.NOT_STATED + "\n"), key + " in\n" + none);
        }
        JsonNode bare = new ObjectMapper().readTree(ModelCardJson.render(full));
        assertEquals(0, bare.at("/modelDetails/owners").size());
        assertEquals(IntendedUse.NOT_STATED, bare.at("/data/license").asText());

        Files.writeString(f, "{\"owners\": [\"Data team\", 7]}");
        DataException e = assertThrows(DataException.class, () -> AuthorStatements.load(f));
        assertEquals(f + ": key 'owners' must be a string or a list of strings; item 2 is the number 7", e.getMessage());
    }

    /** A blank string or an empty list for a list key is no statement: the defaults stand, not an empty bullet. */
    @Test
    void aBlankOrEmptyListStatementKeepsTheDefaults() throws Exception {
        Path f = dir.resolve("blank.json");
        Files.writeString(f, "{\"limitations\": \"  \", \"ethicalConsiderations\": [], \"outOfScope\": \"loans\"}");
        IntendedUse u = IntendedUse.load(f);
        assertEquals(IntendedUse.defaults().limitations(), u.limitations());
        assertEquals(IntendedUse.defaults().ethicalConsiderations(), u.ethicalConsiderations());
        assertEquals(List.of("loans"), u.outOfScope());
        assertFalse(IntendedUse.defaults().limitations().isEmpty());
        assertFalse(IntendedUse.defaults().ethicalConsiderations().isEmpty());
    }

    static ModelCard fullCard(String sha, String file) {
        DenseMatrix x = RandomProblems.features(200, 2, 4);
        float[] y = RandomProblems.target(x, 4, 0.2);
        Problem problem = Problem.builder(x).model(y, null, 0.1).build();
        DpSgdConfig dp = new DpSgdConfig(0.1, 1.0, 1.0, 2, 0.2, 1e-5, 3, true, RdpConversion.IMPROVED);
        DpSgdResult result = new DpSgdTrainer(dp).train(new ScalarBackend(), problem);
        LinearModel model = LinearModel.of(List.of("a", "b"), null, result.parameters(), 0);
        double[] pred = new double[x.rows()];
        String[] sex = new String[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            pred[i] = model.predict(new double[] {x.get(i, 0), x.get(i, 1)});
            sex[i] = i % 3 == 0 ? "F" : "M";
        }
        FairnessReport fairness = FairnessAnalyzer.analyze("sex", y, pred, sex, new BootstrapSettings(50, 1, 0.95));
        LinearShap shap = LinearShap.fit(model, x);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("solver", "DP-SGD");
        settings.put("lambda", "0.1");
        return new ModelCard(
                new ModelCard.Details("test model", "1", "2026-01-01", "java-scalar", Provenance.cpuDescription(),
                        "ridge regression (linear)", "model.json", Sha256.of(new byte[] {1, 2, 3})),
                IntendedUse.defaults(),
                new ModelCard.DataInfo("train", file, sha, x.rows(), x.rows(), List.of("a", "b"), "y", List.of("none"),
                        "all rows"),
                new ModelCard.Training(settings, 3),
                List.of(ModelCard.MetricEntry.point("mse", "train", x.rows(), null, "training", fairness.overall().mse())),
                new ModelCard.Fairness("train", List.of(fairness), null),
                PrivacyInfo.of(dp, result),
                new ModelCard.Explanation(shap.base(), "the training rows",
                        CoefficientTable.of(model, shap.meanAbsolutePhi(x))),
                Provenance.capture(Instant.parse("2026-01-01T00:00:00Z"), "ridgeline train", Map.of("jackson", "2.20.0")),
                List.of(new ModelCard.PlotLink("Importance", "importance.png")), List.of(WARNING));
    }

    private static final String WARNING = "training stopped at --epochs 5 before its gradient norm fell to --tol";

    /**
     * The card writes each disparity's groups and values under their own names, by hand: group a has y = 1, 2, 3
     * and predictions 1, 3, 2 (MSE 2/3), group b y = 4, 6, 8 and predictions 6, 6, 6 (MSE 8/3), so the MSE
     * disparity has minGroup a (min 2/3), maxGroup b (max 8/3), difference 2 and ratio 1/4.
     */
    @Test
    void theDisparityNamesTheLowestAndHighestGroupByHand() {
        FairnessReport r = FairnessAnalyzer.analyze("g", new float[] {1, 2, 3, 4, 6, 8}, new double[] {1, 3, 2, 6, 6, 6},
                new String[] {"a", "a", "a", "b", "b", "b"}, BootstrapSettings.none());
        JsonNode mse = null;
        for (JsonNode d : ModelCardJson.fairness(r, "test").get("disparities")) {
            mse = d.get("metric").asText().equals("MSE") ? d : mse;
        }
        assertEquals("a", mse.get("minGroup").asText());
        assertEquals("b", mse.get("maxGroup").asText());
        assertEquals(2.0 / 3, mse.get("min").asDouble(), 1e-12);
        assertEquals(8.0 / 3, mse.get("max").asDouble(), 1e-12);
        assertEquals(2.0, mse.get("difference").asDouble(), 1e-12);
        assertEquals(0.25, mse.get("ratio").asDouble(), 1e-12);
    }
}
