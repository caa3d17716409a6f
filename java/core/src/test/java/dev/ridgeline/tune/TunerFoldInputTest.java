package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.preprocess.Standardizer;
import dev.ridgeline.train.ExactSolver;
import dev.ridgeline.train.SingularSystemException;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fold inputs: each fold's models train and are scored on X as preprocessed by a fit on that fold's training rows
 * alone (here the z-scoring of diabetes), one batch per fold; the refit on the X given for it.
 */
class TunerFoldInputTest {
    private static final double[] LAMBDAS = LambdaGrid.log(1e-2, 1e3, 6);
    private static final TrainerConfig EXACT = TrainerConfig.builder().solver(Solver.EXACT).build();

    /** Diabetes z-scored by the mean and spread of fold f's training rows: every row (442, 10). */
    private static DenseMatrix scaledFor(DenseMatrix raw, KFold folds, int f) {
        return Standardizer.fit(raw.selectRows(folds.training(f))).transform(raw);
    }

    /** The reference: per (lambda, fold), an exact fit on the fold's own scaling of its training rows. */
    private static double[][] pipelineErrors(DenseMatrix raw, float[] y, KFold folds) {
        double[][] errors = new double[LAMBDAS.length][folds.k()];
        for (int f = 0; f < folds.k(); f++) {
            DenseMatrix x = scaledFor(raw, folds, f);
            int[] train = folds.training(f);
            float[] yTrain = new float[train.length];
            for (int r = 0; r < train.length; r++) {
                yTrain[r] = y[train[r]];
            }
            for (int l = 0; l < LAMBDAS.length; l++) {
                Parameters p = ExactSolver.solve(Problem.builder(x.selectRows(train)).model(yTrain, null, LAMBDAS[l])
                        .build());
                double s = 0;
                int[] held = folds.heldOut(f);
                for (int i : held) {
                    double r = p.bias(0) - y[i];
                    for (int j = 0; j < x.cols(); j++) {
                        r += x.get(i, j) * p.theta(0, j);
                    }
                    s += r * r;
                }
                errors[l][f] = s / held.length;
            }
        }
        return errors;
    }

    @Test
    void eachFoldTrainsAndIsScoredOnItsOwnPreprocessing() {
        Dataset d = EmbeddedData.diabetes();
        DenseMatrix raw = d.x();
        float[] y = d.target();
        KFold folds = KFold.of(raw.rows(), 5, 11);
        double[][] reference = pipelineErrors(raw, y, folds);
        List<Integer> asked = new ArrayList<>();
        DenseMatrix all = Standardizer.fit(raw).transform(raw);
        Tuner.Result r = new Tuner(new ScalarBackend(), EXACT).tune(all, f -> {
            asked.add(f);
            return new Tuner.FoldInput(scaledFor(raw, folds, f), null);
        }, y, null, folds, LAMBDAS, null, false);
        assertEquals(List.of(0, 1, 2, 3, 4), asked, "one fold's input at a time, each once");
        for (int l = 0; l < LAMBDAS.length; l++) {
            double mean = java.util.Arrays.stream(reference[l]).average().orElseThrow();
            assertEquals(mean, r.cv().points().get(l).mean(), 1e-10 * mean);
        }
        // The shared scaling gives other errors where the penalty weighs (at lambda 1,000; near lambda 0 the fit is
        // almost that of least squares, which no scaling changes): the fold inputs are what was used.
        Tuner.Result shared = new Tuner(new ScalarBackend(), EXACT).tune(all, y, folds, LAMBDAS, null, false);
        int last = LAMBDAS.length - 1;
        double gap = Math.abs(shared.cv().points().get(last).mean() - r.cv().points().get(last).mean());
        assertTrue(gap > 1e-6 * r.cv().points().get(last).mean(), "shared " + shared.cv().points().get(last).mean());
        // The refit is on the X given for it, every row: the same as a refit of the shared run at that lambda.
        assertEquals(shared.lambda() == r.lambda() ? shared.refit().parameters().theta(0)[3]
                : ExactSolver.solve(Problem.builder(all).model(y, null, r.lambda()).build()).theta(0)[3],
                r.refit().parameters().theta(0)[3], 1e-9);
    }

    @Test
    void gradientDescentOnFoldInputsReachesThePipelinesErrors() {
        Dataset d = EmbeddedData.diabetes();
        DenseMatrix raw = d.x();
        KFold folds = KFold.of(raw.rows(), 5, 11);
        double[][] reference = pipelineErrors(raw, d.target(), folds);
        TrainerConfig gd = TrainerConfig.builder().solver(Solver.GD).maxEpochs(20_000).tolerance(1e-9).build();
        Tuner.Result r = new Tuner(new ScalarBackend(), gd).tune(Standardizer.fit(raw).transform(raw),
                f -> new Tuner.FoldInput(scaledFor(raw, folds, f), null), d.target(), null, folds, LAMBDAS, null,
                false);
        for (int l = 0; l < LAMBDAS.length; l++) {
            double mean = java.util.Arrays.stream(reference[l]).average().orElseThrow();
            assertEquals(mean, r.cv().points().get(l).mean(), 1e-4 * mean);
        }
    }

    /**
     * The refit's rows are asked for after every fold's fits (so one encoded matrix is held at a time), and a fold
     * input of no columns (every feature constant on its training rows) scores its training mean at every setting.
     */
    @Test
    void theRefitIsBuiltLastAndAFoldOfNoColumnsPredictsItsTrainingMean() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}});
        float[] y = {1, 2, 4, 4, 5, 7, 7, 8};
        KFold folds = KFold.of(8, 2, 3);
        List<String> asked = new ArrayList<>();
        Tuner.Result r = new Tuner(new ScalarBackend(), EXACT).tune(f -> {
            asked.add("fold " + f);
            return new Tuner.FoldInput(f == 1 ? DenseMatrix.zeros(8, 0) : x, f == 1 ? List.of() : List.of("a"));
        }, () -> {
            asked.add("refit");
            return new Tuner.FoldInput(x, List.of("a"));
        }, y, null, folds, new double[] {0.1, 10}, null, false);
        assertEquals(List.of("fold 0", "fold 1", "refit"), asked);
        int[] train = folds.training(1);
        double mean = java.util.Arrays.stream(train).mapToDouble(i -> y[i]).average().orElseThrow();
        double expected = java.util.Arrays.stream(folds.heldOut(1)).mapToDouble(i -> (y[i] - mean) * (y[i] - mean))
                .average().orElseThrow();
        Tuner.Result plain = new Tuner(new ScalarBackend(), EXACT).tune(x, y, folds, new double[] {0.1, 10}, null,
                false);
        for (int l = 0; l < 2; l++) {
            // The mean over two folds: fold 0 as the plain tune scores it, fold 1 the training mean's error.
            double fold0 = 2 * plain.cv().points().get(l).mean() - reference(plain, l, x, y, folds);
            assertEquals((fold0 + expected) / 2, r.cv().points().get(l).mean(), 1e-9);
        }
    }

    /**
     * A fold of no columns scores its weighted training mean by the weighted held-out error, as every other fold is
     * scored, by hand: y = 1, 2, 4, 4 | 5, 7, 7, 8 in folds 0 | 1, weights 1, 3, 1, 1 | 2, 1, 1, 2. Fold 0 trains on
     * the mean (10 + 7 + 7 + 16) / 6 = 20 / 3 and scores (1 (1 - 20/3)^2 + 3 (2 - 20/3)^2 + 2 (4 - 20/3)^2) / 6 =
     * 1005 / 54; fold 1 on (1 + 6 + 4 + 4) / 6 = 2.5, scoring (2 x 2.5^2 + 2 x 4.5^2 + 2 x 5.5^2) / 6 = 113.5 / 6.
     * (Unweighted held-out errors would give 12.09 for their mean, 18.76.)
     */
    @Test
    void aFoldOfNoColumnsWeighsItsHeldOutRows() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}});
        float[] y = {1, 2, 4, 4, 5, 7, 7, 8};
        float[] w = {1, 3, 1, 1, 2, 1, 1, 2};
        KFold folds = new KFold(2, new int[] {0, 0, 0, 0, 1, 1, 1, 1});
        Tuner.Result r = new Tuner(new ScalarBackend(), EXACT).tune(f -> new Tuner.FoldInput(DenseMatrix.zeros(8, 0),
                List.of()), () -> new Tuner.FoldInput(x, List.of("a")), y, w, folds, new double[] {1}, null, false);
        double[] byFold = r.cv().points().get(0).foldMse();
        assertEquals(1005.0 / 54, byFold[0], 1e-9);
        assertEquals(113.5 / 6, byFold[1], 1e-9);
    }

    /** Fold 1's held-out MSE of the plain tune at lambda index l, by an exact fit on its training rows. */
    private static double reference(Tuner.Result plain, int l, DenseMatrix x, float[] y, KFold folds) {
        int[] train = folds.training(1);
        float[] yTrain = new float[train.length];
        for (int r = 0; r < train.length; r++) {
            yTrain[r] = y[train[r]];
        }
        Parameters p = ExactSolver.solve(Problem.builder(x.selectRows(train)).model(yTrain, null,
                plain.cv().points().get(l).lambda()).build());
        return java.util.Arrays.stream(folds.heldOut(1)).mapToDouble(i -> {
            double e = p.bias(0) + p.theta(0, 0) * x.get(i, 0) - y[i];
            return e * e;
        }).average().orElseThrow();
    }

    @Test
    void aFoldInputOfOtherRowsOrMisnamedColumnsIsRefused() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{1, 2}, {2, 1}, {3, 5}, {4, 3}, {5, 8}, {6, 1}});
        float[] y = {1, 2, 3, 4, 5, 6};
        KFold folds = KFold.of(6, 2, 1);
        Tuner tuner = new Tuner(new ScalarBackend(), EXACT);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> tuner.tune(x,
                f -> new Tuner.FoldInput(x.selectRows(folds.training(f)), null), y, null, folds, new double[] {1}, null,
                false));
        assertEquals("the input of fold 0 has 3 rows, X has 6", rows.getMessage());
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class, () -> tuner.tune(x,
                f -> new Tuner.FoldInput(x, List.of("a")), y, null, folds, new double[] {1}, null, false));
        assertEquals("the input of fold 0 names 1 columns of its 2", names.getMessage());
    }

    /** Every lambda singular in a fold: the message names the column by that fold's names. */
    @Test
    void aSingularFoldIsNamedByItsOwnColumns() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{1, 2}, {2, 1}, {3, 5}, {4, 3}, {5, 8}, {6, 1}});
        DenseMatrix twice = DenseMatrix.of(new double[][] {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}});
        float[] y = {1, 2, 3, 4, 5, 6};
        KFold folds = KFold.of(6, 2, 1);
        SingularSystemException e = assertThrows(SingularSystemException.class, () -> new Tuner(new ScalarBackend(),
                EXACT).tune(x, f -> new Tuner.FoldInput(twice, List.of("v", "v_again")), y, null, folds,
                new double[] {0}, null, false));
        assertTrue(e.getMessage().contains("'v_again'"), e.getMessage());
        assertTrue(e.getMessage().startsWith("fold 1 of 2, whose fit trains on the tuning rows outside it: "),
                e.getMessage());
    }
}
