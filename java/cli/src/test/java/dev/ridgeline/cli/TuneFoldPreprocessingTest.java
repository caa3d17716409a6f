package dev.ridgeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tune} refits the preprocessing inside each fold (its scaling, imputed values and categories from the
 * fold's training rows alone), as a scikit-learn pipeline in cross-validation does; {@code --shared-preprocessing}
 * fits it once on every tuning row, so each held-out fold's statistics reach its fits.
 */
class TuneFoldPreprocessingTest {
    /**
     * 30 rows: x1 heavy-tailed with 40 % missing, x2, and c, which is 1 on the rows of fold 2 alone (the folds of
     * 30 rows, 5 folds, seed 42: 1,0,3,0,1,4,0,4,3,3,1,4,1,2,4,3,0,2,3,2,0,4,4,2,3,2,1,2,0,1), so that it is
     * constant on fold 2's training rows and dropped from that fold's fit only.
     */
    static final String DATA = """
            x1,x2,c,y
            ,-0.25042,0,0.78650
            -2.39997,0.78152,0,-2.50750
            0.56500,-0.43906,0,-0.16154
            ,-0.01824,0,-4.66647
            -0.40431,0.34285,0,0.72823
            ,-0.87626,0,-5.66566
            ,0.59860,0,-4.75652
            ,-0.10496,0,-0.77499
            ,0.49248,0,-3.58690
            -0.22282,-0.52184,0,-0.84653
            ,1.08620,0,1.29368
            ,0.60520,0,0.20980
            2.35899,-0.17803,0,2.33490
            0.39188,0.63196,1,0.97735
            -40.73560,1.25976,0,-3.85109
            -3.84867,1.79118,0,-2.69996
            ,-1.57358,0,-3.74811
            -2.39070,0.88313,1,-0.90434
            0.52228,0.46507,0,0.89206
            ,-0.09386,1,-0.55931
            1.40439,-1.00666,0,1.06495
            ,1.25719,0,0.66694
            0.78936,-1.26174,0,0.58166
            -13.71472,0.56695,1,-4.40180
            -0.71442,1.30187,0,0.35676
            1.68586,-1.59967,1,-0.63763
            ,-0.30252,0,1.92118
            -0.71748,-1.30922,1,-0.74194
            ,0.24405,0,0.85209
            ,1.51438,0,-3.80917
            """;

    /**
     * scikit-learn 1.2.1 on the same rows and folds: per fold
     * {@code make_pipeline(SimpleImputer(strategy='mean'), StandardScaler(), Ridge(alpha=lam))} fitted on the
     * training rows, the held-out MSE; the mean and sample std over the folds. (A column constant on the training
     * rows scales to 0 there, which gives it coefficient 0: the same as dropping it.)
     */
    private static final double[][] PIPELINE = {
        {0.1, 11.047843013127048, 13.978606670130565},
        {1, 10.33216694892952, 12.421966287192301},
        {10, 7.028372268244222, 5.469137275675608},
    };

    @TempDir
    Path dir;

    @Test
    void eachFoldsPreprocessingIsFittedOnItsTrainingRowsAsAPipelineIs() throws Exception {
        Path csv = dir.resolve("leak.csv");
        Files.writeString(csv, DATA);
        Path out = dir.resolve("out");
        JsonNode doc = tune(csv, "exact", "--out", out.toString());
        assertFalse(doc.get("shared_preprocessing").asBoolean(), doc.toString());
        assertTrue(doc.get("warnings").toString().contains("1 of the refit's 3 features was left out of some folds' fits"
                + " (constant or without a value on those folds' training rows, or a category they never held): 'c' in"
                + " fold 3"), doc.get("warnings").toString());
        for (int l = 0; l < PIPELINE.length; l++) {
            JsonNode point = doc.get("cv").get(l);
            assertEquals(PIPELINE[l][0], point.get("lambda").asDouble());
            // Data stored in float32: the figures agree to about 1e-8 relative.
            assertEquals(PIPELINE[l][1], point.get("mean_mse").asDouble(), 1e-6 * PIPELINE[l][1]);
            assertEquals(PIPELINE[l][2], point.get("std_mse").asDouble(), 1e-6 * PIPELINE[l][2]);
        }
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertTrue(card.at("/training/settings/method").asText().endsWith("(each fold's preprocessing fitted on its "
                + "training rows alone, the refit's on every tuning row)"), card.at("/training/settings").toString());
        // Gradient descent reaches the same minima.
        JsonNode gd = tune(csv, "gd", "--no-output", "--epochs", "20000");
        for (int l = 0; l < PIPELINE.length; l++) {
            assertEquals(PIPELINE[l][1], gd.get("cv").get(l).get("mean_mse").asDouble(), 1e-4 * PIPELINE[l][1]);
        }
    }

    /**
     * With one preprocessing for all folds the held-out rows' values fill and scale their own fits: the CV
     * errors come out lower (optimistic) than the pipeline's, here by a third at lambda 10.
     */
    @Test
    void sharedPreprocessingIsTheSingleBatchAndItsLeakShows() throws Exception {
        Path csv = dir.resolve("leak.csv");
        Files.writeString(csv, DATA);
        Path out = dir.resolve("shared");
        JsonNode doc = tune(csv, "exact", "--shared-preprocessing", "--out", out.toString());
        assertTrue(doc.get("shared_preprocessing").asBoolean(), doc.toString());
        for (int l = 0; l < PIPELINE.length; l++) {
            assertTrue(doc.get("cv").get(l).get("mean_mse").asDouble() < PIPELINE[l][1], doc.get("cv").toString());
        }
        assertTrue(doc.get("cv").get(2).get("mean_mse").asDouble() < 0.8 * PIPELINE[2][1], doc.get("cv").toString());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertTrue(card.at("/training/settings/method").asText().endsWith("(the preprocessing was fitted once on all "
                + "tuning rows, not per fold: --shared-preprocessing)"), card.at("/training/settings").toString());
        CliRun text = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--missing", "mean", "--solver",
                "exact", "--lambdas", "0.1,1,10", "--shared-preprocessing", "--no-output");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("5-fold cross-validation, 3 settings, one preprocessing for all folds "
                + "(--shared-preprocessing)\n"), text.out());
    }

    /**
     * A grid of one setting won no comparison, but with one preprocessing for all folds its CV MSE still leaks
     * (7.03 per fold against less than 0.8 of that shared, at lambda 10): the note says so in --json, the text
     * and the card, where it had been null and the text bare; refitted in each fold, one setting has no note.
     */
    @Test
    void oneSettingWithSharedPreprocessingIsStillCalledOptimistic() throws Exception {
        Path csv = dir.resolve("one.csv");
        Files.writeString(csv, DATA);
        String[] args = {"tune", "--data", csv.toString(), "--target", "y", "--missing", "mean", "--solver", "exact",
            "--lambdas", "10"};
        Path out = dir.resolve("one");
        JsonNode shared = TrainOutputTest.json(CliRun.of(concat(args, "--shared-preprocessing", "--json", "--out",
                out.toString())));
        assertEquals("each fold's held-out rows fitted the preprocessing of its fits (--shared-preprocessing), so"
                + " optimistic; --test 0.2 keeps rows that the tuning never sees", shared.get("cv_mse_note").asText());
        JsonNode card = new ObjectMapper().readTree(out.resolve("model-card.json").toFile());
        assertTrue(card.at("/training/settings/its CV MSE").asText().endsWith("; each fold's held-out rows fitted the"
                + " preprocessing of its fits, so optimistic as an estimate of the error on new data)"), card.toString());
        CliRun text = CliRun.of(concat(args, "--shared-preprocessing", "--no-output"));
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("(each fold's held-out rows fitted the preprocessing of its fits"
                + " (--shared-preprocessing), so optimistic;"), text.out());

        JsonNode perFold = TrainOutputTest.json(CliRun.of(concat(args, "--json", "--no-output")));
        assertTrue(perFold.get("cv_mse_note").isNull(), perFold.toString());
        JsonNode grid = TrainOutputTest.json(CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--missing",
                "mean", "--solver", "exact", "--lambdas", "0.1,1,10", "--shared-preprocessing", "--json", "--no-output"));
        assertEquals("chosen among 3 settings on these folds, and each fold's held-out rows fitted the preprocessing of"
                + " its fits (--shared-preprocessing), so optimistic; --test 0.2 keeps rows that the tuning never sees",
                grid.get("cv_mse_note").asText());
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /**
     * A category that only one held-out fold holds is new to that fold's fit: scored as none of the known
     * categories and counted in a warning, not refused (--unseen error is for the refit and new data).
     */
    @Test
    void aCategoryOnlyAHeldOutFoldHoldsIsScoredAsNoneAndWarnedAbout() throws Exception {
        StringBuilder s = new StringBuilder("x,colour,y\n");
        for (int i = 0; i < 30; i++) {
            String colour = i == 7 ? "green" : i % 2 == 0 ? "red" : "blue";
            s.append(i).append(',').append(colour).append(',').append(0.5 * i + (colour.equals("red") ? 1 : 0))
                    .append('\n');
        }
        Path csv = dir.resolve("colours.csv");
        Files.writeString(csv, s);
        CliRun r = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--solver", "exact", "--lambdas",
                "0.1,1", "--json", "--no-output");
        JsonNode doc = TrainOutputTest.json(r);
        String warning = "1 of the 30 tuning rows held, in their held-out fold, a category that fold's training rows "
                + "lacked (first: 'green' in column 'colour' at line 9): the fold's fits scored them as none of the "
                + "known ones";
        assertTrue(doc.get("warnings").toString().contains(warning), doc.get("warnings").toString());
        assertTrue(r.err().contains("ridgeline: warning: " + warning), r.err());
        // That fold's fits also went without the green indicator the refit has.
        assertTrue(doc.get("warnings").toString().contains("'colour=green' in fold "), doc.get("warnings").toString());
        CliRun shared = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--solver", "exact",
                "--lambdas", "0.1,1", "--json", "--no-output", "--shared-preprocessing");
        assertFalse(TrainOutputTest.json(shared).get("warnings").toString().contains("held-out fold"), shared.out());
    }

    /**
     * x is 0 but on the 6 rows of fold 2 (numbered 3 in messages), so fold 2's training rows leave no feature: its
     * fits predict their mean, as a pipeline's would (scikit-learn: StandardScaler then Ridge, the same folds:
     * 0.2001636305577852 and 0.20029612909557043 at lambda 0.1 and 1, fold 2's error 0.9705729166666665). Tune had
     * refused the data ("every feature column is constant on the training rows"), which train and the shared
     * preprocessing take.
     */
    @Test
    void aFoldWhoseTrainingRowsLeaveNoFeaturePredictsTheirMean() throws Exception {
        Path csv = dir.resolve("onefeat.csv");
        Files.writeString(csv, "x,y\n0,0\n0,0.1\n0,0.2\n0,0\n0,0.1\n0,0.2\n0,0\n0,0.1\n0,0.2\n0,0\n0,0.1\n0,0.2\n0,0\n"
                + "4,1.3\n0,0.2\n0,0\n0,0.1\n2.5,0.95\n0,0\n3.5,1.15\n0,0.2\n0,0\n0,0.1\n2,0.8\n0,0\n3,1\n0,0.2\n4,1.2\n"
                + "0,0.1\n0,0.2\n");
        for (String solver : new String[] {"exact", "gd"}) {
            CliRun r = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--folds", "5", "--solver", solver,
                    "--lambdas", "0.1,1", "--json", "--no-output");
            JsonNode doc = TrainOutputTest.json(r);
            assertEquals(0.2001636305577852, doc.get("cv").get(0).get("mean_mse").asDouble(), 1e-6, solver);
            assertEquals(0.20029612909557043, doc.get("cv").get(1).get("mean_mse").asDouble(), 1e-6, solver);
            assertTrue(doc.get("warnings").toString().contains("every feature is constant on the training rows of fold 3"
                    + " of 5: its fits predict the mean of those rows at every setting"), doc.get("warnings").toString());
        }
    }

    /**
     * x2 = x1 + 1e-5 noise: every fold's exact solve warns of x2 for its worst fit (lambda 0); with a solve per fold
     * the line had come once a fold (five near-identical lines), where the docs promise one per lambda and column.
     */
    @Test
    void aNearCollinearColumnIsWarnedOfOncePerLambdaNotOncePerFold() throws Exception {
        StringBuilder s = new StringBuilder("x1,x2,y\n");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 80; i++) {
            double x1 = random.nextGaussian();
            s.append(x1).append(',').append(x1 + 1e-5 * random.nextGaussian()).append(',')
                    .append(2 * x1 + 0.1 * random.nextGaussian()).append('\n');
        }
        Path csv = dir.resolve("coll.csv");
        Files.writeString(csv, s);
        CliRun r = CliRun.of("tune", "--data", csv.toString(), "--target", "y", "--solver", "exact", "--lambdas",
                "0,1e-6", "--json", "--no-output");
        List<String> lines = new ArrayList<>();
        TrainOutputTest.json(r).get("warnings").forEach(w -> {
            if (w.asText().contains("is almost a linear combination")) {
                lines.add(w.asText().substring(0, w.asText().indexOf(" (1 - R^2")));
            }
        });
        assertTrue(lines.contains("with lambda = 0.0, column 'x2' is almost a linear combination of the columns before"
                + " it"), lines.toString());
        assertEquals(new java.util.HashSet<>(lines).size(), lines.size(), "each lambda and column once: " + lines);
    }

    /**
     * Of the lines for one lambda and column the last is kept: the refit's, solved after every fold, where it
     * solved at that lambda, so the figures shown are those of the model written (the first fold's had been kept).
     */
    @Test
    void theRefitsOwnCollinearityLineIsKept() {
        String fold0 = "with lambda = 0.0, column 'b' is almost a linear combination of the columns before it (1 - R^2 ="
                + " 8.7e-11 against them; correlation 0.99999999995 with 'a'): ...";
        String fold1 = fold0.replace("8.7e-11", "8.9e-11");
        String refit = fold0.replace("8.7e-11", "9.1e-11");
        String other = "the chosen lambda 0.0 is the smallest of the grid";
        String elsewhere = "with lambda = 1.0E-9, column 'b' is almost a linear combination of the columns before it"
                + " (1 - R^2 = 1.0e-10 against them): ...";
        assertEquals(List.of(other, elsewhere, refit),
                TuneCommand.oncePerColumn(List.of(fold0, other, fold1, elsewhere, refit)));
    }

    private static JsonNode tune(Path csv, String solver, String... more) throws Exception {
        String[] args = {"tune", "--data", csv.toString(), "--target", "y", "--missing", "mean", "--folds", "5",
            "--solver", solver, "--lambdas", "0.1,1,10", "--json"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return TrainOutputTest.json(CliRun.of(all));
    }
}
