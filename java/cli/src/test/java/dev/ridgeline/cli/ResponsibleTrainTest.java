package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ridgeline.card.PrivacyInfo;
import dev.ridgeline.card.Sha256;
import dev.ridgeline.privacy.RdpAccountant;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} with --sensitive, --mitigate and --dp: report sections, JSON keys, and the model card in the output folder. */
class ResponsibleTrainTest {
    @TempDir
    Path dir;

    /** --sensitive-bins is read only for a numeric column of many values; otherwise the run says it did nothing. */
    /** DP-SGD watches no loss while it runs: a run that ends above its starting loss is warned about. */
    @Test
    void aDpRunThatEndsAboveItsStartingLossIsWarnedAbout() {
        CliRun rising = CliRun.of("train", "--dp", "--dp-seeded", "--dp-batch", "96", "--dp-epochs", "50", "--dp-clip", "1e6",
                "--dp-lr", "1", "--no-output");
        assertEquals(0, rising.code(), rising.err());
        assertTrue(rising.err().contains("ridgeline: warning: DP-SGD ended at a training loss of"), rising.err());
        CliRun plain = CliRun.of("train", "--dp", "--dp-seeded", "--no-output");
        assertEquals(0, plain.code(), plain.err());
        assertFalse(plain.err().contains("DP-SGD ended at a training loss"), plain.err());
    }

    @Test
    void sensitiveBinsThatBinNoColumnAreWarnedAbout() {
        CliRun sex = CliRun.of("train", "--sensitive", "sex", "--sensitive-bins", "3", "--bootstrap", "0", "--no-output");
        assertEquals(0, sex.code(), sex.err());
        assertTrue(sex.err().contains("ridgeline: warning: --sensitive-bins does nothing here: no --sensitive column is "
                + "numeric with more than 10 distinct values"), sex.err());
        CliRun age = CliRun.of("train", "--sensitive", "age", "--sensitive-bins", "3", "--bootstrap", "0", "--no-output");
        assertEquals(0, age.code(), age.err());
        assertFalse(age.err().contains("--sensitive-bins does nothing"), age.err());
        assertTrue(age.out().contains("fairness   by age"), age.out());
    }

    /** s4 has many tied values: 6 quantile bins asked give 5, one of 2 rows; a warning says so. */
    @Test
    void tiedQuantilesThatMergeBinsAreWarnedAbout() {
        CliRun tied = CliRun.of("train", "--sensitive", "s4", "--sensitive-bins", "6", "--bootstrap", "0",
                "--no-output");
        assertEquals(0, tied.code(), tied.err());
        assertTrue(tied.err().contains("ridgeline: warning: sensitive column 's4': 6 quantile bins asked, 5 made"),
                tied.err());
        CliRun age = CliRun.of("train", "--sensitive", "age", "--bootstrap", "0", "--no-output");
        assertFalse(age.err().contains("quantile bins asked"), age.err());
    }

    /**
     * The float32 target-range check names the training mean of the targets; under --dp that mean is not
     * released, and DP-SGD fits the targets unshifted, so the check (whose error published the mean) is not run.
     */
    @Test
    void dpDoesNotPublishTheTargetMeanInARangeError() throws Exception {
        Path csv = dir.resolve("far.csv");
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            rows.append(i % 7).append(',').append(i % 5).append('\n');
        }
        Files.writeString(csv, rows.append("0.5,3e18\n"));
        CliRun plain = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--no-output");
        assertEquals(Main.EXIT_DATA, plain.code());
        assertTrue(plain.err().contains("from the training mean 5.88235e+16"), plain.err());
        CliRun dp = CliRun.of("train", "--data", csv.toString(), "--target", "y", "--holdout", "0", "--dp", "--dp-seeded",
                "--dp-noise", "1", "--no-output");
        assertFalse(dp.err().contains("training mean"), dp.err());
        assertFalse(dp.err().contains("5.88"), dp.err());
        // Nor the slow-steps warning, which quotes features' mean squares (unscaled diabetes: s1's is 3.70e+04).
        CliRun unscaled = CliRun.of("train", "--scale", "none", "--dp", "--dp-seeded", "--dp-noise", "1", "--no-output");
        assertEquals(0, unscaled.code(), unscaled.err());
        assertFalse(unscaled.err().contains("mean squares"), unscaled.err());
    }

    @Test
    void sensitiveColumnGivesGroupTablesAndACardWithEverySection() throws Exception {
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--bootstrap", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fairness   by sex on the validation rows (88)"), r.out());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        for (String key : new String[] {"modelDetails", "intendedUse", "data", "training", "metrics", "fairness",
            "privacy", "explanation", "provenance", "plots"}) {
            assertTrue(card.has(key), key);
        }
        byte[] embedded;
        try (InputStream in = getClass().getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            embedded = in.readAllBytes();
        }
        assertEquals(Sha256.of(embedded), card.at("/data/sha256").asText());
        assertEquals(2, card.at("/fairness/0/groups").size());
        double mseP = card.at("/fairness/0/disparities/0/permutationP").asDouble(Double.NaN);
        assertEquals("MSE", card.at("/fairness/0/disparities/0/metric").asText());
        assertTrue(mseP >= 1.0 / 101 && mseP <= 1, "permutation p from 100 relabellings: " + mseP);
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "(permutation p %.3f)", mseP)), r.out());
        assertFalse(card.at("/privacy/guaranteed").asBoolean());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("no formal privacy guarantee"), md);
        assertTrue(md.contains("![Error by sex](groups-sex.png)"), md);
        assertTrue(md.contains("| Difference [resampled] | Permutation p |") && md.contains("100 random relabellings"), md);
        assertTrue(Files.size(out.resolve("groups-sex.png")) > 1000);
        assertTrue(md.contains("## Fairness") && md.contains("## Explanation") && md.contains("## Provenance"), md);
        assertTrue(Files.size(out.resolve("model.json")) > 0, "the card sits beside the model in the one output folder");
    }

    /**
     * Without --dp-noise or --dp-epsilon the noise multiplier is 1.0, as --help and docs/responsible.md say: the card
     * names it and the accountant's epsilon is the one at noise 1 (354 training rows, q = 50/354, 15 steps).
     */
    @Test
    void dpWithoutANoiseOptionUsesTheDocumentedDefaultOfOne() throws Exception {
        Path out = dir.resolve("dp-default");
        CliRun r = CliRun.of("train", "--dp", "--dp-batch", "50", "--dp-epochs", "2", "--dp-clip", "100", "--json",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertEquals(1.0, card.at("/privacy/noiseMultiplier").asDouble());
        double expected = new RdpAccountant().step(50.0 / 354, 1.0, 15).spent(1e-5).epsilon();
        assertEquals(expected, card.at("/privacy/epsilon").asDouble(), 1e-12 * expected);
    }

    @Test
    void dpTrainingReportsTheAccountantsEpsilonAndKeepsJsonClean() throws Exception {
        Path out = dir.resolve("dp");
        CliRun r = CliRun.of("train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2",
                "--dp-clip", "100", "--dp-secure-random", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = onlyJsonObject(r.out());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertTrue(card.at("/privacy/guaranteed").asBoolean());
        // 354 training rows, q = 50/354, steps = ceil(2 / q) = 15
        double expected = new RdpAccountant().step(50.0 / 354, 1.1, 15).spent(1e-5).epsilon();
        assertEquals(expected, card.at("/privacy/epsilon").asDouble(), 1e-12 * expected);
        assertEquals(15, card.at("/privacy/steps").asLong());
        // the same (epsilon, delta) in the one JSON object of the run and in metrics.json
        assertTrue(doc.at("/privacy/guaranteed").asBoolean());
        assertEquals(expected, doc.at("/privacy/epsilon").asDouble(), 1e-12 * expected);
        assertEquals(1e-5, doc.at("/privacy/delta").asDouble());
        assertEquals(doc.get("privacy"), new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("privacy"));
        assertEquals("java-scalar", doc.get("backend").asText());
        assertEquals("dp-sgd", doc.get("solver").asText());
        CliRun text = CliRun.of("train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2", "--dp-seeded",
                "--no-output");
        assertTrue(text.out().contains(String.format(java.util.Locale.ROOT, "privacy    (epsilon = %.4g, delta = 1.00e-05)",
                upTo4(expected))), text.out());
        assertTrue(text.out().contains("neighbouring data: one training row added or removed, the number of training "
                + "rows taken as public, the preprocessing statistics held fixed"), text.out());
        // Seeded (--dp-seeded): the headline gives the accountant's figures, not "differential privacy".
        assertTrue(text.out().contains(String.format(java.util.Locale.ROOT, "privacy    (epsilon = %.4g, delta = 1.00e-05)"
                + " by the accountant (best Renyi order", upTo4(expected))), text.out());
        assertFalse(text.out().contains("-differential privacy"), text.out());
        // SecureRandom without being asked for (the default), and when named.
        CliRun secure = CliRun.of("train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2",
                "--no-output");
        assertTrue(secure.out().contains("delta = 1.00e-05)-differential privacy of the gradient steps"), secure.out());
        CliRun secureRaw = CliRun.of("train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2",
                "--dp-secure-random", "--scale", "none", "--no-output");
        assertTrue(secureRaw.out().contains("delta = 1.00e-05)-differential privacy (best Renyi order"), secureRaw.out());
        // z-scored: the headline says what it holds fixed, in the report, the JSON and the card alike.
        String heldFixed = " of the gradient steps, with the preprocessing fitted on the training rows held fixed"
                + " (zscore scaling; not covered)";
        assertTrue(secure.out().lines().anyMatch(l -> l.startsWith("privacy    (epsilon = ")
                && l.matches(".*-differential privacy" + java.util.regex.Pattern.quote(heldFixed)
                        + "; best Renyi order [0-9.]+")), secure.out());
        assertEquals(String.format(java.util.Locale.ROOT, "(epsilon = %.4g, delta = 1.00e-05)-differential privacy%s",
                upTo4(expected), heldFixed), doc.at("/privacy/statement").asText());
        assertFalse(doc.at("/privacy/covers_raw_rows").asBoolean(), doc.toString());
        assertEquals("[\"zscore scaling\"]", doc.at("/privacy/fitted_preprocessing").toString());
        assertTrue(Files.readString(out.resolve("model-card.md")).contains("-differential privacy" + heldFixed + "**"));
        CliRun raw = CliRun.of("train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2",
                "--dp-clip", "100", "--dp-secure-random", "--scale", "none", "--json", "--no-output");
        JsonNode rawDoc = onlyJsonObject(raw.out());
        assertTrue(rawDoc.at("/privacy/covers_raw_rows").asBoolean(), rawDoc.toString());
        assertTrue(rawDoc.at("/privacy/statement").asText().endsWith("-differential privacy"), rawDoc.toString());
        assertEquals(0, rawDoc.at("/privacy/fitted_preprocessing").size());
        assertTrue(text.out().contains("the fairness figures, the plots of single rows, the data file's hash"), text.out());
    }

    /**
     * --dp-epochs takes a fraction: 0.3 epochs ran 0.3 epochs in expectation (2 steps at q = 64/354), not "1 (max
     * epochs)" as the whole epoch count of the result had it.
     */
    @Test
    void aFractionOfAnEpochIsReportedAsGiven() throws Exception {
        CliRun text = CliRun.of("train", "--dp", "--dp-seeded", "--dp-epochs", "0.3", "--dp-batch", "64", "--no-output");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("epochs     0.3 in expectation (--dp-epochs), learning rate"), text.out());
        assertFalse(text.out().contains("max epochs"), text.out());
        assertTrue(text.out().contains("DP-SGD: 2 steps, sampling rate 0.1808"), text.out());
        JsonNode doc = onlyJsonObject(CliRun.of("train", "--dp", "--dp-seeded", "--dp-epochs", "0.3", "--dp-batch", "64", "--json",
                "--no-output").out());
        assertEquals(0.3, doc.get("epochs").asDouble());
        assertEquals(2, doc.at("/privacy/steps").asLong());
        JsonNode plain = onlyJsonObject(CliRun.of("train", "--json", "--no-output").out());
        assertTrue(plain.get("epochs").isInt(), plain.get("epochs").toString());
        // A whole --dp-epochs stays an integer, as it was before fractions were reported (5, not 5.0).
        JsonNode whole = onlyJsonObject(CliRun.of("train", "--dp", "--dp-seeded", "--json", "--no-output").out());
        assertTrue(whole.get("epochs").isIntegralNumber() && whole.get("epochs").asInt() == 5, whole.get("epochs").toString());
    }

    /** The mean batch and the share of clipped gradients that the text report prints are in --json too. */
    @Test
    void dpJsonHasTheMeanBatchAndTheClippedShareOfTheReport() throws Exception {
        // Seeded, so that the text run draws the JSON run's batches.
        String[] args = {"train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2", "--dp-clip", "100",
            "--dp-seeded", "--no-output"};
        CliRun json = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--json")).toArray(String[]::new));
        assertEquals(0, json.code(), json.err());
        JsonNode privacy = onlyJsonObject(json.out()).get("privacy");
        double meanBatch = privacy.get("mean_batch").asDouble(Double.NaN);
        double clipped = privacy.get("clipped_share").asDouble(Double.NaN);
        assertTrue(meanBatch > 0 && meanBatch <= 354, privacy.toString());
        assertTrue(clipped >= 0 && clipped <= 1, privacy.toString());
        CliRun text = CliRun.of(args);
        assertTrue(text.out().contains(String.format(java.util.Locale.ROOT, "(mean batch %.1f)", meanBatch)), text.out());
        assertTrue(text.out().contains(String.format(java.util.Locale.ROOT, "; %.1f%% of example gradients clipped",
                100 * clipped)), text.out());
        JsonNode plain = onlyJsonObject(CliRun.of("train", "--json", "--no-output").out()).get("privacy");
        assertTrue(plain.get("mean_batch").isNull() && plain.get("clipped_share").isNull(), plain.toString());
    }

    /**
     * DP-SGD trains on the rows as the preprocessing, fitted on them without noise, encodes them: the guarantee
     * holds with those statistics fixed, which a warning and the card say; unscaled numeric columns need none.
     */
    @Test
    void aDpRunOnPreprocessingFittedToTheRowsSaysTheGuaranteeIsConditional() throws Exception {
        Path out = dir.resolve("scaled");
        CliRun scaled = CliRun.of("train", "--dp", "--dp-seeded", "--dp-clip", "100", "--json", "--out", out.toString());
        assertEquals(0, scaled.code(), scaled.err());
        assertTrue(scaled.err().contains("ridgeline: warning: --dp: the (epsilon, delta) holds with the preprocessing"
                + " fixed (zscore scaling, fitted on the training rows without noise)"), scaled.err());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertTrue(card.at("/privacy/covers").asText().contains("this holds with the preprocessing statistics fixed"),
                card.get("privacy").toString());
        assertTrue(card.at("/privacy/notCovered").toString().contains("the training loss"), card.get("privacy").toString());
        CliRun unscaled = CliRun.of("train", "--dp", "--dp-seeded", "--dp-clip", "100", "--scale", "none", "--json", "--no-output");
        assertEquals(0, unscaled.code(), unscaled.err());
        assertFalse(unscaled.err().contains("holds with the preprocessing fixed"), unscaled.err());
        // A fill fitted but applied to no training row (the data has no gap) encodes none of them, but the model
        // file stores it (each column's mean here), computed without noise: named apart.
        CliRun fillUnused = CliRun.of("train", "--dp", "--dp-seeded", "--dp-clip", "100", "--scale", "none", "--missing", "mean",
                "--json", "--no-output");
        assertEquals(0, fillUnused.code(), fillUnused.err());
        assertTrue(fillUnused.err().contains("holds with the preprocessing fixed (the imputation values the model file"
                + " stores, fitted on the training rows without noise)"), fillUnused.err());
        Path gaps = dir.resolve("gaps.csv");
        java.util.List<String> lines;
        try (var in = getClass().getResourceAsStream("/dev/ridgeline/data/diabetes.csv")) {
            lines = new java.util.ArrayList<>(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().toList());
        }
        lines.set(3, lines.get(3).replaceFirst("^[^,]*", "NA"));  // one missing age
        Files.write(gaps, lines);
        CliRun filled = CliRun.of("train", "--data", gaps.toString(), "--dp", "--dp-seeded", "--dp-clip", "1e5", "--scale", "none",
                "--missing", "mean", "--holdout", "0", "--json", "--no-output");
        assertEquals(0, filled.code(), filled.err());
        assertTrue(filled.err().contains("holds with the preprocessing fixed (imputed values, fitted on the training"
                + " rows without noise)"), filled.err());
    }

    @Test
    void aSeededDpRunReportsTheAccountantsFiguresAsNoGuarantee() throws Exception {
        Path out = dir.resolve("seeded");
        CliRun r = CliRun.of("train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2",
                "--dp-clip", "100", "--dp-seeded", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ridgeline: warning: --dp-seeded: sampling and noise come from a generator"
                + " seeded by --seed"), r.err());
        JsonNode doc = onlyJsonObject(r.out());
        double expected = new RdpAccountant().step(50.0 / 354, 1.1, 15).spent(1e-5).epsilon();
        assertFalse(doc.at("/privacy/guaranteed").asBoolean());
        assertTrue(doc.at("/privacy/secure_random").isBoolean() && !doc.at("/privacy/secure_random").asBoolean(), doc.toString());
        assertEquals(expected, doc.at("/privacy/epsilon").asDouble(), 1e-12 * expected);
        assertTrue(doc.at("/privacy/statement").asText().contains("NOT a guarantee"), doc.toString());
        assertTrue(doc.get("warnings").toString().contains("--dp-seeded: sampling and noise"),
                "the JSON lists the warnings that standard error shows: " + doc.get("warnings"));
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("by the accountant, but NOT a guarantee") && md.contains("do not release this model as"
                + " private"), md);
        assertFalse(md.contains(PrivacyInfo.NO_GUARANTEE + "**"), "the DP settings are still shown");
    }

    /**
     * Without --dp-seeded the sampling and noise come from SecureRandom: a plain --dp run is the private release
     * (a default seeded by --seed had let anyone with the card, or the default seed 42, replay the noise), and
     * two runs of the same command draw different noise.
     */
    @Test
    void aPlainDpRunDrawsFromSecureRandom() throws Exception {
        String[] args = {"train", "--dp", "--dp-noise", "1.1", "--dp-batch", "50", "--dp-epochs", "2", "--dp-clip",
            "100", "--scale", "none", "--json", "--no-output"};
        CliRun first = CliRun.of(args);
        CliRun second = CliRun.of(args);
        assertEquals(0, first.code(), first.err());
        assertFalse(first.err().contains("--dp-seeded"), first.err());
        JsonNode a = onlyJsonObject(first.out());
        JsonNode b = onlyJsonObject(second.out());
        assertTrue(a.at("/privacy/secure_random").asBoolean() && a.at("/privacy/guaranteed").asBoolean(), a.toString());
        assertTrue(a.at("/privacy/mechanism").asText().contains("sampling and noise from SecureRandom"), a.toString());
        assertNotEquals(a.get("intercept").asDouble(), b.get("intercept").asDouble(), "the same noise twice");
        assertEquals(a.at("/privacy/epsilon"), b.at("/privacy/epsilon"));
        assertEquals("ridgeline: error: give at most one of --dp-seeded and --dp-secure-random", CliRun.of("train",
                "--dp", "--dp-seeded", "--dp-secure-random", "--no-output").err().lines().findFirst().orElse(""));
    }

    /**
     * The defaults (C = 1) on the embedded data clip every gradient and end far from a fit (validation R2
     * -3.95) with no word beyond the clipped share; a clip near the gradients' size gets no warning.
     */
    @Test
    void aRunThatClippedNearlyEveryGradientIsWarnedAbout() throws Exception {
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        String expected = "100.0% of example gradients were clipped at --dp-clip 1: each step then moves the model by "
                + "at most about --dp-lr x C, so it may end far from a fit; raise --dp-clip towards a typical example "
                + "gradient's norm (docs/responsible.md)";
        assertTrue(r.err().contains("ridgeline: warning: " + expected), r.err());
        assertTrue(onlyJsonObject(r.out()).get("warnings").toString().contains(expected), r.out());
        JsonNode wide = onlyJsonObject(CliRun.of("train", "--dp", "--dp-seeded", "--dp-clip", "1e6", "--json", "--no-output").out());
        assertTrue(wide.at("/privacy/clipped_share").asDouble(Double.NaN) < 0.99, wide.toString());
        assertFalse(wide.get("warnings").toString().contains("were clipped"), wide.toString());
    }

    @Test
    void ratiosAreGivenOnlyForErrorSizesInTheJsonAndTheCard() throws Exception {
        Path out = dir.resolve("ratios");
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--bootstrap", "50", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode sex = onlyJsonObject(r.out()).at("/fairness/attributes/0");
        // on these validation rows both groups' R2 and mean predictions are positive, and still get no ratio
        assertTrue(sex.at("/groups/0/r2").asDouble() > 0 && sex.at("/groups/1/r2").asDouble() > 0, sex.toString());
        String md = Files.readString(out.resolve("model-card.md"));
        String disparities = md.substring(md.indexOf("| Metric | Lowest group |"));
        for (JsonNode d : sex.get("disparities")) {
            String metric = d.get("metric").asText();
            boolean errorSize = metric.equals("MSE") || metric.equals("RMSE") || metric.equals("MAE");
            assertEquals(errorSize, d.get("ratio").isNumber(), d.toString());
            assertEquals(errorSize, d.get("ratio_ci").isObject(), d.toString());
            assertEquals(!errorSize, d.get("ratio_ci").isNull(), "the key is there, null without a ratio: " + d);
            String row = disparities.lines().filter(l -> l.startsWith("| " + metric + " | ")).findFirst().orElseThrow();
            assertEquals(errorSize, !row.endsWith("| n/a |"), row);
        }
        assertTrue(md.contains("given only for MSE, RMSE and MAE, which cannot be negative"), md);
    }

    @Test
    void plainTrainWritesTheCardSayingWhatWasNotAssessed() throws Exception {
        Path out = dir.resolve("plain");
        CliRun r = CliRun.of("train", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = onlyJsonObject(r.out());
        assertTrue(doc.get("fairness").isNull());
        assertTrue(doc.get("mitigation").isNull());
        assertFalse(doc.at("/privacy/guaranteed").asBoolean());
        assertEquals("no formal privacy guarantee", doc.at("/privacy/statement").asText());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("no formal privacy guarantee"), md);
        assertTrue(md.contains("Not assessed: no sensitive attribute was given"), md);
        assertTrue(md.contains("![Loss per epoch](loss.png)"), md);
        assertTrue(md.contains("![Global importance (mean |SHAP|)](importance.png)"), md);
        assertTrue(md.contains("| Feature | Mean abs SHAP | Coefficient (original units) | Coefficient (standardised) |"),
                md);
        assertTrue(md.contains("z-score scaling of every feature"), md);
        assertTrue(md.contains("`ridgeline train --json --out " + out + "`"), md);
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertEquals(0, card.at("/fairness").size());
        assertEquals(442, card.at("/data/rows").asLong());
    }

    @Test
    void fairnessRowsFollowTheSplitAndAreNamed() throws Exception {
        JsonNode validation = onlyJsonObject(CliRun.of("train", "--sensitive", "sex", "--bootstrap", "0", "--json",
                "--no-output").out());
        assertEquals("validation", validation.at("/fairness/rows").asText());
        assertTrue(validation.at("/fairness/attributes/0/disparities/0/permutation_p").isNull(), "no test with --bootstrap 0");
        // Without a bootstrap every interval key is there and null (they had been left out, unlike a one-row group's).
        JsonNode d = validation.at("/fairness/attributes/0/disparities/0");
        assertTrue(d.has("difference_ci") && d.get("difference_ci").isNull() && d.get("ratio_ci").isNull(), d.toString());
        JsonNode g = validation.at("/fairness/attributes/0/groups/0");
        assertTrue(g.has("mse_ci") && g.get("mse_ci").isNull() && g.get("r2_ci").isNull(), g.toString());
        assertGroupsCover(validation.at("/fairness/attributes/0"), 88);
        JsonNode test = onlyJsonObject(CliRun.of("train", "--sensitive", "sex", "--bootstrap", "0", "--holdout", "0",
                "--test", "0.25", "--json", "--no-output").out());
        assertEquals("test", test.at("/fairness/rows").asText());
        assertGroupsCover(test.at("/fairness/attributes/0"), test.at("/metrics/test/rows").asInt());
        CliRun train = CliRun.of("train", "--sensitive", "sex", "age", "--bootstrap", "0", "--holdout", "0", "--no-output");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("fairness   by sex on the training rows (442, no holdout)"), train.out());
        // age has more than 10 distinct values: quantile bins fitted on the training rows, and the intersection
        assertTrue(train.out().contains("fairness   by age on the training rows"), train.out());
        assertTrue(train.out().contains("fairness   by sex x age on the training rows"), train.out());
        // Separated by a comma, as --ignore's list (it had been one column named 'sex,age'): the same report.
        CliRun comma = CliRun.of("train", "--sensitive", "sex,age", "--bootstrap", "0", "--holdout", "0", "--no-output");
        assertEquals(0, comma.code(), comma.err());
        assertEquals(train.out(), comma.out());
    }

    /** The text report has a disparity line for each of the six metrics, as the JSON and the card do. */
    @Test
    void textReportGivesTheDisparityOfEveryMetric() {
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--bootstrap", "40", "--no-output");
        assertEquals(0, r.code(), r.err());
        for (dev.ridgeline.fairness.FairnessMetric m : dev.ridgeline.fairness.FairnessMetric.values()) {
            assertEquals(1, r.out().lines().filter(l -> l.matches(" *(disparity +)?" + m.label() + ": highest .*"))
                    .filter(l -> l.contains("(permutation p ")).count(), m.label() + " in " + r.out());
        }
        assertTrue(r.out().contains("MSE [95% interval]"), r.out());
    }

    /** Without bootstrap resamples the table has no intervals, and its header does not promise any. */
    @Test
    void noBootstrapHeaderPromisesNoInterval() {
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--bootstrap", "0", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("[95% interval]"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("group +rows +MSE +MAE +R2 +mean pred +resid \\(p-y\\)")),
                r.out());
    }

    /**
     * On the rows the model was fitted on, the fit set each group's mean residual near 0 (sex is a feature):
     * relabelling them tested nothing (p 0.999, 1.000 with lambda 0), so no p-value is given, and the report
     * says why; the disparities' brackets are called resampled ranges, not intervals.
     */
    @Test
    void noPermutationPOnTheTrainingRowsAndResampledRangesAreNotCalledIntervals() throws Exception {
        Path out = dir.resolve("in-sample");
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--holdout", "0", "--bootstrap", "50", "--json", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (JsonNode d : json.at("/fairness/attributes/0/disparities")) {
            assertTrue(d.get("permutation_p").isNull(), d.toString());
        }
        assertTrue(Files.readString(out.resolve("model-card.md")).contains("No permutation p-value here"));
        CliRun text = CliRun.of("train", "--sensitive", "sex", "--holdout", "0", "--bootstrap", "50", "--no-output");
        assertTrue(text.out().contains("no permutation p on the training rows"), text.out());
        assertFalse(text.out().contains("permutation p 0"), text.out());
        assertTrue(text.out().contains("difference 465.2, resampled ["), text.out());
        assertEquals("< 0.001", FairnessText.pValue(1.0 / 5001));
        assertEquals("0.001", FairnessText.pValue(0.0009));
    }

    /**
     * A fit that never read the groups leaves the training rows exchangeable under the null, so the p-value is
     * given there: sex left out of the features gets one, age (a feature) and their intersection none; with
     * --mitigate, which weights the rows by group, none. The report had given the feature case's reason ("each
     * group's mean residual near 0") for a column the model never saw.
     */
    @Test
    void onTheTrainingRowsOnlyGroupsTheFitDidNotReadGetAPermutationP() throws Exception {
        CliRun r = CliRun.of("train", "--sensitive", "sex", "age", "--ignore", "sex", "--holdout", "0", "--bootstrap",
                "50", "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        JsonNode attributes = new ObjectMapper().readTree(r.out()).at("/fairness/attributes");
        assertEquals(3, attributes.size());
        for (JsonNode d : attributes.get(0).get("disparities")) {
            double p = d.get("permutation_p").asDouble(Double.NaN);
            assertTrue(p >= 1.0 / 51 && p <= 1, "sex, not a feature: " + d);
        }
        for (int a = 1; a < 3; a++) {
            for (JsonNode d : attributes.get(a).get("disparities")) {
                assertTrue(d.get("permutation_p").isNull(), attributes.get(a).get("attribute") + ": " + d);
            }
        }
        CliRun mitigated = CliRun.of("train", "--sensitive", "sex", "--ignore", "sex", "--mitigate", "--holdout", "0",
                "--bootstrap", "50", "--json", "--no-output");
        assertEquals(0, mitigated.code(), mitigated.err());
        for (JsonNode d : new ObjectMapper().readTree(mitigated.out()).at("/fairness/attributes/0/disparities")) {
            assertTrue(d.get("permutation_p").isNull(), "mitigation weighted the rows by group: " + d);
        }
    }

    @Test
    void mitigationStartsFromThePlainFitOfTheSameRows() throws Exception {
        JsonNode plain = onlyJsonObject(CliRun.of("train", "--json", "--no-output").out());
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--mitigate", "--bootstrap", "0", "--mitigate-rounds", "3",
                "--json", "--no-output");
        assertEquals(0, r.code(), r.err());
        JsonNode m = onlyJsonObject(r.out()).get("mitigation");
        // round 0 is the unweighted fit: the pipeline's plain fit on the same preprocessed training rows. The
        // mitigation scores it on the float32 scaled rows, the pipeline through the double path: 1e-7 relative.
        double plainMse = plain.at("/metrics/train/mse").asDouble();
        assertEquals(plainMse, m.at("/train/overall_mse_before").asDouble(), 1e-7 * plainMse);
        assertTrue(m.at("/train/worst_group_mse_after").asDouble() <= m.at("/train/worst_group_mse_before").asDouble());
        assertTrue(m.has("validation"), m.toString());
        assertEquals(2, m.get("group_weights").size());
    }

    /**
     * The report's table, the label of its loss (the objective under the group weights, which does not compare with
     * a plain run's), and the hint when the last round was the best: the worst group was still falling.
     */
    @Test
    void mitigationPrintsBeforeAndAfter() throws Exception {
        CliRun r = CliRun.of("train", "--sensitive", "sex", "--mitigate", "--bootstrap", "0", "--mitigate-rounds", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\nmitigation bounded group loss by sex: round 5 of 5 chosen (least worst-group MSE;"
                + " the last round, so more --mitigate-rounds may lower it further)\n"), r.out());
        assertTrue(r.out().contains("(objective on the training rows, under --mitigate's group weights of its chosen"
                + " round)\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("group +weight +MSE before +MSE after")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("worst group( +[0-9.]+){2} +\\(validation rows\\)")),
                r.out());
        JsonNode mitigated = onlyJsonObject(CliRun.of("train", "--sensitive", "sex", "--mitigate", "--bootstrap", "0",
                "--mitigate-rounds", "5", "--json", "--no-output").out());
        assertTrue(mitigated.get("loss_under_group_weights").asBoolean(), mitigated.toString());
        JsonNode plain = onlyJsonObject(CliRun.of("train", "--sensitive", "sex", "--bootstrap", "0", "--json",
                "--no-output").out());
        assertFalse(plain.get("loss_under_group_weights").asBoolean(), plain.toString());
        CliRun plainText = CliRun.of("train", "--no-output");
        assertTrue(plainText.out().contains("(objective on the training rows)\n"), plainText.out());
    }

    /**
     * A group that only held-out rows hold: the fit never saw it and mitigation could not weight it, yet it counts
     * in the tables and in mitigation's held-out worst group, so the run names it. Row 1 of diabetes falls in the
     * validation rows under the default seed.
     */
    @Test
    void aGroupWithNoTrainingRowIsNamed() throws Exception {
        Path csv = DiabetesWithColumn.write(dir, "g.csv", "grp", i -> i == 1 ? "Z" : String.valueOf((char) ('A' + i % 4)));
        String[] base = {"train", "--data", csv.toString(), "--target", "progression", "--ignore", "grp",
                "--sensitive", "grp", "--bootstrap", "0", "--no-output"};
        String named = "ridgeline: warning: fairness by grp: group Z has no training row, so the model was fitted"
                + " without it";
        CliRun plain = CliRun.of(base);
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.err().contains(named + "\n"), plain.err());
        assertTrue(plain.out().lines().anyMatch(l -> l.startsWith("Z* ")), "Z (a small group) is in the validation table: " + plain.out());
        CliRun mitigated = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.stream.Stream.of("--mitigate")).toArray(String[]::new));
        assertEquals(0, mitigated.code(), mitigated.err());
        assertTrue(mitigated.err().contains(named + "; --mitigate could not weight it, yet its worst group on the"
                + " validation rows counts it\n"), mitigated.err());
        CliRun inSample = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.stream.Stream.of("--holdout", "0")).toArray(String[]::new));
        assertEquals(0, inSample.code(), inSample.err());
        assertFalse(inSample.err().contains("no training row"), inSample.err());
    }

    private static JsonNode onlyJsonObject(String stdout) throws Exception {
        assertEquals(1, stdout.strip().lines().count(), "one JSON object on one line: " + stdout);
        return new ObjectMapper().readTree(stdout);
    }

    private static void assertGroupsCover(JsonNode report, int rows) {
        assertEquals(rows, report.at("/overall/count").asInt());
        int sum = 0;
        for (JsonNode g : report.get("groups")) {
            sum += g.get("count").asInt();
        }
        assertEquals(rows, sum, "the groups partition the evaluation rows");
    }

    /** A --dp-lr so large that the parameters overflow is a diverged run (exit 4) naming --dp-lr, and writes nothing. */
    @Test
    void dpStepThatOverflowsTheParametersIsADivergedRun() {
        Path out = dir.resolve("diverged");
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-lr", "1e300", "--dp-epochs", "1", "--json", "--out", out.toString());
        assertEquals(Main.EXIT_TRAINING, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ridgeline: error: DP-SGD diverged: after "), r.err());
        assertTrue(r.err().contains("try a smaller --dp-lr"), r.err());
        assertFalse(r.err().contains("less noise"), "the noise (std 1) is not the cause: " + r.err());
        assertFalse(Files.exists(out));
        // A noise std of 1e300 overflows at any rate: the message names it, not the rate alone.
        CliRun noisy = CliRun.of("train", "--dp", "--dp-seeded", "--dp-noise", "1e300", "--dp-epochs", "1", "--no-output");
        assertEquals(Main.EXIT_TRAINING, noisy.code(), noisy.err());
        assertTrue(noisy.err().contains("noise (std --dp-noise x --dp-clip = 1.000e+300)")
                && noisy.err().contains("or far less noise"), noisy.err());
    }

    /** Columns 'a b' and 'a_b' both make groups-a_b.png: each attribute keeps its own plot, and the card links both. */
    @Test
    void sensitiveColumnsWhoseFileNamesCollideKeepAPlotEach() throws Exception {
        StringBuilder csv = new StringBuilder("a b,a_b,x,y\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 2 == 0 ? "p" : "q").append(',').append(i % 3 == 0 ? "r" : "s").append(',')
                    .append(i % 7).append(',').append(i % 5 + i % 7).append('\n');
        }
        Path data = dir.resolve("names.csv");
        Files.writeString(data, csv);
        Path out = dir.resolve("collide");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--target", "y", "--sensitive", "a b", "a_b",
                "--bootstrap", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> files = Files.readAllLines(out.resolve(".ridgeline-files"));
        assertTrue(files.containsAll(List.of("groups-a_b.png", "groups-a_b-2.png", "groups-a_b_x_a_b.png")), files.toString());
        String md = Files.readString(out.resolve("model-card.md"));
        assertTrue(md.contains("![Error by a b](groups-a_b.png)"), md);
        // The '_' of a name is escaped in the card's text (it shows as '_'), not in the file name.
        assertTrue(md.contains("![Error by a\\_b](groups-a_b-2.png)"), md);
    }

    @Test
    void badCombinationsAreClearErrors() {
        // Combinations of options are bad command lines (exit 2, with the --help hint on a second line).
        CliRun r = CliRun.of("train", "--mitigate");
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--mitigate needs --sensitive"), r.err());
        CliRun exact = CliRun.of("train", "--dp", "--dp-seeded", "--solver", "exact", "--no-output");
        assertEquals(Main.EXIT_USAGE, exact.code());
        assertTrue(exact.err().lines().findFirst().orElse("").endsWith("; --solver does not apply to it"), exact.err());
        CliRun ignored = CliRun.of("train", "--dp", "--dp-seeded", "--epochs", "50", "--lr", "0.1", "--no-output");
        assertEquals(Main.EXIT_USAGE, ignored.code());
        assertEquals(List.of("ridgeline: error: --dp trains by DP-SGD with its own settings (--dp-epochs, --dp-lr, "
                + "--dp-batch, --dp-clip, --dp-noise or --dp-epsilon); --epochs, --lr do not apply to it",
                "Try 'ridgeline train --help' for the options."), ignored.err().lines().toList());
        CliRun twice = CliRun.of("train", "--sensitive", "sex", "age", "--sensitive", "sex", "--no-output");
        assertEquals(Main.EXIT_USAGE, twice.code());
        assertEquals(List.of("ridgeline: error: --sensitive names the column 'sex' twice; name each column once",
                "Try 'ridgeline train --help' for the options."), twice.err().lines().toList());
        CliRun col = CliRun.of("train", "--sensitive", "gender");
        assertEquals(Main.EXIT_DATA, col.code());
        assertTrue(col.err().contains("sensitive column 'gender' is not in the header"), col.err());
    }

    /**
     * A sensitive value missing in a row the run keeps stops it before any training (it was found after the
     * fit and the plots); --missing drop removes the row, and then the run goes on.
     */
    @Test
    void aMissingSensitiveValueStopsTheRunBeforeTraining() throws Exception {
        StringBuilder csv = new StringBuilder("a,g,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i == 17 ? "" : i % 2 == 0 ? "f" : "m").append(',').append(2 * i + i % 3)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("groups.csv"), csv);
        CliRun mean = CliRun.of("train", "--data", file.toString(), "--target", "y", "--sensitive", "g", "--missing",
                "mean", "--out", dir.resolve("mean").toString());
        assertEquals(Main.EXIT_DATA, mean.code());
        String expected = "ridgeline: error: " + file + ", line 19, column 'g': the sensitive value is missing; a group"
                + " is never imputed: fill it in, or --missing drop leaves the row out";
        assertEquals(expected,
                mean.err().lines().filter(l -> l.startsWith("ridgeline: error")).findFirst().orElse(mean.err()));
        assertEquals("", mean.out());
        assertFalse(Files.exists(dir.resolve("mean")));
        // The default policy names the sensitive value too: its general error had offered --missing mean or
        // median, which then failed on the same cell.
        CliRun fail = CliRun.of("train", "--data", file.toString(), "--target", "y", "--sensitive", "g", "--out",
                dir.resolve("fail").toString());
        assertEquals(Main.EXIT_DATA, fail.code());
        assertEquals(expected,
                fail.err().lines().filter(l -> l.startsWith("ridgeline: error")).findFirst().orElse(fail.err()));
        CliRun drop = CliRun.of("train", "--data", file.toString(), "--target", "y", "--sensitive", "g", "--missing",
                "drop", "--out", dir.resolve("drop").toString());
        assertEquals(0, drop.code(), drop.err());
    }

    /** An epsilon as the statement gives it: four significant digits, rounded up (never claiming less). */
    private static double upTo4(double epsilon) {
        return java.math.BigDecimal.valueOf(epsilon).round(new java.math.MathContext(4, java.math.RoundingMode.CEILING))
                .doubleValue();
    }
}
