package dev.ridgeline.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.data.KFold;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.eval.CvPoint;
import dev.ridgeline.preprocess.Standardizer;
import dev.ridgeline.train.ExactSolver;
import dev.ridgeline.train.Solver;
import dev.ridgeline.train.TrainerConfig;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of tuning: on diabetes (z-scored), the lambda chosen by 5-fold CV with gradient
 * descent, all 5 x L models in one batch, and its CV MSE match a plain computation on the same folds with
 * the exact solver, one fit per (lambda, fold) on the selected training rows.
 */
class TunerDiabetesTest {
    private static final double[] LAMBDAS = LambdaGrid.log(1e-2, 1e3, 11);

    private static DenseMatrix x() {
        Dataset d = EmbeddedData.diabetes();
        return Standardizer.fit(d.x()).transform(d.x());
    }

    /** Held-out MSE (lambda, fold) from ExactSolver fits on each fold's training rows. */
    private static double[][] exactFoldErrors(DenseMatrix x, float[] y, KFold folds) {
        double[][] errors = new double[LAMBDAS.length][folds.k()];
        for (int l = 0; l < LAMBDAS.length; l++) {
            for (int f = 0; f < folds.k(); f++) {
                int[] train = folds.training(f);
                Problem p = Problem.builder(x.selectRows(train)).model(pick(y, train), null, LAMBDAS[l]).build();
                Parameters theta = ExactSolver.solve(p);
                errors[l][f] = heldOut(x, y, folds.heldOut(f), theta);
            }
        }
        return errors;
    }

    private static double[] exactCv(DenseMatrix x, float[] y, KFold folds) {
        return java.util.Arrays.stream(exactFoldErrors(x, y, folds))
                .mapToDouble(e -> java.util.Arrays.stream(e).average().orElseThrow()).toArray();
    }

    private static double heldOut(DenseMatrix x, float[] y, int[] rows, Parameters p) {
        double s = 0;
        for (int i : rows) {
            double r = p.bias(0) - y[i];
            for (int j = 0; j < x.cols(); j++) {
                r += x.get(i, j) * p.theta(0, j);
            }
            s += r * r;
        }
        return s / rows.length;
    }

    private static float[] pick(float[] y, int[] rows) {
        float[] out = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            out[r] = y[rows[r]];
        }
        return out;
    }

    private static int argmin(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            best = a[i] < a[best] ? i : best;
        }
        return best;
    }

    @Test
    void gradientDescentCvChoosesTheSameLambdaAsExactCv() {
        DenseMatrix x = x();
        float[] y = EmbeddedData.diabetes().target();
        KFold folds = KFold.of(x.rows(), 5, 42);
        double[] reference = exactCv(x, y, folds);
        TrainerConfig gd = TrainerConfig.builder().maxEpochs(100_000).tolerance(1e-10)
                .momentum(0.9).nesterov(true).build();
        Tuner.Result r = new Tuner(new ScalarBackend(), gd).tune(x, y, folds, LAMBDAS, null, false);
        int expected = argmin(reference);
        assertEquals(LAMBDAS[expected], r.lambda(), "chosen lambda");
        assertEquals(reference[expected], r.cv().chosenPoint().mean(), 1e-7 * reference[expected], "its CV MSE");
        double worst = 0;
        for (int l = 0; l < LAMBDAS.length; l++) {
            CvPoint p = r.cv().points().get(l);
            assertEquals(reference[l], p.mean(), 1e-6 * reference[l], "CV MSE at lambda " + LAMBDAS[l]);
            worst = Math.max(worst, Math.abs(p.mean() - reference[l]) / reference[l]);
        }
        System.out.printf("diabetes 5-fold CV: lambda %s, CV MSE %.10g (exact %.10g), max relative gap over the grid %.3g%n",
                r.lambda(), r.cv().chosenPoint().mean(), reference[expected], worst);
    }

    @Test
    void oneStandardErrorChoiceMatchesTheExactComputation() {
        DenseMatrix x = x();
        float[] y = EmbeddedData.diabetes().target();
        KFold folds = KFold.of(x.rows(), 5, 42);
        double[][] errors = exactFoldErrors(x, y, folds);
        java.util.List<CvPoint> points = new java.util.ArrayList<>();
        for (int l = 0; l < LAMBDAS.length; l++) {
            points.add(CvPoint.of(LAMBDAS[l], Double.NaN, errors[l]));
        }
        var reference = dev.ridgeline.eval.CrossValidationResult.select(points, 5, true);
        TrainerConfig gd = TrainerConfig.builder().maxEpochs(100_000).tolerance(1e-10)
                .momentum(0.9).nesterov(true).build();
        Tuner.Result r = new Tuner(new ScalarBackend(), gd).tune(x, y, folds, LAMBDAS, null, true);
        assertEquals(reference.chosenPoint().lambda(), r.lambda(), "one-SE lambda");
        assertEquals(reference.chosenPoint().std(), r.cv().chosenPoint().std(), 1e-5 * reference.chosenPoint().std());
        System.out.printf("diabetes 5-fold CV, one-SE rule: lambda %s (best %s), CV MSE %.10g%n", r.lambda(),
                r.cv().bestPoint().lambda(), r.cv().chosenPoint().mean());
    }

    @Test
    void exactSolverThroughTheTunerMatchesTheReferenceTightly() {
        DenseMatrix x = x();
        float[] y = EmbeddedData.diabetes().target();
        KFold folds = KFold.of(x.rows(), 5, 7);
        double[] reference = exactCv(x, y, folds);
        TrainerConfig exact = TrainerConfig.builder().solver(Solver.EXACT).build();
        Tuner.Result r = new Tuner(new ScalarBackend(), exact).tune(x, y, folds, LAMBDAS, null, false);
        for (int l = 0; l < LAMBDAS.length; l++) {
            assertEquals(reference[l], r.cv().points().get(l).mean(), 1e-10 * reference[l]);
        }
    }
}
