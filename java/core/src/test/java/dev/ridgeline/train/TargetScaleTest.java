package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.tune.Tuner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Centred targets far from 1 are scaled by a power of two for training and the result scaled back
 * ({@link TargetShift}): exactly, so a scaled fit is the unscaled one's, and the float32 sums of java-vector
 * neither overflow nor underflow.
 */
class TargetScaleTest {
    @Test
    void ordinarySpreadsAreNotScaledAndFarOnesArePowersOfTwoIntoOneToTwo() {
        assertEquals(1, TargetShift.factorFor(1e-9));
        assertEquals(1, TargetShift.factorFor(1e9));
        assertEquals(1, TargetShift.factorFor(0));
        assertEquals(0x1p-58, TargetShift.factorFor(3e17));
        double f = TargetShift.factorFor(1e-25);
        assertTrue(1e-25 * f >= 1 && 1e-25 * f < 2, "factor " + f);
        assertEquals("the target scale must be a power of two, got 3.0",
                assertThrows(IllegalArgumentException.class, () -> new TargetShift(0, 3)).getMessage());
        // Rows of weight 0 do not set the spread.
        TargetShift shift = TargetShift.meanOf(new double[] {1, 3, 1e20}, new float[] {1, 1, 0});
        assertEquals(2, shift.value());
        assertEquals(1, shift.factor());
    }

    /**
     * Restoring undoes the scale exactly: parameters divided by f (the bias then raised by c), losses by f^2 and
     * gradient norms by f, the history with them.
     */
    /**
     * The step-by-step fit of docs/java-api.md on a file with an empty target field (read as NaN) and no missing
     * value policy applied: the error names the row and says what it is, where it had said "the target shift must
     * be finite, got NaN".
     */
    @Test
    void aMissingTargetIsNamedByItsRow() {
        assertEquals("row 1: target NaN is not a finite number (a missing target: take such rows out first, as"
                        + " MissingValues.apply(frame, policy) does)",
                assertThrows(IllegalArgumentException.class,
                        () -> TargetShift.meanOf(new double[] {3, Double.NaN, 5}, null)).getMessage());
        assertEquals("row 2: target Infinity is not a finite number",
                assertThrows(IllegalArgumentException.class,
                        () -> TargetShift.meanOf(new double[] {3, 4, Double.POSITIVE_INFINITY}, new float[] {1, 1, 0}))
                        .getMessage());
    }

    @Test
    void restoringUndoesTheScale() {
        TargetShift shift = new TargetShift(10, 0x1p-4);
        Parameters p = shift.restore(new Parameters(new double[][] {{1, -2}}, new double[] {0.5}));
        assertArrayEquals(new double[] {16, -32}, p.theta(0));
        assertEquals(18, p.bias(0));
        History h = new History();
        h.record(0, new double[] {3});
        h.recordValidation(new double[] {5});
        TrainingResult r = shift.restore(new TrainingResult(new Parameters(new double[][] {{1}}, new double[] {0}),
                new int[] {4}, List.of(StopReason.CONVERGED), new double[] {2}, new double[] {0.5},
                new double[] {1}, new double[] {0.1}, new int[] {0}, h));
        assertEquals(2 * 256, r.finalLoss()[0]);
        assertEquals(0.5 * 16, r.finalGradientNorm()[0]);
        assertEquals(16, r.initialGradientNorm()[0]);
        assertEquals(3 * 256, r.history().loss(0, 0));
        assertEquals(5 * 256, r.history().validationLoss(0, 0));
        assertEquals(0.1, r.learningRates()[0]);
    }

    /** Tuning targets near 1e-25 on java-vector: the CV table and the refit in the targets' own units. */
    @Test
    void tuningTinyTargetsOnTheVectorBackendGivesErrorsInTheirUnits() {
        Random rng = new Random(2);
        int m = 400;
        double[][] x = new double[m][2];
        float[] y = new float[m];
        float[] unit = new float[m];
        for (int i = 0; i < m; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            double v = x[i][0] - 0.5 * x[i][1] + 0.3 * rng.nextGaussian();
            unit[i] = (float) v;
            y[i] = (float) (v * 1e-25);
        }
        DenseMatrix features = DenseMatrix.of(x);
        KFold folds = KFold.of(m, 4, 7);
        double[] lambdas = {0.1, 10};
        Tuner.Result tiny = new Tuner(new VectorBackend(2), TrainerConfig.builder().build())
                .tune(features, y, folds, lambdas, null, false);
        Tuner.Result ordinary = new Tuner(new ScalarBackend(), TrainerConfig.builder().build())
                .tune(features, unit, folds, lambdas, null, false);
        for (int l = 0; l < lambdas.length; l++) {
            double want = ordinary.cv().points().get(l).mean() * 1e-50;
            assertEquals(want, tiny.cv().points().get(l).mean(), 1e-3 * want, "lambda " + lambdas[l]);
        }
        assertEquals(ordinary.refit().parameters().theta(0)[0] * 1e-25, tiny.refit().parameters().theta(0)[0],
                1e-3 * 1e-25);
    }

    /**
     * A trainer told the shift reports in the targets' units: the same data at 2^40 its size, scaled back by the
     * shift, diverges with the same message (the figures had been those of the scaled problem), and its listener
     * reads the losses of the unscaled run.
     */
    @Test
    void messagesAndListenersReadLossesInTheTargetsUnits() {
        Random rng = new Random(3);
        int m = 50;
        double[][] x = new double[m][2];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i] = 2 * x[i][0] + rng.nextGaussian();
        }
        double[] big = new double[m];
        for (int i = 0; i < m; i++) {
            big[i] = y[i] * 0x1p40;
        }
        TargetShift plain = TargetShift.meanOf(y, null);
        TargetShift scaled = TargetShift.meanOf(big, null);
        assertEquals(1, plain.factor());
        assertTrue(scaled.factor() <= 0x1p-40, "factor " + scaled.factor());
        DenseMatrix features = DenseMatrix.of(x);
        List<double[]> heardPlain = new ArrayList<>();
        List<double[]> heardScaled = new ArrayList<>();
        String[] messages = new String[2];
        for (int run = 0; run < 2; run++) {
            TargetShift shift = run == 0 ? plain : scaled;
            List<double[]> heard = run == 0 ? heardPlain : heardScaled;
            TrainerConfig config = TrainerConfig.builder().learningRate(50).maxEpochs(20)
                    .listener((epoch, max, loss) -> heard.add(loss.clone())).build();
            Problem p = Problem.builder(features).model(shift.apply(run == 0 ? y : big), null, 1).build();
            try (var bound = new ScalarBackend().bind(p)) {
                messages[run] = assertThrows(DivergenceException.class,
                        () -> new Trainer(config).reportingFor(shift).train(bound)).getMessage();
            }
        }
        assertTrue(messages[0].startsWith("training diverged at epoch"), messages[0]);
        assertEquals(messages[0].replaceAll("loss [^,]*, up from [^ ]* ", ""),
                messages[1].replaceAll("loss [^,]*, up from [^ ]* ", ""));
        assertEquals(heardPlain.size(), heardScaled.size());
        for (int r = 0; r < heardPlain.size(); r++) {
            assertEquals(heardPlain.get(r)[0] * 0x1p80, heardScaled.get(r)[0], 1e-12 * heardScaled.get(r)[0]);
        }
        String loss = messages[1].replaceAll(".*: loss ([^,]*), up from.*", "$1");
        String plainLoss = messages[0].replaceAll(".*: loss ([^,]*), up from.*", "$1");
        assertEquals(Double.parseDouble(plainLoss) * 0x1p80, Double.parseDouble(loss), 1e-3 * Double.parseDouble(loss));
    }

    @Test
    void theScaleStaysWithinWhatItsSquareHolds() {
        assertEquals(0x1p500, TargetShift.factorFor(1e-300));
        assertEquals(0x1p-500, TargetShift.factorFor(1e300));
        assertTrue(Double.isFinite(TargetShift.factorFor(1e-300) * TargetShift.factorFor(1e-300)));
    }

    /**
     * The folds of a tune share one scale, taken from every row: with a scale per fold, a fold whose training
     * targets spread by 4e-12 (a scale near 2^38) held out a row of 1e30, which overflowed float32 ("model 1, row
     * 0: target Infinity is not a finite number"). Here every fold's error is finite.
     */
    @Test
    void theFoldsOfATuneShareOneScale() {
        int m = 20;
        double[][] x = new double[m][1];
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            x[i][0] = i % 3;
            y[i] = (float) (1e-12 * (i % 5));
        }
        y[0] = 1e30f;
        KFold folds = new KFold(2, IntStream.range(0, m).map(i -> i == 0 ? 1 : i % 2).toArray());
        Tuner.Result r = new Tuner(new ScalarBackend(), TrainerConfig.builder().maxEpochs(50).build())
                .tune(DenseMatrix.of(x), y, folds, new double[] {1}, null, false);
        for (double e : r.cv().points().get(0).foldMse()) {
            assertTrue(Double.isFinite(e), "fold errors " + Arrays.toString(r.cv().points().get(0).foldMse()));
        }
    }

    /** Weights of the wrong length or value are refused by name, as every neighbouring call refuses them. */
    @Test
    void meanOfChecksItsWeights() {
        double[] y = {1, 2, 3};
        assertEquals("2 weights for 3 targets", assertThrows(IllegalArgumentException.class,
                () -> TargetShift.meanOf(y, new float[] {1, 1})).getMessage());
        assertEquals("4 weights for 3 targets", assertThrows(IllegalArgumentException.class,
                () -> TargetShift.meanOf(y, new float[] {1, 1, 1, 100})).getMessage());
        assertEquals("weight -5.0 at row 1 must be finite and >= 0", assertThrows(IllegalArgumentException.class,
                () -> TargetShift.meanOf(y, new float[] {1, -5, 1})).getMessage());
        assertEquals("weight NaN at row 1 must be finite and >= 0", assertThrows(IllegalArgumentException.class,
                () -> TargetShift.meanOf(y, new float[] {1, Float.NaN, 1})).getMessage());
        assertEquals(2.5, TargetShift.meanOf(y, new float[] {0, 1, 1}).value(), 0);
    }

    /**
     * Without intercept, the fit of y - c is another model: a centring shift is refused by the trainer that reports
     * for it, naming scaleOnly(), which gives the direct fit (X = [[1,0],[0,1],[1,1]], y = [1,2,3] 2^40, lambda 1:
     * theta = [0.875, 1.375] 2^40 by hand). Centring and restoring had given [-0.125, 0.375] and a bias of 2.
     */
    @Test
    void aProblemWithoutInterceptTakesTheScaleAlone() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        double big = 0x1p40;
        double[] y = {big, 2 * big, 3 * big};
        TargetShift shift = TargetShift.meanOf(y, null);
        assertTrue(shift.factor() < 1, "the targets spread beyond 2^30: " + shift);
        Trainer trainer = new Trainer(TrainerConfig.builder().solver(Solver.EXACT).build());
        Problem centred = Problem.builder(x).model(shift.apply(y), null, 1.0).fitIntercept(false).build();
        try (var bound = new ScalarBackend().bind(centred)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trainer.reportingFor(shift).train(bound));
            assertTrue(e.getMessage().contains("on a problem without intercept") && e.getMessage().contains(
                    "shift.scaleOnly()"), e.getMessage());
        }
        TargetShift scale = shift.scaleOnly();
        assertEquals(0, scale.value());
        assertEquals(shift.factor(), scale.factor());
        Problem scaled = Problem.builder(x).model(scale.apply(y), null, 1.0).fitIntercept(false).build();
        try (var bound = new ScalarBackend().bind(scaled)) {
            Parameters p = scale.restore(trainer.reportingFor(scale).train(bound)).parameters();
            assertEquals(0.875 * big, p.theta(0)[0], 1e-12 * big);
            assertEquals(1.375 * big, p.theta(0)[1], 1e-12 * big);
            assertEquals(0, p.bias(0));
        }
    }

    /** Feature names of the wrong count are refused by every solver (only the exact one had read them). */
    @Test
    void featureNamesOfTheWrongCountAreRefusedWhateverTheSolver() {
        Problem p = Problem.builder(DenseMatrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}))
                .model(new float[] {1, 2, 3}, null, 1.0).build();
        for (Solver solver : Solver.values()) {
            try (var bound = new ScalarBackend().bind(p)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                        TrainerConfig.builder().solver(solver).build()).train(bound, List.of("a", "b", "c")));
                assertEquals("3 feature names for 2 features", e.getMessage(), solver.name());
            }
        }
    }
}
