package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DataException;
import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.Frame;
import dev.ridgeline.data.FrameReader;
import dev.ridgeline.data.MissingPolicy;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.model.LinearModel;
import dev.ridgeline.preprocess.Preprocessing;
import dev.ridgeline.preprocess.PreprocessingFitter;
import dev.ridgeline.preprocess.PreprocessingSpec;
import dev.ridgeline.preprocess.ScaleKind;
import dev.ridgeline.preprocess.UnseenCategory;
import dev.ridgeline.testing.CsvText;
import dev.ridgeline.testing.FarTargets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link RidgeFitter#fit(Frame, PreprocessingSpec)} against the same steps taken one by one. */
class RidgeFitterTest {
    /** 300 rows: numeric a, b (every 7th missing), categorical c, row weights w in [0.5, 2), y near 1e4. */
    private static Frame weightedMixedFrame() {
        Random rng = new Random(3);
        StringBuilder csv = new StringBuilder("a,b,c,w,y\n");
        String[] towns = {"oslo", "rome", "lima", "kyiv"};
        for (int i = 0; i < 300; i++) {
            double a = rng.nextGaussian();
            double b = 3 + rng.nextGaussian();
            int t = rng.nextInt(towns.length);
            double y = 1e4 + 2 * a - 0.5 * b + t + 0.2 * rng.nextGaussian();
            csv.append(a).append(',').append(i % 7 == 2 ? "NA" : Double.toString(b)).append(',').append(towns[t])
                    .append(',').append(0.5 + 1.5 * rng.nextDouble()).append(',').append(y).append('\n');
        }
        return FrameReader.forTraining(CsvText.table(csv.toString(), ','), "y", "w", Set.of());
    }

    @Test
    void aFrameIsPreprocessedWeightedAndSolvedAsByHand() {
        Frame frame = weightedMixedFrame();
        PreprocessingSpec spec = new PreprocessingSpec(MissingPolicy.MEDIAN, ScaleKind.ZSCORE, UnseenCategory.ERROR);
        RidgeFitter.Fit fit = new RidgeFitter(0.5, TrainerConfig.builder().solver(Solver.EXACT).build(), "java-scalar")
                .fit(frame, spec);
        // By hand: the same steps, the targets less their weighted mean (near 1e4) so that float32 keeps them.
        Preprocessing pre = PreprocessingFitter.fit(frame, IntStream.range(0, 300).toArray(), spec);
        TargetShift shift = TargetShift.meanOf(frame.targetValues(), frame.weightFloats());
        Problem problem = Problem.builder(pre.transform(frame)).model(shift.apply(frame.targetValues()),
                frame.weightFloats(), 0.5).build();
        Parameters expected = shift.restore(ExactSolver.solve(problem));
        LinearModel model = fit.model();
        assertEquals(pre.featureNames(), model.preprocessing().featureNames());
        double[] theta = model.coefficientsStandardized();
        for (int f = 0; f < theta.length; f++) {
            assertEquals(expected.theta(0)[f], theta[f], 1e-12, "feature " + pre.featureNames().get(f));
        }
        assertEquals(expected.bias(0), model.interceptStandardized(), 1e-9);
        RegressionMetrics train = model.metadata().metrics().get("train");
        RegressionMetrics recomputed = RegressionMetrics.of(frame.targetValues(), model.predict(frame),
                frame.weightFloats());
        assertEquals(recomputed, train);
        assertEquals(0.5, model.metadata().lambda());
        assertEquals("w", model.metadata().provenance().get("weights"));
        assertEquals("300", model.metadata().provenance().get("rows_train"));
        assertEquals("java-scalar", fit.backend());
    }

    /** A backend the caller made is the one that runs, and gives bit for bit what the same backend by name does. */
    /** A dataset's model names its target and records lambda, its metrics on the rows and provenance. */
    @Test
    void aDatasetsModelNamesItsTargetAndKeepsLambdaAndMetrics() {
        double[][] rows = {{1, 0}, {0, 1}, {1, 1}, {2, 1}, {3, 0}, {0, 2}};
        float[] y = {1, 2, 3, 4, 3.5f, 4.2f};
        Dataset data = Dataset.builder(DenseMatrix.of(rows)).featureNames(List.of("u", "v")).target("price", y).build();
        RidgeFitter.Fit fit = new RidgeFitter(0.5, TrainerConfig.builder().maxEpochs(2000).build(), "java-scalar")
                .fit(data);
        LinearModel model = fit.model();
        assertEquals("price", model.targetName());
        assertEquals(0.5, model.metadata().lambda());
        double[] predicted = model.predict(DenseMatrix.of(rows));
        RegressionMetrics expected = RegressionMetrics.of(y, predicted);
        assertEquals(expected.mse(), model.metadata().metrics().get("train").mse(), 1e-12);
        assertEquals("6", model.metadata().provenance().get("rows_train"));
        assertEquals("java-scalar", model.metadata().provenance().get("backend"));
    }

    /**
     * A dataset's row of weight w counts as w copies of itself in the z-scoring too, as in a frame's fit: the
     * exact solve of weighted rows equals that of the rows repeated (it had scaled by the unweighted spread,
     * and the penalty, which acts on the scaled coefficients, then moved the model by 0.5 %).
     */
    @Test
    void aWeightedDatasetIsScaledAsItsRowsRepeated() {
        Random rng = new Random(11);
        int m = 60;
        double[][] rows = new double[m][];
        float[] y = new float[m];
        float[] w = new float[m];
        List<double[]> repeatedRows = new java.util.ArrayList<>();
        List<Float> repeatedY = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            rows[i] = new double[] {(i < 20 ? 3 : 0) + rng.nextGaussian(), 2 * rng.nextGaussian()};
            y[i] = (float) (2 * rows[i][0] - rows[i][1] + 0.3 * rng.nextGaussian());
            w[i] = i < 20 ? 3 : 1;
            for (int c = 0; c < w[i]; c++) {
                repeatedRows.add(rows[i]);
                repeatedY.add(y[i]);
            }
        }
        float[] yRepeated = new float[repeatedY.size()];
        for (int i = 0; i < yRepeated.length; i++) {
            yRepeated[i] = repeatedY.get(i);
        }
        TrainerConfig exact = TrainerConfig.builder().solver(Solver.EXACT).build();
        LinearModel weighted = RidgeFitter.on(new ScalarBackend(), 5, exact, true)
                .fit(Dataset.builder(DenseMatrix.of(rows)).target("y", y).weights(w).build()).model();
        LinearModel repeated = RidgeFitter.on(new ScalarBackend(), 5, exact, true)
                .fit(Dataset.of(DenseMatrix.of(repeatedRows.toArray(new double[0][])), yRepeated)).model();
        assertArrayEquals(repeated.coefficients(), weighted.coefficients(), 1e-5);
        assertEquals(repeated.intercept(), weighted.intercept(), 1e-5);
        // The training metrics kept with the model are weighted too: those of the rows repeated (the weighted rows
        // 3 units out in x1 move the targets' spread, so unweighted figures give another R2).
        RegressionMetrics byRepeat = repeated.metadata().metrics().get("train");
        RegressionMetrics byWeight = weighted.metadata().metrics().get("train");
        assertEquals(byRepeat.mse(), byWeight.mse(), 1e-6 * byRepeat.mse());
        assertEquals(byRepeat.mae(), byWeight.mae(), 1e-6 * byRepeat.mae());
        assertEquals(byRepeat.r2(), byWeight.r2(), 1e-7);
    }

    /**
     * A dataset's targets are trained less their mean, as a frame's: on raw targets near 1e5 (near-collinear
     * features, lambda 0.01) gradient descent had stopped at the epoch limit with 83 times the exact error.
     */
    @Test
    void aDatasetWithTargetsFarFromZeroReachesTheExactFit() {
        FarTargets data = FarTargets.of(500, 1e5);
        double lambda = 0.01;
        double exactMse = data.exactMse(lambda);
        RidgeFitter.Fit fit = RidgeFitter.on(new ScalarBackend(), lambda, TrainerConfig.builder().build(), false)
                .fit(Dataset.of(data.x(), data.y()));
        double mse = fit.model().metadata().metrics().get("train").mse();
        assertTrue(mse < 1.1 * exactMse, "MSE " + mse + ", exact " + exactMse);
        assertEquals(1e5, fit.model().intercept(), 10, "the intercept carries the targets' offset");
    }

    @Test
    void aBackendGivenByTheCallerRunsTheFit() {
        Frame frame = weightedMixedFrame();
        TrainerConfig config = TrainerConfig.builder().maxEpochs(300).build();
        PreprocessingSpec spec = new PreprocessingSpec(MissingPolicy.MEDIAN, ScaleKind.ZSCORE, UnseenCategory.ERROR);
        RidgeFitter.Fit given = RidgeFitter.on(new ScalarBackend(), 1.0, config, true).fit(frame, spec);
        RidgeFitter.Fit named = new RidgeFitter(1.0, config, "java-scalar").fit(frame, spec);
        assertEquals("java-scalar", given.backend());
        assertEquals("given by the caller: java-scalar (plain Java reference, one thread)", given.backendReason());
        assertArrayEquals(named.model().coefficientsStandardized(), given.model().coefficientsStandardized());
        assertEquals("backend", assertThrows(NullPointerException.class,
                () -> RidgeFitter.on(null, 1.0, config, true)).getMessage());
    }

    /** Weights that sum to 0 are named as such: the preprocessing had said that every column was constant. */
    @Test
    void aFrameWhoseWeightsSumToZeroIsRefusedAsSuch() {
        Frame frame = FrameReader.forTraining(CsvText.table("a,b,w,y\n1,2,0,3\n2,1,0,4\n3,5,0,1\n", ','), "y", "w",
                Set.of());
        DataException e = assertThrows(DataException.class, () -> new RidgeFitter(1.0,
                TrainerConfig.builder().build(), "java-scalar").fit(frame, PreprocessingSpec.defaults()));
        assertEquals("t.csv: the row weights ('w') of the 3 rows to fit sum to 0: nothing to fit", e.getMessage());
    }

    /** A config that stops early on validation rows is refused: they would be scored against shifted targets. */
    @Test
    void aConfigThatStopsEarlyIsRefused() {
        Problem validation = Problem.builder(DenseMatrix.zeros(2, 1)).model(new float[2], null, 1).build();
        TrainerConfig early = TrainerConfig.builder().earlyStopping(validation, 3).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RidgeFitter(1.0, early, "java-scalar"));
        assertTrue(e.getMessage().startsWith("RidgeFitter's config cannot stop early"), e.getMessage());
    }

    /** A target that leaves float32 no digits for the others is refused by line, as the command line refuses it. */
    @Test
    void aFrameWithATargetThatBlursTheOthersIsRefusedByLine() {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i % 7).append(',').append(i % 5).append('\n');
        }
        Frame frame = FrameReader.forTraining(CsvText.table(csv.append("0.5,3e18\n").toString(), ','), "y", Set.of());
        DataException e = assertThrows(DataException.class, () -> new RidgeFitter(1.0, TrainerConfig.builder().build(),
                "java-scalar").fit(frame, PreprocessingSpec.defaults()));
        assertTrue(e.getMessage().startsWith("t.csv, line 52, column 'y': target 3.0E18 lies 2.94e+18 from the training"
                + " mean 5.88235e+16"), e.getMessage());
    }

    /**
     * Rows of weight 0, which the fit ignores, do not count in the precision check: far targets on such rows pass
     * (they had been named), and a far target on a weighted row is still refused.
     */
    @Test
    void thePrecisionCheckWeighsTheRowsAsTheFitDoes() {
        StringBuilder csv = new StringBuilder("x,w,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(",1,").append(i % 5).append('\n');
        }
        for (int i = 0; i < 60; i++) {
            csv.append(i % 3).append(",0,").append(1e12 + i * 1e4).append('\n');
        }
        Frame ignored = FrameReader.forTraining(CsvText.table(csv.toString(), ','), "y", "w", Set.of());
        RidgeFitter ridge = new RidgeFitter(1.0, TrainerConfig.builder().solver(Solver.EXACT).build(), "java-scalar");
        LinearModel fitted = ridge.fit(ignored, PreprocessingSpec.defaults()).model();
        assertEquals("100", fitted.metadata().provenance().get("rows_train"), "60 of them of weight 0");
        Frame weighted = FrameReader.forTraining(CsvText.table(csv.append("0.5,1,3e18\n").toString(), ','), "y", "w",
                Set.of());
        DataException e = assertThrows(DataException.class, () -> ridge.fit(weighted, PreprocessingSpec.defaults()));
        assertTrue(e.getMessage().startsWith("t.csv, line 102, column 'y': target 3.0E18 lies"), e.getMessage());
    }

    @Test
    void gradientDescentOnAFrameReachesTheExactFit() {
        Frame frame = weightedMixedFrame();
        PreprocessingSpec spec = new PreprocessingSpec(MissingPolicy.MEAN, ScaleKind.ZSCORE, UnseenCategory.ERROR);
        LinearModel exact = new RidgeFitter(1.0, TrainerConfig.builder().solver(Solver.EXACT).build(), "java-scalar")
                .fit(frame, spec).model();
        LinearModel descended = new RidgeFitter(1.0, TrainerConfig.builder().maxEpochs(20_000).tolerance(1e-7).build(),
                "auto").fit(frame, spec).model();
        double[] a = exact.coefficients();
        double[] b = descended.coefficients();
        for (int f = 0; f < a.length; f++) {
            assertEquals(a[f], b[f], 1e-3, "coefficient " + f);
        }
        assertEquals(exact.intercept(), descended.intercept(), 1e-3);
    }

    @Test
    void dropRemovesTheRowsWithMissingInputsAndSaysSoWhenNoneAreLeft() {
        Frame frame = weightedMixedFrame();
        PreprocessingSpec drop = new PreprocessingSpec(MissingPolicy.DROP, ScaleKind.ZSCORE, UnseenCategory.ERROR);
        LinearModel model = new RidgeFitter(1.0, TrainerConfig.builder().solver(Solver.EXACT).build(), "java-scalar")
                .fit(frame, drop).model();
        long complete = IntStream.range(0, 300).filter(i -> i % 7 != 2).count();
        assertEquals(Long.toString(complete), model.metadata().provenance().get("rows_train"));

        Frame allMissing = FrameReader.forTraining(CsvText.table("a,y\nNA,1\n,2\n", ','), "y", Set.of());
        DataException e = assertThrows(DataException.class, () -> new RidgeFitter(1.0, TrainerConfig.builder().build(),
                "java-scalar").fit(allMissing, drop));
        assertEquals(allMissing.source() + ": every one of the 2 rows has a missing value; nothing is left after"
                + " --missing drop; column 'a' has no value in any row: leave it out of the file, or choose --missing"
                + " mean or median, which drop it with a warning", e.getMessage());
    }

    @Test
    void aLambdaThatIsNotAFiniteNumberAtLeastZeroOrANullConfigIsRefusedAtOnce() {
        for (double lambda : new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RidgeFitter(lambda, TrainerConfig.builder().build(), "java-scalar"));
            assertEquals("lambda must be a finite number >= 0, got " + lambda, e.getMessage());
        }
        assertEquals("config", assertThrows(NullPointerException.class,
                () -> new RidgeFitter(1.0, null, "java-scalar", false)).getMessage());
        new RidgeFitter(0.0, TrainerConfig.builder().build(), "java-scalar");
    }
}
