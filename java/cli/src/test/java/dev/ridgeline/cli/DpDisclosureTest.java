package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a --dp run prints beside its (epsilon, delta): no statistic of the private rows that the docs do not
 * list as outside the guarantee, and no guarantee's scope where there is no guarantee.
 */
class DpDisclosureTest {
    @TempDir
    Path dir;

    /**
     * 200 rows: x1 near 1.7e9 varying by a few units (float32 cannot resolve it unscaled), x2 ordinary, c constant
     * at 12345.678, y from x2.
     */
    private Path data() throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,c,y\n");
        for (int i = 0; i < 200; i++) {
            csv.append(1_700_000_000L + i % 7).append(',').append(i % 10 / 10.0).append(",12345.678,")
                    .append(i % 10 / 5.0 + 1).append('\n');
        }
        return Files.writeString(dir.resolve("rows.csv"), csv);
    }

    private static String warnings(CliRun r) {
        return String.join("\n", r.err().lines().filter(l -> l.startsWith("ridgeline: warning")).toList());
    }

    /**
     * Without --dp the float32 and constant-column warnings quote the column's mean and standard deviation and the
     * constant's value; under --dp they name the columns only.
     */
    @Test
    void preprocessingWarningsQuoteNoStatisticOfThePrivateRows() throws Exception {
        Path file = data();
        CliRun plain = CliRun.of("train", "--data", file.toString(), "--target", "y", "--scale", "none", "--no-output");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(warnings(plain).contains("feature 'x1' varies by a standard deviation of"), plain.err());
        assertTrue(warnings(plain).contains("feature 'c' is constant (12345.678)"), plain.err());
        CliRun dp = CliRun.of("train", "--data", file.toString(), "--target", "y", "--scale", "none", "--dp", "--dp-seeded",
                "--dp-clip", "3", "--no-output");
        assertEquals(0, dp.code(), dp.err());
        String w = warnings(dp);
        assertTrue(w.contains("feature 'x1' varies by less than float32 can hold at its magnitude: unscaled, the model"
                + " cannot see that variation"), w);
        assertTrue(w.contains("feature 'c' is constant on the training rows and was dropped"), w);
        assertFalse(w.contains("12345"), w);
        assertFalse(w.contains("standard deviation of"), w);
        assertFalse(w.contains("1.700e+09"), w);
        // --scale none alone gives no guarantee about the raw rows here: which columns were dropped depends on them.
        assertTrue(w.contains("--dp: the (epsilon, delta) holds with the preprocessing fixed (the columns dropped as"
                + " constant or empty, fitted on the training rows without noise)"), w);
        assertTrue(w.contains("leaving columns that are constant out of the file or with --ignore"), w);
        CliRun ignored = CliRun.of("train", "--data", file.toString(), "--target", "y", "--scale", "none", "--dp", "--dp-seeded",
                "--dp-clip", "3", "--ignore", "c", "--no-output");
        assertEquals(0, ignored.code(), ignored.err());
        assertFalse(warnings(ignored).contains("holds with the preprocessing fixed"), ignored.err());
    }

    /**
     * The model file of a --dp run carries no training mean of its inputs (they only centred the ONNX graph, and
     * had been published exactly beside the (epsilon, delta)); a plain run's does. A fill that no training row
     * needed is still stored, so the warning names it.
     */
    @Test
    void theModelFileOfADpRunRecordsNoTrainingMeans() throws Exception {
        Path file = data();
        Path plainOut = dir.resolve("plain");
        CliRun plain = CliRun.of("train", "--data", file.toString(), "--target", "y", "--scale", "none", "--ignore", "c",
                "--out", plainOut.toString());
        assertEquals(0, plain.code(), plain.err());
        JsonNode inputs = new ObjectMapper().readTree(plainOut.resolve("model.json").toFile()).at("/model/inputs");
        assertEquals(2, inputs.size());
        assertTrue(inputs.get(1).has("mean"), inputs.toString());
        Path dpOut = dir.resolve("dp");
        CliRun dp = CliRun.of("train", "--data", file.toString(), "--target", "y", "--scale", "none", "--ignore", "c",
                "--dp", "--dp-clip", "3", "--dp-secure-random", "--out", dpOut.toString());
        assertEquals(0, dp.code(), dp.err());
        for (JsonNode in : new ObjectMapper().readTree(dpOut.resolve("model.json").toFile()).at("/model/inputs")) {
            assertFalse(in.has("mean"), in.toString());
        }
        assertFalse(warnings(dp).contains("holds with the preprocessing fixed"), dp.err());
        CliRun exported = CliRun.of("export", "--model", dpOut.resolve("model.json").toString(), "--onnx",
                dir.resolve("dp.onnx").toString());
        assertEquals(0, exported.code(), exported.err());
        assertTrue(exported.err().contains("a model trained with --dp leaves the means out"), exported.err());
        CliRun median = CliRun.of("train", "--data", file.toString(), "--target", "y", "--scale", "none", "--ignore", "c",
                "--missing", "median", "--dp", "--dp-seeded", "--dp-clip", "3", "--no-output");
        assertEquals(0, median.code(), median.err());
        assertTrue(warnings(median).contains("--dp: the (epsilon, delta) holds with the preprocessing fixed (the"
                + " imputation values the model file stores, fitted on the training rows without noise)"), median.err());
    }

    /** A run that ended above its starting loss says so, without the starting loss (half the targets' mean square). */
    @Test
    void theLossWarningComparesWithTheStartWithoutQuotingIt() {
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-lr", "1", "--dp-clip", "1e6", "--no-output");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("above that of its starting point (all parameters 0): the model is worse than"
                + " predicting 0"), r.err());
        assertFalse(r.err().contains("14341") || r.err().contains("14342"), r.err());
        assertFalse(r.err().contains("outweighs"), r.err());
        // Where the noise outweighs any clipped sum (sigma 10,000 against a batch of 64), the advice names the noise.
        CliRun noisy = CliRun.of("train", "--dp", "--dp-seeded", "--dp-noise", "10000", "--no-output");
        assertEquals(0, noisy.code(), noisy.err());
        assertTrue(noisy.err().contains("try a smaller --dp-lr or --dp-clip; the noise of a step (std 1.00e+04 x the"
                + " clipping norm) outweighs the sum of its clipped gradients (at most the batch, 64, x the clipping"
                + " norm): lower --dp-noise (a larger epsilon) or raise --dp-batch"), noisy.err());
    }

    /**
     * The card, meant to be shared, carries neither the DP run's training loss nor its clipped share (the docs
     * place both in the report, metrics.json and --json only); the two warnings quoting them had reached it.
     */
    @Test
    void theCardLeavesOutTheWarningsThatQuoteTheTrainingLossAndTheClippedShare() throws Exception {
        Path loss = dir.resolve("loss");
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-lr", "1", "--dp-clip", "1e6", "--out", loss.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("DP-SGD ended at a training loss of"), r.err());
        String md = Files.readString(loss.resolve("model-card.md"));
        assertFalse(md.contains("DP-SGD ended at a training loss"), md);
        assertFalse(Files.readString(loss.resolve("model-card.json")).contains("DP-SGD ended at a training loss"));
        assertTrue(Files.readString(loss.resolve("metrics.json")).contains("DP-SGD ended at a training loss"));

        Path clipped = dir.resolve("clipped");
        r = CliRun.of("train", "--dp", "--dp-seeded", "--out", clipped.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("of example gradients were clipped"), r.err());
        assertFalse(Files.readString(clipped.resolve("model-card.md")).contains("of example gradients were clipped"));
        assertFalse(Files.readString(clipped.resolve("model-card.json")).contains("of example gradients were clipped"));
    }

    /**
     * With noise 0 there is no (epsilon, delta): the text report, like the JSON and the card, gives no scope of a
     * guarantee, and no warning that the seed voids one.
     */
    @Test
    void withoutNoiseNoGuaranteeIsScopedOrQualified() throws Exception {
        // Seeded, where the warning that a seed voids the guarantee would show if there were one to void.
        CliRun text = CliRun.of("train", "--dp", "--dp-noise", "0", "--dp-clip", "200", "--dp-seeded", "--no-output");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("no formal privacy guarantee (noise multiplier 0)"), text.out());
        assertFalse(text.out().contains("neighbouring data:"), text.out());
        assertFalse(text.out().contains("not covered:"), text.out());
        assertFalse(text.err().contains("--dp-seeded: sampling"), text.err());
        CliRun noisy = CliRun.of("train", "--dp", "--dp-clip", "200", "--dp-seeded", "--no-output");
        assertTrue(noisy.out().contains("not covered:") && noisy.out().contains("(the model card lists every item)"),
                noisy.out());
        assertTrue(noisy.err().contains("--dp-seeded: sampling"), noisy.err());
        // Noise too small for a finite epsilon: no guarantee either, and the report names the multiplier given.
        CliRun tiny = CliRun.of("train", "--dp", "--dp-noise", "1e-200", "--dp-clip", "200", "--dp-seeded", "--json");
        assertEquals(0, tiny.code(), tiny.err());
        JsonNode privacy = new ObjectMapper().readTree(tiny.out()).get("privacy");
        assertTrue(privacy.get("mechanism").asText().startsWith("DP-SGD with too little noise for a finite epsilon"),
                privacy.toString());
        assertFalse(tiny.err().contains("--dp-seeded: sampling"), tiny.err());
        // Nor the warning that qualifies an (epsilon, delta) by the preprocessing, which the noisy run gets.
        assertFalse(tiny.err().contains("the (epsilon, delta) holds with the preprocessing fixed"), tiny.err());
        assertTrue(noisy.err().contains("--dp: the (epsilon, delta) holds with the preprocessing fixed"), noisy.err());
        CliRun tinyText = CliRun.of("train", "--dp", "--dp-seeded", "--dp-noise", "1e-200", "--dp-clip", "200", "--no-output");
        assertTrue(tinyText.out().contains("no formal privacy guarantee (noise multiplier 1.000e-200: too little noise"),
                tinyText.out());
        // Said on standard error as well, as --dp-noise 0 is: the run asked for privacy and got none.
        assertTrue(tinyText.err().contains("ridgeline: warning: --dp-noise 1E-200: too little noise for a finite epsilon"
                + " (the accountant's bound overflows at every order), so no formal privacy guarantee"), tinyText.err());
        assertTrue(text.err().contains("--dp-noise 0: DP-SGD without noise gives no formal privacy guarantee"),
                text.err());
        assertFalse(noisy.err().contains("no formal privacy guarantee"), noisy.err());
    }

    /** --dp-noise with 1e300 epochs started a run that never ended; refused as privacy refuses it. */
    @Test
    void aRunBeyondWhatTheAccountantCountsIsRefusedBeforeTraining() {
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-noise", "1", "--dp-epochs", "1e300", "--no-output");
        assertEquals(Main.EXIT_DATA, r.code(), r.err());
        assertTrue(r.err().contains("more than the accountant counts (2^53)"), r.err());
        // Before the data: no sampling rate is known (it had quoted the stand-in 1.0 as the run's).
        assertEquals("ridgeline: error: --dp-epochs 1E+300 are at least 1.00e+300 steps (an epoch is one step or more"
                + " at any --dp-batch), more than the accountant counts (2^53); give fewer", r.err().strip());
        CliRun infinite = CliRun.of("train", "--dp", "--dp-seeded", "--dp-noise", "1", "--dp-epochs", "Infinity", "--no-output");
        assertEquals(Main.EXIT_DATA, infinite.code(), infinite.err());
        assertTrue(infinite.err().contains("--dp-epochs must be a finite number"), infinite.err());
        // After it: the options that set the count, named (it had said "DP epochs 5.0E15 at sampling rate ...").
        CliRun late = CliRun.of("train", "--dp", "--dp-seeded", "--dp-noise", "1", "--dp-epochs", "5e15", "--no-output");
        assertEquals(Main.EXIT_DATA, late.code(), late.err());
        assertEquals("ridgeline: error: --dp-epochs 5.0E15 with --dp-batch 64 of 354 training rows (sampling rate "
                + "0.1808) are 2.77e+16 steps, more than the accountant counts (2^53): give fewer --dp-epochs or a "
                + "larger --dp-batch", late.err().strip());
    }

    /** A noise whose bound overflows at every order is no guarantee: said so, not "RDP must be >= 0, got NaN". */
    @Test
    void aVanishingNoiseReadsAsNoGuarantee() throws Exception {
        CliRun text = CliRun.of("privacy", "--n", "1000", "--batch", "10", "--epochs", "1", "--noise", "1e-155");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("epsilon    infinite at delta 1.00e-05: this noise bounds nothing at any order"),
                text.out());
        assertFalse(text.out().contains("order      "), text.out());
        CliRun json = CliRun.of("privacy", "--n", "1000", "--batch", "10", "--epochs", "1", "--noise", "1e-155", "--json");
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertTrue(doc.get("epsilon").isNull() && doc.get("order").isNull(), doc.toString());
        assertEquals(100, doc.get("steps").asInt());
    }

    /**
     * A binned sensitive column's labels show training quantiles, whose ends are the youngest and oldest training
     * rows' ages: the card's list of what the (epsilon, delta) does not cover names them, where it had named only
     * "the fairness figures".
     */
    @Test
    void binEdgesOfASensitiveColumnAreListedAsNotCovered() throws Exception {
        Path out = dir.resolve("bins");
        CliRun r = CliRun.of("train", "--dp", "--dp-seeded", "--dp-clip", "200", "--dp-epsilon", "3", "--sensitive",
                "age", "--sensitive-bins", "4", "--bootstrap", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\n[19, "), r.out());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertTrue(card.at("/privacy/notCovered").toString().contains("the bin edges of a numeric --sensitive column"),
                card.get("privacy").toString());
        assertTrue(Files.readString(out.resolve("model-card.md")).contains("the bin edges of a numeric --sensitive"),
                "card");
    }
}
