package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.preprocess.Standardizer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * "Converged" holds in every coordinate's own scale: raw columns of standard deviations 3000 and 1 had met the plain
 * test, |g| <= tol |g0|, before any step (the steep column made up |g0|), and gd stopped as converged after 2 epochs
 * with the flat coefficient at -9e-5 where the optimum has 1.98.
 */
class OwnScaleConvergenceTest {

    /** 200 rows: a (sd 3000) and b (sd 1), y = 3 a + 2 b + a little noise, all near mean 0. */
    private static Problem steepAndFlat() {
        SplittableRandom random = new SplittableRandom(8);
        int m = 200;
        double[][] x = new double[m][2];
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            x[i][0] = random.nextGaussian() * 3000;
            x[i][1] = random.nextGaussian();
            y[i] = (float) (3 * x[i][0] + 2 * x[i][1] + 0.1 * random.nextGaussian());
        }
        return Problem.of(Dataset.builder(DenseMatrix.of(x)).target("y", y).build(), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void aFlatCoordinateBesideASteepOneIsNotCalledConverged(String backendName) {
        Backend backend = backendName.equals("vector") ? new VectorBackend(2) : new ScalarBackend();
        Problem problem = steepAndFlat();
        assertTrue(OwnScaleGradient.of(problem).checks(0), "a spread of about 9e6");
        double exactFlat;
        try (BoundProblem bound = new ScalarBackend().bind(problem)) {
            exactFlat = new Trainer(TrainerConfig.builder().solver(Solver.EXACT).build()).train(bound)
                    .parameters().theta(0, 1);
        }
        assertEquals(2, exactFlat, 0.1);
        try (BoundProblem bound = backend.bind(problem)) {
            TrainingResult r = new Trainer(TrainerConfig.builder().maxEpochs(500).build()).train(bound);
            double flat = r.parameters().theta(0, 1);
            // Gradient steps cannot fit the flat coefficient in 500 epochs at this spread: it must not be called done.
            assertTrue(Math.abs(flat - exactFlat) > 0.5, "the flat coefficient " + flat + " is still far off");
            assertEquals(StopReason.MAX_EPOCHS, r.stopReason(0), r.toString());
            assertTrue(r.relativeGradientNorm(0) <= 1e-7, "the plain test alone would have stopped it: "
                    + r.relativeGradientNorm(0));
        }
    }

    /**
     * A start already at the minimum (targets all 0, as a constant target is once centred): its own-scale norm is
     * 0 / 0, which had read as not converged, and gd ran all its epochs where it had stopped after one.
     */
    @Test
    void aStartAlreadyAtTheMinimumConverges() {
        Problem steep = steepAndFlat();
        float[] zeros = new float[steep.rows()];
        Problem flatTarget = Problem.builder(steep.x()).model(zeros, null, 1).build();
        assertTrue(OwnScaleGradient.of(flatTarget).checks(0));
        try (BoundProblem bound = new ScalarBackend().bind(flatTarget)) {
            TrainingResult r = new Trainer(TrainerConfig.builder().maxEpochs(500).build()).train(bound);
            assertEquals(StopReason.CONVERGED, r.stopReason(0), r.toString());
            assertTrue(r.epochs(0) <= 2, r.toString());
        }
    }

    /** z-scored columns span no more than 100 (here about 1): the plain test alone decides, as it always did. */
    @Test
    void zScoredColumnsAreLeftToThePlainTest() {
        Dataset raw = EmbeddedData.diabetes();
        Dataset z = Dataset.builder(Standardizer.fit(raw.x()).transform(raw.x()))
                .featureNames(raw.featureNames()).target("progression", raw.target()).build();
        assertFalse(OwnScaleGradient.of(Problem.of(z, 1)).checks(0));
        assertFalse(OwnScaleGradient.of(Problem.of(z, 30)).checks(0), "lambda / W 0.07 is still a spread near 1");
    }

    /**
     * A spread the own-scale test checks, on a fit gd can finish: converged means converged in both tests, and the
     * coefficients are the exact solve's.
     */
    @Test
    void aFitThatConvergesInItsOwnScalesMatchesTheExactSolve() {
        SplittableRandom random = new SplittableRandom(3);
        int m = 300;
        double[][] x = new double[m][2];
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            x[i][0] = random.nextGaussian() * 30;
            x[i][1] = random.nextGaussian();
            y[i] = (float) (0.5 * x[i][0] - 1.5 * x[i][1] + 0.2 * random.nextGaussian());
        }
        Problem problem = Problem.of(Dataset.builder(DenseMatrix.of(x)).target("y", y).build(), 1);
        assertTrue(OwnScaleGradient.of(problem).checks(0), "a spread of about 900");
        try (BoundProblem exactBound = new ScalarBackend().bind(problem);
                BoundProblem bound = new ScalarBackend().bind(problem)) {
            TrainingResult exact = new Trainer(TrainerConfig.builder().solver(Solver.EXACT).build()).train(exactBound);
            TrainingResult gd = new Trainer(TrainerConfig.builder().maxEpochs(100_000).build()).train(bound);
            assertEquals(StopReason.CONVERGED, gd.stopReason(0), gd.toString());
            for (int j = 0; j < 2; j++) {
                assertEquals(exact.parameters().theta(0, j), gd.parameters().theta(0, j),
                        1e-4 * Math.abs(exact.parameters().theta(0, j)), "coefficient " + j);
            }
        }
    }
}
