package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backends;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Lanczos estimate of L against dense eigenvalues, and how many passes over X it takes. */
class LipschitzEstimatorTest {
    @Test
    void theLargestEigenvalueOfATridiagonalMatrixIsExact() {
        // The second-difference matrix (2 on the diagonal, -1 beside it): eigenvalues 2 - 2 cos(k pi / (n + 1)).
        int n = 50;
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.Arrays.fill(a, 2);
        java.util.Arrays.fill(b, -1);
        assertEquals(2 + 2 * Math.cos(Math.PI / (n + 1)), LipschitzEstimator.largestEigenvalue(a, b, n), 1e-14);
        assertEquals(7.5, LipschitzEstimator.largestEigenvalue(new double[] {7.5}, new double[] {0}, 1), 0);
        // [[1, 2], [2, 1]]: eigenvalues 3 and -1.
        assertEquals(3, LipschitzEstimator.largestEigenvalue(new double[] {1, 1}, new double[] {2, 0}, 2), 1e-14);
    }

    /**
     * 10,000 rows of 200 independent, centred columns of unit variance: the Hessian's spectrum is a continuum
     * up to about (1 + sqrt(200 / 10,000))^2 = 1.30, where the power iteration crept up (49 passes over X to
     * settle here); Lanczos settles in 16.
     */
    @Test
    void independentColumnsSettleInAFewPasses() {
        SplittableRandom rng = new SplittableRandom(7);
        int m = 10_000;
        int n = 200;
        DenseMatrix x = DenseMatrix.zeros(m, n);
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                float v = (float) (Math.sqrt(3) * (2 * rng.nextDouble() - 1));
                x.set(i, j, v);
                s += v * (j % 3 - 1);
            }
            y[i] = (float) (s + rng.nextGaussian());
        }
        Problem p = Problem.builder(x).model(y, null, 1.0).build();
        // stop is asked once before each iteration; each iteration and the gradient at 0 read X once.
        AtomicInteger iterations = new AtomicInteger();
        double estimate;
        try (BoundProblem bound = Backends.select("java-vector").backend().bind(p)) {
            estimate = LipschitzEstimator.estimate(bound, 3, () -> iterations.incrementAndGet() < 0)[0];
        }
        int passes = iterations.get() + 1;
        double exact = DenseHessian.largestEigenvalue(DenseHessian.of(p, 0));
        System.out.printf("Lipschitz estimate on 10,000 x 200 independent columns: %.6f (dense %.6f) after %d passes%n",
                estimate, exact, passes);
        assertEquals(exact, estimate, 1e-3 * exact);
        assertTrue(passes <= 32, passes + " passes");
    }

    /**
     * One direction far above the rest (a column repeated 30 times, so the top eigenvalue is about 30 and
     * the others about 1), which a random start meets with a small component: the estimate must find it,
     * not settle on the bulk.
     */
    @Test
    void anOutlyingEigenvalueIsFoundNotTheBulk() {
        SplittableRandom rng = new SplittableRandom(11);
        int m = 2_000;
        int n = 120;
        DenseMatrix x = DenseMatrix.zeros(m, n);
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            float shared = (float) rng.nextGaussian();
            for (int j = 0; j < n; j++) {
                x.set(i, j, j < 30 ? shared : (float) rng.nextGaussian());
            }
            y[i] = (float) (shared + rng.nextGaussian());
        }
        Problem p = Problem.builder(x).model(y, null, 0.1).build();
        double exact = DenseHessian.largestEigenvalue(DenseHessian.of(p, 0));
        assertTrue(exact > 25, "the outlier: " + exact);
        for (long seed : new long[] {1, 2, 3, 4, 5}) {
            try (BoundProblem bound = new ScalarBackend().bind(p)) {
                assertEquals(exact, LipschitzEstimator.estimate(bound, seed)[0], 1e-4 * exact, "seed " + seed);
            }
        }
    }

    /**
     * Stopped before the estimate settles (after three iterations; it settles after the fourth at the soonest),
     * the estimate is NaN, not the partial one: that lies below L, so its rate would be too large. A stop that
     * is never asked for gives the whole estimate.
     */
    @Test
    void aStopBeforeTheEstimateSettlesGivesNoEstimate() {
        Problem p = dev.ridgeline.testing.RandomProblems.batch(2_000, 50, 1, 11);
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            AtomicInteger asked = new AtomicInteger();
            double cut = LipschitzEstimator.estimate(bound, 3, () -> asked.incrementAndGet() > 3)[0];
            assertTrue(Double.isNaN(cut), "cut short: " + cut);
            assertEquals(4, asked.get());
            double whole = LipschitzEstimator.estimate(bound, 3, () -> false)[0];
            assertTrue(whole > 0 && whole < Double.POSITIVE_INFINITY, "whole: " + whole);
            assertEquals(LipschitzEstimator.estimate(bound, 3)[0], whole);
        }
    }
}
