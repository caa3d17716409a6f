package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OffSpanDrift} reports gradient fits on no more rows than features whose iterates were put off the rows'
 * span, and stays quiet where they were not; every report is held against the fit's actual distance from the
 * exact minimiser, and every silence against its closeness.
 */
class OffSpanDriftTest {
    private static final int ROWS = 30;
    private static final int FEATURES = 120;

    /** ROWS x FEATURES (or the given shape) of columns with this mean and spread 2, float32 values. */
    private static double[][] columns(int rows, int features, double mean, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[rows][features];
        for (double[] row : x) {
            for (int j = 0; j < features; j++) {
                row[j] = (float) (mean + 2 * rng.nextGaussian());
            }
        }
        return x;
    }

    /** The same columns less their means (as float32 values). */
    private static double[][] centred(double[][] x) {
        double[][] out = new double[x.length][x[0].length];
        for (int j = 0; j < x[0].length; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j] / x.length;
            }
            for (int i = 0; i < x.length; i++) {
                out[i][j] = (float) (x[i][j] - mean);
            }
        }
        return out;
    }

    private static float[] targets(double[][] x, long seed) {
        Random rng = new Random(seed);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (int j = 0; j < x[i].length; j++) {
                sum += x[i][j] * (j % 3 - 1) / Math.sqrt(x[i].length);
            }
            y[i] = (float) (sum + 0.1 * rng.nextGaussian());
        }
        return y;
    }

    private record Fit(Optional<OffSpanDrift> drift, double coefficientError, double interceptError) {
    }

    /** Trains by config on java-scalar, and compares with the exact minimiser. */
    private static Fit fit(double[][] x, float[] w, double lambda, TrainerConfig config) {
        DenseMatrix matrix = DenseMatrix.of(x);
        Problem problem = Problem.builder(matrix).model(targets(x, 3), w, lambda).build();
        TrainingResult result;
        try (BoundProblem bound = new ScalarBackend().bind(problem)) {
            result = new Trainer(config).train(bound);
        }
        Parameters exact = ExactSolver.solve(problem);
        double[] got = result.parameters().theta(0);
        double[] want = exact.theta(0);
        double diff = 0;
        double norm = 0;
        for (int j = 0; j < got.length; j++) {
            diff += (got[j] - want[j]) * (got[j] - want[j]);
            norm += want[j] * want[j];
        }
        double interceptError = Math.abs(result.parameters().bias(0) - exact.bias(0)) / Math.abs(exact.bias(0));
        return new Fit(OffSpanDrift.of(matrix, w, lambda, true, config, result), Math.sqrt(diff / norm),
                interceptError);
    }

    private static TrainerConfig gd() {
        return TrainerConfig.builder().solver(Solver.GD).maxEpochs(3000).build();
    }

    @Test
    void uncentredWideColumnsAreReportedAndTheFitIsOffTheMinimiser() {
        Fit f = fit(columns(ROWS, FEATURES, 1, 1), null, 1, gd());
        assertTrue(f.drift().isPresent(), "a report");
        OffSpanDrift d = f.drift().get();
        assertTrue(d.coupledLingers() && !d.startLingers(), d.toString());
        assertEquals(ROWS, d.rows());
        assertEquals(FEATURES, d.features());
        assertTrue(d.coupledRemaining() >= OffSpanDrift.LINGERS && d.coupledRemaining() <= 1, d.toString());
        assertTrue(f.interceptError() > 1e-3 || f.coefficientError() > 1e-3, "the fit is off: " + f);
    }

    @Test
    void centredWideColumnsFromAZeroStartAreNotReportedAndReachTheMinimiser() {
        Fit f = fit(centred(columns(ROWS, FEATURES, 1, 1)), null, 1, gd());
        assertFalse(f.drift().isPresent(), f.toString());
        assertTrue(f.coefficientError() < 1e-4, f.toString());
    }

    @Test
    void aRandomStartOnCentredWideColumnsIsReportedWhileThePenaltyIsWeak() {
        TrainerConfig random = gd().toBuilder().initialization(Initialization.random(0.5, 7)).build();
        Fit weak = fit(centred(columns(ROWS, FEATURES, 1, 1)), null, 1, random);
        assertTrue(weak.drift().isPresent() && weak.drift().get().startLingers() && !weak.drift().get().uncentred(),
                weak.toString());
        assertTrue(weak.coefficientError() > 1e-2, "the start's part off the span is still there: " + weak);
        // lambda / W = 2 shrinks that part by far more than LINGERS within the epochs.
        Fit strong = fit(centred(columns(ROWS, FEATURES, 1, 1)), null, 2 * ROWS, random);
        assertFalse(strong.drift().isPresent(), strong.toString());
        assertTrue(strong.coefficientError() < 1e-3, strong.toString());
    }

    @Test
    void tallRowsAreNotReportedWhateverTheirCentring() {
        Fit f = fit(columns(4 * FEATURES, FEATURES / 4, 5, 2), null, 1, gd());
        assertFalse(f.drift().isPresent(), f.toString());
    }

    @Test
    void rowsOfWeightZeroDoNotCount() {
        int rows = FEATURES + 40;
        float[] w = new float[rows];
        for (int i = 0; i < ROWS; i++) {
            w[i] = 1;
        }
        Fit f = fit(columns(rows, FEATURES, 1, 4), w, 1, gd());
        assertTrue(f.drift().isPresent(), "only " + ROWS + " rows weigh: " + f);
        assertEquals(ROWS, f.drift().get().rows());
    }

    @Test
    void theExactSolverAndLambdaZeroAreNotReported() {
        double[][] x = columns(ROWS, FEATURES, 1, 1);
        DenseMatrix matrix = DenseMatrix.of(x);
        Problem problem = Problem.builder(matrix).model(targets(x, 3), null, 1).build();
        TrainerConfig exact = TrainerConfig.builder().solver(Solver.EXACT).build();
        try (BoundProblem bound = new ScalarBackend().bind(problem)) {
            TrainingResult result = new Trainer(exact).train(bound);
            assertFalse(OffSpanDrift.of(matrix, null, 1, true, exact, result).isPresent());
        }
        TrainerConfig short50 = gd().toBuilder().maxEpochs(50).build();
        Problem unpenalised = Problem.builder(matrix).model(targets(x, 3), null, 0).build();
        try (BoundProblem bound = new ScalarBackend().bind(unpenalised)) {
            TrainingResult result = new Trainer(short50).train(bound);
            assertFalse(OffSpanDrift.of(matrix, null, 0, true, short50, result).isPresent());
            assertTrue(OffSpanDrift.of(matrix, null, 1, true, short50, result).isPresent(), "the same steps at lambda 1");
        }
    }

    @Test
    void sgdWithMomentumCountsTheLastBatchMergedWithTheRowsLeftOver() {
        // 30 rows at batch size 20: without momentum an epoch is two steps (20, then the 10 left over), with it
        // one, the 10 rows joining the batch before them.
        TrainerConfig sgd = TrainerConfig.builder().solver(Solver.SGD).batchSize(20).maxEpochs(40).plateauReads(0)
                .tolerance(0).initialization(Initialization.random(0.5, 7)).build();
        double[][] x = centred(columns(ROWS, FEATURES, 1, 1));
        OffSpanDrift plain = fit(x, null, 1, sgd).drift().orElseThrow();
        assertEquals(80, plain.steps(), plain.toString());
        OffSpanDrift momentum = fit(x, null, 1, sgd.toBuilder().momentum(0.5).build()).drift().orElseThrow();
        assertEquals(40, momentum.steps(), momentum.toString());
    }
}
