package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.card.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the model card of a {@code train} run states about how the model was trained. */
class TrainCardTest {
    @TempDir
    Path dir;

    private static JsonNode card(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
    }

    @Test
    void theCardNamesTheVersionOfEveryLibraryItLists() throws Exception {
        Path out = dir.resolve("plain");
        CliRun r = CliRun.of("train", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode libraries = card(out).at("/provenance/libraries");
        // The card's time is the model's (it had taken its own clock, seconds later).
        String created = new ObjectMapper().readTree(out.resolve("model.json").toFile()).at("/model/provenance/created")
                .asText();
        assertEquals(created, card(out).at("/provenance/created").asText());
        assertEquals(created.substring(0, 10), card(out).at("/modelDetails/date").asText());
        for (String name : new String[] {"picocli", "jackson-databind", "xchart", "jcuda", "fastcsv", "fastdoubleparser"}) {
            assertTrue(libraries.path(name).asText().matches("\\d+\\.\\d+\\.\\d+.*"), name + ": " + libraries);
        }
        assertEquals("unknown", CardAssembler.mavenVersion("org.example", "absent"));
    }

    /**
     * The embedded table's source and licence are known, so its cards (train's and tune's) state them; the
     * author's own statement wins, and a file of the user's data has none unless its author states one.
     */
    @Test
    void theEmbeddedDataSourceAndLicenceAreStatedUnlessTheAuthorStatesTheirs() throws Exception {
        Path train = dir.resolve("train");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", train.toString()).code());
        assertTrue(card(train).at("/data/source").asText().startsWith("Efron, Hastie, Johnstone and Tibshirani (2004)"));
        assertEquals("distributed with scikit-learn under BSD-3-Clause (the authors of the data stated no licence)", card(train).at("/data/license").asText());
        assertEquals("Not stated by the model's author.", card(train).at("/modelDetails/license").asText());
        Path tune = dir.resolve("tune");
        assertEquals(0, CliRun.of("tune", "--lambdas", "3", "--folds", "2", "--solver", "exact", "--out",
                tune.toString()).code());
        assertEquals(card(train).at("/data/source"), card(tune).at("/data/source"));

        Path author = Files.writeString(dir.resolve("author.json"), "{\"dataSource\": \"our copy, 2026 extract\","
                + " \"owners\": \"Data team\"}");
        Path stated = dir.resolve("stated");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--intended-use", author.toString(), "--out",
                stated.toString()).code());
        assertEquals("our copy, 2026 extract", card(stated).at("/data/source").asText());
        assertEquals("distributed with scikit-learn under BSD-3-Clause (the authors of the data stated no licence)", card(stated).at("/data/license").asText());
        assertTrue(Files.readString(stated.resolve("model-card.md")).contains("- **Owners:** Data team\n"));

        // A copy of the table in a file is the same data, known by its SHA-256 (not by its name).
        Path copy = dir.resolve("copy.csv");
        try (var in = dev.ridgeline.data.EmbeddedData.class.getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            Files.write(copy, in.readAllBytes());
        }
        Path copied = dir.resolve("copied");
        assertEquals(0, CliRun.of("train", "--data", copy.toString(), "--target", "progression", "--solver", "exact",
                "--out", copied.toString()).code());
        assertEquals(card(train).at("/data/source"), card(copied).at("/data/source"));

        Path csv = dir.resolve("own.csv");
        Files.writeString(csv, "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n5,9.8\n");
        Path own = dir.resolve("own");
        assertEquals(0, CliRun.of("train", "--data", csv.toString(), "--target", "y", "--validation", "0", "--solver",
                "exact", "--out", own.toString()).code());
        assertEquals("Not stated by the model's author.", card(own).at("/data/source").asText());
    }

    /** A stratified split is named as such in train's and tune's cards (both had said "seeded random split"). */
    @Test
    void aStratifiedSplitIsNamedInTheCard() throws Exception {
        Path train = dir.resolve("train");
        CliRun r = CliRun.of("train", "--stratify", "sex", "--seed", "3", "--out", train.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(train.resolve("model-card.md")).contains("seeded random split stratified by sex"
                + " (seed 3): "), Files.readString(train.resolve("model-card.md")));
        Path tune = dir.resolve("tune");
        r = CliRun.of("tune", "--stratify", "sex", "--test", "0.25", "--seed", "3", "--lambdas", "1,10", "--out",
                tune.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(tune.resolve("model-card.md")).contains("seeded random split stratified by sex"
                + " (seed 3): "), Files.readString(tune.resolve("model-card.md")));
        Path plain = dir.resolve("plain-split");
        r = CliRun.of("train", "--seed", "3", "--out", plain.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(plain.resolve("model-card.md")).contains("seeded random split (seed 3): "));
    }

    @Test
    void aDpCardListsTheSettingsOfDpSgdAndNoneOfThePlainTrainer() throws Exception {
        Path out = dir.resolve("dp");
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2",
                "--dp-clip", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode settings = card(out).at("/training/settings");
        for (String plain : TrainCommand.NOT_FOR_DP) {
            assertFalse(settings.has(plain), plain + " did not train this model: " + settings);
        }
        assertFalse(settings.has("epochs run") || settings.has("stop reason") || settings.has("training loss"),
                settings.toString());
        assertEquals("dp-sgd", settings.get("method").asText());
        // Numbers as typed, or as the help writes their defaults: the card reads like the command.
        assertEquals("100", settings.get("--dp-clip").asText());
        assertEquals("2", settings.get("--dp-epochs").asText());
        assertEquals("1e-5", settings.get("--dp-delta").asText());
        assertEquals("1.0", settings.get("--lambda").asText());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("| method | dp-sgd |") && !md.contains("| --solver |"), md);
        assertTrue(md.contains("| --seed | 42 |") && !md.contains("| seed |"), "one seed row: " + md);
    }

    /** The noise multiplier a --dp run used is in its settings also when --dp-noise was left out (it was missing). */
    @Test
    void aDpCardNamesTheNoiseMultiplierUsed() throws Exception {
        Path out = dir.resolve("dp-default");
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-epochs", "1", "--dp-clip", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode settings = card(out).at("/training/settings");
        assertEquals("1.0", settings.get("--dp-noise").asText());
        java.util.List<String> names = new java.util.ArrayList<>();
        settings.fieldNames().forEachRemaining(names::add);
        assertEquals(names.indexOf("--dp") + 1, names.indexOf("--dp-noise"), names.toString());
        assertTrue(Files.readString(out.resolve("model-card.md")).contains("| --dp-noise | 1.0 |"));

        Path solved = dir.resolve("dp-epsilon");
        r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-epsilon", "8", "--dp-epochs", "1", "--dp-clip", "100", "--out",
                solved.toString());
        assertEquals(0, r.code(), r.err());
        settings = card(solved).at("/training/settings");
        assertFalse(settings.has("--dp-noise"), "not passed back beside --dp-epsilon, which it would contradict");
        double sigma = card(solved).at("/privacy/noiseMultiplier").asDouble();
        assertTrue(sigma > 0 && sigma != 1.0, "solved: " + sigma);
        String used = settings.get("noise multiplier used").asText();
        assertTrue(used.endsWith(" (solved from --dp-epsilon)"), used);
        // Rounded up, so that passed back as --dp-noise it meets the target: 354 training rows, batch 64, 1 epoch.
        double shown = Double.parseDouble(used.substring(0, used.indexOf(' ')));
        assertTrue(shown >= sigma && shown <= sigma * (1 + 1e-5), used + " for " + sigma);
        assertTrue(dev.ridgeline.privacy.RdpAccountant.dpSgd(354, 64, shown, 1, 1e-5,
                dev.ridgeline.privacy.RdpConversion.IMPROVED).epsilon() <= 8, used);
    }

    /**
     * List options are recorded as the command line writes them (they were "[code]", which names a column
     * '[code]', and "[grade, band, code]" for a name holding a comma), so a value copied back trains the same model.
     */
    @Test
    void listSettingsAreRecordedAsTheCommandLineTakesThemBack() throws Exception {
        Path csv = dir.resolve("mix.csv");
        StringBuilder s = new StringBuilder("id,\"grade, band\",code,x,y\n");
        for (int i = 0; i < 60; i++) {
            int grade = i % 3;
            int code = 10 + i % 4;
            double x = (i * 7 % 13) / 3.0;
            s.append(1000 + i).append(',').append(grade).append(',').append(code).append(',').append(x).append(',')
                    .append(2 * x + (grade == 1 ? 5 : 0) + (code == 12 ? -3 : 0) + (i % 5) * 0.1).append('\n');
        }
        Files.writeString(csv, s.toString());
        Path first = dir.resolve("first");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--ignore", " id", "--categorical",
                "\"grade, band\",code", "--solver", "exact", "--out", first.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode settings = card(first).at("/training/settings");
        assertEquals("id", settings.get("--ignore").asText());
        assertEquals("\"grade, band\",code", settings.get("--categorical").asText());
        assertTrue(Files.readString(first.resolve("model-card.md")).contains("| --categorical | \"grade, band\",code |"));
        Path again = dir.resolve("again");
        r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--ignore", settings.get("--ignore").asText(),
                "--categorical", settings.get("--categorical").asText(), "--solver", "exact", "--out", again.toString());
        assertEquals(0, r.code(), r.err());
        var one = dev.ridgeline.model.LinearModel.load(first.resolve("model.json"));
        var two = dev.ridgeline.model.LinearModel.load(again.resolve("model.json"));
        assertEquals(8, one.featureNames().size(), one.featureNames().toString());
        assertEquals(one.featureNames(), two.featureNames());
        assertTrue(java.util.Arrays.equals(one.coefficients(), two.coefficients()));
        assertEquals(one.intercept(), two.intercept());

        Path tune = dir.resolve("tune");
        r = CliRun.of("tune", "--lambdas", "1", "--folds", "3", "--learning-rates", "0.1, 0.05", "--learning-rates",
                "0.2", "--out", tune.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("0.1,0.05,0.2", card(tune).at("/training/settings").get("--learning-rates").asText());
    }

    @Test
    void aDpRunWritesNoEmptyLossPlotAndTheCardLinksNone() throws Exception {
        Path out = dir.resolve("dp");
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-noise", "1.1", "--dp-epochs", "1", "--dp-clip", "100",
                "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode files = new ObjectMapper().readTree(r.out()).get("files");
        assertFalse(files.toString().contains(TrainArtifacts.LOSS), files.toString());
        assertTrue(files.toString().contains(TrainArtifacts.PREDICTED), files.toString());
        assertFalse(Files.exists(out.resolve(TrainArtifacts.LOSS)));
        assertFalse(Files.readString(out.resolve("model-card.md")).contains(TrainArtifacts.LOSS));
        assertFalse(card(out).at("/plots").toString().contains(TrainArtifacts.LOSS));
    }

    @Test
    void aPlainCardListsTheTrainersSettingsAndNoDpSettings() throws Exception {
        Path out = dir.resolve("plain");
        CliRun r = CliRun.of("train", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode settings = card(out).at("/training/settings");
        assertEquals("gd", settings.get("--solver").asText());
        assertTrue(settings.has("epochs run") && settings.has("stop reason"), settings.toString());
        settings.fieldNames().forEachRemaining(name -> assertFalse(name.startsWith("--dp"), name));
        assertTrue(Files.size(out.resolve(TrainArtifacts.LOSS)) > 1000);
    }

    @Test
    void anExactCardListsNoneOfTheGradientSettingsAndAGdCardNoBatchSize() throws Exception {
        Path exact = dir.resolve("exact");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", exact.toString()).code());
        JsonNode settings = card(exact).at("/training/settings");
        for (String stepSetting : TrainerOptions.NOT_FOR_EXACT) {
            assertFalse(settings.has(stepSetting), stepSetting + " did not train this model: " + settings);
        }
        assertFalse(settings.has("epochs run"), settings.toString());
        assertEquals("exact", settings.get("--solver").asText());
        assertTrue(settings.get("method").asText().startsWith("exact: the normal equations"), settings.toString());
        Path gd = dir.resolve("gd");
        assertEquals(0, CliRun.of("train", "--out", gd.toString()).code());
        settings = card(gd).at("/training/settings");
        assertFalse(settings.has("--batch-size"), settings.toString());
        assertFalse(settings.has("--plateau"), settings.toString());
        assertTrue(settings.has("--lr") && settings.has("--epochs") && settings.has("--tol"), settings.toString());
        Path sgd = dir.resolve("sgd");
        assertEquals(0, CliRun.of("train", "--solver", "sgd", "--epochs", "3", "--out", sgd.toString()).code());
        assertEquals("32", card(sgd).at("/training/settings/--batch-size").asText());
        assertEquals("10", card(sgd).at("/training/settings/--plateau").asText());
        assertEquals("0", card(sgd).at("/training/settings/step halvings").asText(), "3 epochs: no plateau yet");
        assertFalse(card(gd).at("/training/settings").has("step halvings"));
    }

    /**
     * --bootstrap sets the intervals of the card's overall metrics with or without --sensitive, so the card
     * lists it (it was left out without --sensitive, beside intervals it had made).
     */
    @Test
    void theCardListsTheBootstrapThatMadeItsMetricIntervals() throws Exception {
        Path plain = dir.resolve("plain");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--out", plain.toString()).code());
        assertEquals("1000", card(plain).at("/training/settings/--bootstrap").asText());
        // The exact solve's loss plot is one point, and its caption says so rather than "per epoch".
        assertTrue(Files.readString(plain.resolve("model-card.md"))
                .contains("![Loss (one point: no epochs to plot)](loss.png)"));
        JsonNode mse = card(plain).at("/metrics/0");
        assertEquals("MSE", mse.get("name").asText());
        assertTrue(mse.get("ciLow").isNumber() && mse.get("ciLow").asDouble() < mse.get("value").asDouble(),
                mse.toString());
        // The same in keys a program reads without parsing the words.
        assertEquals("mse", mse.get("metric").asText());
        assertEquals("validation", mse.get("rows").asText());
        assertEquals(88, mse.get("count").asInt());
        assertTrue(mse.get("weightedBy").isNull(), mse.toString());
        assertEquals(0.95, mse.get("level").asDouble());
        Path none = dir.resolve("none");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--bootstrap", "0", "--out", none.toString()).code());
        assertEquals("0", card(none).at("/training/settings/--bootstrap").asText());
        assertTrue(card(none).at("/metrics/0/ciLow").isNull(), card(none).at("/metrics/0").toString());
        assertTrue(card(none).at("/metrics/0/level").isNull(), card(none).at("/metrics/0").toString());
        Path weighted = dir.resolve("weighted");
        assertEquals(0, CliRun.of("train", "--solver", "exact", "--weights", "s4", "--out", weighted.toString()).code());
        JsonNode r2 = card(weighted).at("/metrics/3");
        assertEquals("R2 (weighted by 's4')", r2.get("name").asText());
        assertEquals("r2", r2.get("metric").asText());
        assertEquals("s4", r2.get("weightedBy").asText());
    }

    /**
     * An R2 that no resample defines (a target equal on every evaluation row) has no interval: the card gave its
     * entry level 0.95 beside null bounds, where an entry without an interval has a null level, and its Markdown
     * says "not estimated".
     */
    @Test
    void anUndefinedR2HasNoIntervalAndNoLevel() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(".5,7\n");
        }
        Path data = Files.writeString(dir.resolve("flat.csv"), csv);
        Path out = dir.resolve("flat");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode mse = card(out).at("/metrics/0");
        assertEquals(0.95, mse.get("level").asDouble(), mse.toString());
        JsonNode r2 = card(out).at("/metrics/3");
        assertEquals("r2", r2.get("metric").asText());
        assertTrue(r2.get("value").isNull(), r2.toString());
        assertTrue(r2.get("ciLow").isNull() && r2.get("ciHigh").isNull(), r2.toString());
        assertTrue(r2.get("level").isNull(), r2.toString());
    }

    @Test
    void rowsOfWeightZeroAreCountedAsTheFairnessSectionCountsThem() throws Exception {
        StringBuilder csv = new StringBuilder("x,g,w,y\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i % 13).append(',').append(i % 2 == 0 ? "a" : "b").append(',').append(i % 3 == 0 ? 0 : 1)
                    .append(',').append(2 * (i % 13) + i % 5).append('\n');
        }
        Path data = Files.writeString(dir.resolve("zero-weights.csv"), csv);
        Path out = dir.resolve("zero-weights");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--weights", "w", "--sensitive", "g",
                "--solver", "exact", "--bootstrap", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode metric = card(out).at("/metrics/0");
        int rows = metric.get("count").asInt();
        int weighing = card(out).at("/fairness/0/overall/count").asInt();
        assertTrue(weighing < rows, card(out).toString());
        String count = rows + ", " + weighing + " of weight above 0";
        assertEquals("validation rows (" + count + ")", metric.get("split").asText());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("| validation rows (" + count + ") |"), md);
        assertTrue(md.contains("Computed on the validation rows (" + count + ", held out from training)"), md);
        assertTrue(r.out().contains("fairness   by g on the validation rows (" + count + ")"), r.out());
    }

    @Test
    void theCardNamesTheFairnessRowsAndShowsMitigationOnHeldOutRows() throws Exception {
        Path out = dir.resolve("mitigated");
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--mitigate", "--bootstrap", "0", "--solver", "exact",
                "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode card = card(out);
        assertEquals("validation", card.at("/fairness/0/rows").asText());
        JsonNode train = card.at("/mitigation/outcomes/0");
        JsonNode held = card.at("/mitigation/outcomes/1");
        assertEquals("train", train.get("rows").asText());
        assertEquals("validation", held.get("rows").asText());
        assertEquals(doc.at("/mitigation/train/worst_group_mse_after").asDouble(), train.get("worstGroupMseAfter").asDouble());
        assertEquals(doc.at("/mitigation/validation/worst_group_mse_before").asDouble(),
                held.get("worstGroupMseBefore").asDouble());
        assertEquals(doc.at("/mitigation/validation/overall_mse_after").asDouble(), held.get("overallMseAfter").asDouble());
        assertEquals(2, card.at("/mitigation/groupWeights").size());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("Computed on the validation rows (88, held out from training)."), md);
        assertTrue(md.contains("### Mitigation") && md.contains("| validation | "), md);
        // On this split mitigation lowers the worst group's training MSE but raises it on the validation rows.
        assertTrue(held.get("worstGroupMseAfter").asDouble() > held.get("worstGroupMseBefore").asDouble(), held.toString());
        assertTrue(md.contains("**On the held-out validation rows mitigation made the worst group's MSE worse**"), md);
    }

    @Test
    void withoutAHoldoutTheCardSaysTheFairnessFiguresAreInSample() throws Exception {
        Path out = dir.resolve("in-sample");
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--mitigate", "--mitigate-rounds", "3", "--bootstrap", "0",
                "--solver", "exact", "--holdout", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode card = card(out);
        assertEquals("train", card.at("/fairness/0/rows").asText());
        assertEquals(1, card.at("/mitigation/outcomes").size());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("Computed on the training rows (442): nothing was held out, so these are in-sample"), md);
        assertTrue(md.contains("No rows were held out, so how mitigation does on new data is unknown."), md);
    }

    @Test
    void withoutMitigationTheCardsMitigationIsNull() throws Exception {
        Path out = dir.resolve("plain");
        assertEquals(0, CliRun.of("train", "--sensitive", "sex", "--bootstrap", "0", "--out", out.toString()).code());
        assertTrue(card(out).get("mitigation").isNull());
        assertFalse(Files.readString(out.resolve("model-card.md")).contains("### Mitigation"));
    }

    /** A run that stopped at --epochs before --tol: the card carries the warning that standard error showed. */
    @Test
    void theCardCarriesTheRunsWarnings() throws Exception {
        Path out = dir.resolve("short");
        CliRun r = CliRun.of("train", "--epochs", "5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode warnings = card(out).at("/warnings");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).asText().startsWith("training stopped at --epochs 5 before"), warnings.toString());
        assertTrue(r.err().contains("ridgeline: warning: " + warnings.get(0).asText()), r.err());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("The run that trained this model warned:\n\n- " + warnings.get(0).asText()), md);

        Path quiet = dir.resolve("quiet");
        assertEquals(0, CliRun.of("train", "--out", quiet.toString()).code());
        assertEquals(0, card(quiet).at("/warnings").size());
        assertTrue(Files.readString(quiet.resolve("model-card.md")).contains("None: the run that trained this model "
                + "gave no warning."));
    }

    /**
     * Validation rows that chose the stopping epoch give optimistic figures: the card says so and adds the test
     * rows' figures; with nothing held out the card names no split.
     */
    @Test
    void theCardsMetricsSayWhichRowsChoseTheModelAndGiveTheTestRows() throws Exception {
        Path out = dir.resolve("early");
        CliRun r = CliRun.of("train", "--patience", "3", "--test", "0.2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("early_stopped", new ObjectMapper().readTree(out.resolve("metrics.json").toFile())
                .get("stop_reason").asText(), "the labels below hold for an early stop");
        JsonNode metrics = card(out).at("/metrics");
        assertEquals(8, metrics.size(), metrics.toString());
        assertTrue(metrics.get(0).get("split").asText().startsWith("validation rows (")
                && metrics.get(0).get("split").asText().contains("they chose the weights kept"), metrics.toString());
        JsonNode testMse = metrics.get(4);
        assertEquals("MSE", testMse.get("name").asText());
        assertEquals("test", testMse.get("rows").asText());
        JsonNode report = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        int testRows = report.at("/metrics/test/rows").asInt();
        assertEquals("test rows (" + testRows + ")", testMse.get("split").asText());
        assertEquals(report.at("/metrics/test/mse").asDouble(), testMse.get("value").asDouble(), 1e-9 * testMse.get("value").asDouble());

        Path fair = dir.resolve("fair");
        assertEquals(0, CliRun.of("train", "--patience", "3", "--sensitive", "sex", "--bootstrap", "0", "--out",
                fair.toString()).code());
        assertEquals("early_stopped", new ObjectMapper().readTree(fair.resolve("metrics.json").toFile())
                .get("stop_reason").asText(), "the fairness label below holds for an early stop");
        assertTrue(card(fair).at("/fairnessRowsChoseStoppingEpoch").asBoolean());
        assertTrue(Files.readString(fair.resolve("model-card.md")).contains("Early stopping (--patience) chose the "
                + "weights kept on these rows"));
        Path plain = dir.resolve("plain-fair");
        assertEquals(0, CliRun.of("train", "--sensitive", "sex", "--bootstrap", "0", "--out", plain.toString()).code());
        assertFalse(card(plain).at("/fairnessRowsChoseStoppingEpoch").asBoolean());

        Path all = dir.resolve("all");
        assertEquals(0, CliRun.of("train", "--holdout", "0", "--out", all.toString()).code());
        assertEquals("none: every row trained the model (nothing held out)", card(all).at("/data/split").asText());
        assertEquals("training rows (442, no holdout: in-sample, they trained the model, so these figures are"
                + " optimistic)", card(all).at("/metrics").get(0).get("split").asText());
    }

    /** --missing drop: the card counts the rows read and those dropped, as the warning does. */
    @Test
    void theCardCountsTheRowsDroppedForMissingValues() throws Exception {
        Path csv = dir.resolve("gaps.csv");
        StringBuilder rows = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 60; i++) {
            rows.append(i % 9 == 0 ? "" : Integer.toString(i % 7)).append(',').append(i % 5).append(',')
                    .append(i % 11).append('\n');
        }
        Files.writeString(csv, rows);
        Path out = dir.resolve("dropped");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--missing", "drop", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode data = card(out).at("/data");
        assertEquals(53, data.get("rows").asInt());
        assertEquals(60, data.get("rowsRead").asInt());
        assertTrue(Files.readString(out.resolve("model-card.md"))
                .contains("- **Rows:** 53 (of 60 read: 7 with a missing value dropped)"));
    }

    /**
     * The card names the model file it describes by its SHA-256, the learning rate --lr auto chose and the
     * training loss, and leaves out settings that shaped nothing (--sensitive-bins on a two-valued column).
     */
    @Test
    void theCardTiesItselfToItsModelFileAndListsOnlySettingsThatMattered() throws Exception {
        Path out = dir.resolve("tied");
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--bootstrap", "40", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode card = card(out);
        assertEquals("model.json", card.at("/modelDetails/modelFile").asText());
        assertEquals(Sha256.of(out.resolve("model.json")), card.at("/modelDetails/modelSha256").asText());
        JsonNode settings = card.at("/training/settings");
        JsonNode report = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(String.format(Locale.ROOT, "%.6g", report.get("learning_rate").asDouble()),
                settings.get("learning rate used").asText());
        assertTrue(settings.get("training loss").asText().startsWith(
                String.format(Locale.ROOT, "%.10g", report.get("loss").asDouble())), settings.toString());
        assertFalse(settings.has("--sensitive-bins"), "sex has two values, nothing was binned: " + settings);
        assertTrue(settings.has("--bootstrap"), settings.toString());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("- **Model file:** `model.json` (SHA-256 `" + card.at("/modelDetails/modelSha256").asText()
                + "`)"), md);
    }

    /**
     * --missing mean: the card says what was put in place of the missing values, column by column; not for the
     * constant column k, dropped in fitting (its fill, 7, had been listed beside the note that it was dropped).
     */
    @Test
    void theCardGivesTheImputedValues() throws Exception {
        Path csv = dir.resolve("imputed.csv");
        Files.writeString(csv, "a,k,c,y\n1,7,r,2\n,7,g,3\n3,,,4\n4,7,r,5\n5,7,g,7\n6,7,r,8\n7,7,g,9\n8,7,r,11\n9,7,g,12\n"
                + "10,7,r,13\n");
        Path out = dir.resolve("imputed");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--missing", "mean", "--holdout", "0",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode steps = card(out).at("/data/preprocessing");
        assertTrue(steps.get(0).asText().endsWith("; the values: a 5.88889, c 'r'"), steps.toString());
        assertTrue(steps.toString().contains("'k'"), "the drop is noted: " + steps);
    }
}
