package dev.ridgeline.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.eval.RegressionMetrics;
import dev.ridgeline.testing.RandomProblems;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class DpSgdTrainerTest {
    private static final Backend SCALAR = new ScalarBackend();

    private static DpSgdConfig config(double q, double sigma, double clip, double epochs, double lr) {
        return new DpSgdConfig(q, sigma, clip, epochs, lr, 1e-5, 7, false, RdpConversion.IMPROVED);
    }

    private static double r2(Problem p, Parameters params) {
        double[] pred = new double[p.rows()];
        for (int i = 0; i < p.rows(); i++) {
            double s = params.bias(0);
            for (int j = 0; j < p.features(); j++) {
                s += params.theta(0, j) * p.x().get(i, j);
            }
            pred[i] = s;
        }
        return RegressionMetrics.of(p.target(0), pred).r2();
    }

    @Test
    void hugeNoiseDoesNotLearnWhileModestNoiseDoes() {
        DenseMatrix x = RandomProblems.features(2000, 4, 3);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, 3, 0.1), null, 0.0).build();
        DpSgdResult noisy = new DpSgdTrainer(config(0.05, 1e4, 1, 10, 0.5)).train(SCALAR, p);
        DpSgdResult modest = new DpSgdTrainer(config(0.05, 0.5, 1, 10, 0.5)).train(SCALAR, p);
        assertTrue(r2(p, noisy.parameters()) < 0, "huge noise R2 " + r2(p, noisy.parameters()));
        assertTrue(r2(p, modest.parameters()) > 0.8, "modest noise R2 " + r2(p, modest.parameters()));
        assertTrue(noisy.privacy().epsilon() < modest.privacy().epsilon());
    }

    /** The progress callback hears every step, in order, and the result is the same as without it. */
    @Test
    void everyStepIsReportedInOrderAndChangesNothing() {
        Problem p = RandomProblems.batch(200, 3, 1, 4);
        DpSgdConfig c = config(0.1, 1.0, 1, 2.5, 0.2);
        java.util.List<Long> heard = new java.util.ArrayList<>();
        DpSgdResult reported = new DpSgdTrainer(c).train(SCALAR, p, heard::add);
        assertEquals(25, c.steps());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList(), heard);
        assertEquals(new DpSgdTrainer(c).train(SCALAR, p).parameters(), reported.parameters());
    }

    @Test
    void zeroNoiseEqualsPlainClippedGradientDescentComputedIndependently() {
        Problem p = RandomProblems.batch(50, 3, 1, 11);
        // q = 1: every row in every step; 20 steps; C = 0.3 clips most rows at the start.
        assertMatchesIndependentClippedDescent(p, 0.3, 0.4, 20);
    }

    @Test
    void weightedRowsWithoutInterceptMatchTheIndependentComputation() {
        DenseMatrix x = RandomProblems.features(60, 3, 12);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, 12, 0.1), RandomProblems.weights(60, 12), 0.7)
                .fitIntercept(false).build();
        assertMatchesIndependentClippedDescent(p, 0.5, 0.3, 25);
    }

    /** Clipped full-batch descent in plain double loops: sum_i clip(w_i r_i [x_i, 1], C) / W + lambda/W theta. */
    private static void assertMatchesIndependentClippedDescent(Problem p, double clip, double lr, int steps) {
        DpSgdResult dp = new DpSgdTrainer(config(1.0, 0.0, clip, steps, lr)).train(SCALAR, p);
        double[][] x = p.x().toDoubleArray();
        float[] y = p.target(0);
        int n = x[0].length;
        double w = p.totalWeight(0);
        double[] t = new double[n];
        double b = 0;
        for (int step = 0; step < steps; step++) {
            double[] sum = new double[n + 1];
            for (int i = 0; i < x.length; i++) {
                double r = b - y[i];
                for (int j = 0; j < n; j++) {
                    r += t[j] * x[i][j];
                }
                double[] gi = new double[n + 1];
                double sq = 0;
                for (int j = 0; j <= n; j++) {
                    gi[j] = p.weight(0, i) * r * (j < n ? x[i][j] : (p.fitIntercept() ? 1 : 0));
                    sq += gi[j] * gi[j];
                }
                double f = sq > clip * clip ? clip / Math.sqrt(sq) : 1;
                for (int j = 0; j <= n; j++) {
                    sum[j] += f * gi[j];
                }
            }
            for (int j = 0; j < n; j++) {
                t[j] -= lr * (sum[j] / w + p.lambda(0) / w * t[j]);
            }
            b -= lr * sum[n] / w;
        }
        assertArrayEquals(t, dp.parameters().theta(0), 1e-12);
        assertEquals(b, dp.parameters().bias(0), 1e-12);
        assertTrue(dp.clippedFraction() > 0.1, "the test must exercise clipping: " + dp.clippedFraction());
        assertTrue(Double.isInfinite(dp.privacy().epsilon()), "no noise, no guarantee");
    }

    @Test
    void withoutClippingOrNoiseItIsTheEnginesFullBatchStep() {
        Problem p = RandomProblems.batch(40, 3, 1, 5);
        DpSgdResult dp = new DpSgdTrainer(config(1.0, 0.0, 1e9, 15, 0.3)).train(SCALAR, p);
        try (BoundProblem bound = SCALAR.bind(p)) {
            for (int s = 0; s < 15; s++) {
                bound.step(dev.ridgeline.engine.StepRule.plain(1, 0.3), null);
            }
            assertArrayEquals(bound.parameters().theta(0), dp.parameters().theta(0), 1e-10);
            assertEquals(bound.parameters().bias(0), dp.parameters().bias(0), 1e-10);
        }
        assertEquals(0.0, dp.clippedFraction());
    }

    @Test
    void seededRunsRepeatAndReportTheAccountantsEpsilon() {
        Problem p = RandomProblems.batch(300, 3, 1, 2);
        DpSgdConfig c = config(0.1, 1.1, 1, 3, 0.2);
        DpSgdResult a = new DpSgdTrainer(c).train(SCALAR, p);
        DpSgdResult b = new DpSgdTrainer(c).train(SCALAR, p);
        assertArrayEquals(a.parameters().theta(0), b.parameters().theta(0), 0.0);
        assertEquals(30, a.steps());
        double expected = new RdpAccountant().step(0.1, 1.1, 30).spent(1e-5).epsilon();
        assertEquals(expected, a.privacy().epsilon(), 0.0);
        assertEquals(30, a.meanBatchSize(), 6, "Poisson batches average q m");
    }

    @Test
    void secureRandomRunsDiffer() {
        Problem p = RandomProblems.batch(200, 2, 1, 4);
        DpSgdConfig c = new DpSgdConfig(0.2, 1.0, 1, 2, 0.2, 1e-5, 7, true, RdpConversion.IMPROVED);
        DpSgdResult a = new DpSgdTrainer(c).train(SCALAR, p);
        DpSgdResult b = new DpSgdTrainer(c).train(SCALAR, p);
        assertTrue(a.parameters().theta(0, 0) != b.parameters().theta(0, 0));
    }

    @Test
    void aBackendWithoutClippingIsNamedInTheError() {
        Backend plain = new Backend() {
            @Override
            public String name() {
                return "no-clip";
            }

            @Override
            public BoundProblem bind(Problem problem) {
                BoundProblem inner = SCALAR.bind(problem);
                return (BoundProblem) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {BoundProblem.class}, (proxy, m, args) -> m.invoke(inner, args));
            }
        };
        Problem p = RandomProblems.batch(20, 2, 1, 1);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new DpSgdTrainer(config(0.5, 1, 1, 1, 0.1)).train(plain, p));
        assertTrue(e.getMessage().contains("backend no-clip does not support DP-SGD"), e.getMessage());
    }

    /** It ignored the interrupt: a 50,000,000-step run went on 15 s after it. It stops within a step now. */
    @Test
    void anInterruptedRunStopsWithNoModelAndKeepsTheStatus() {
        Problem p = RandomProblems.batch(200, 3, 1, 5);
        DpSgdConfig endless = config(0.1, 1.1, 1, 1_000_000_000, 0.2);
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class,
                    () -> new DpSgdTrainer(endless).train(SCALAR, p));
            assertEquals("DP-SGD was interrupted after 0 of 10000000000 steps", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the status stays set for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    /** A missing conversion failed only when epsilon was asked for: after the whole run. */
    @Test
    void aMissingConversionIsRefusedUpFront() {
        assertThrows(NullPointerException.class,
                () -> new DpSgdConfig(0.1, 1, 1, 1, 0.1, 1e-5, 1, false, null));
        assertThrows(NullPointerException.class, () -> new RdpAccountant(RdpAccountant.defaultOrders(), null));
    }

    @Test
    void multiModelProblemsAreRefused() {
        Problem p = RandomProblems.batch(20, 2, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> new DpSgdTrainer(config(0.5, 1, 1, 1, 0.1)).train(SCALAR, p));
    }

    /**
     * The Gaussian noise added to each summed gradient coordinate, the bias's included, has standard deviation
     * sigma C (Abadi et al. 2016). With all-zero features and targets every clipped gradient is 0, so one step
     * at q = 1 and rate 1 leaves theta_j = -sigma C Z_j / N and bias = -sigma C Z / N: N times their sample
     * standard deviation estimates sigma C = 1.5 * 2 = 3 (2,000 and 400 draws: a tolerance of 10% is about three
     * standard errors).
     */
    @Test
    void theNoiseHasStandardDeviationSigmaTimesTheClipNorm() {
        int rows = 10;
        int features = 5;
        Problem p = Problem.builder(DenseMatrix.zeros(rows, features)).model(new float[rows], null, 0.0).build();
        int runs = 400;
        double[] thetas = new double[runs * features];
        double[] biases = new double[runs];
        for (int seed = 0; seed < runs; seed++) {
            DpSgdConfig c = new DpSgdConfig(1.0, 1.5, 2.0, 1, 1.0, 1e-5, seed, false, RdpConversion.IMPROVED);
            assertEquals(1, c.steps());
            Parameters params = new DpSgdTrainer(c).train(SCALAR, p).parameters();
            for (int j = 0; j < features; j++) {
                thetas[seed * features + j] = params.theta(0, j) * rows;
            }
            biases[seed] = params.bias(0) * rows;
        }
        assertEquals(3.0, rootMeanSquare(thetas), 0.3);
        assertEquals(3.0, rootMeanSquare(biases), 0.3);
    }

    /**
     * The run's mean batch and clipped share, exactly where they are certain: at q = 1 every step draws all 40 rows,
     * a mean batch of 40 over the 8 steps; rows of x = 0, y = 1 start with example gradients [0, 0, -1] of norm 1,
     * and at a clip norm of 0.5 each step moves the bias by lr 0.5 = 0.05 (0.4 after 8 steps: every example norm
     * stays at least 0.6, every row of every step clipped), while at a clip norm of 2 no norm, at most 1, is clipped.
     */
    @Test
    void theMeanBatchAndClippedShareAreCountedOverEveryStep() {
        int rows = 40;
        float[] ones = new float[rows];
        java.util.Arrays.fill(ones, 1f);
        Problem p = Problem.builder(DenseMatrix.zeros(rows, 2)).model(ones, null, 0.0).build();
        DpSgdResult tight = new DpSgdTrainer(new DpSgdConfig(1.0, 0.0, 0.5, 8, 0.1, 1e-5, 1, false,
                RdpConversion.IMPROVED)).train(SCALAR, p);
        assertEquals(8, tight.steps());
        assertEquals(40.0, tight.meanBatchSize());
        assertEquals(1.0, tight.clippedFraction());
        DpSgdResult loose = new DpSgdTrainer(new DpSgdConfig(1.0, 0.0, 2.0, 8, 0.1, 1e-5, 1, false,
                RdpConversion.IMPROVED)).train(SCALAR, p);
        assertEquals(40.0, loose.meanBatchSize());
        assertEquals(0.0, loose.clippedFraction());
    }

    /**
     * The L2 term is lambda / W theta, the objective's own, at any sampling rate: only the data sum is divided by the
     * expected batch q W. Without noise or clipping, sampled descent on one feature x = +-1 (100 rows, no intercept)
     * with y = 2x settles at the ridge solution theta = sum x y / (sum x^2 + lambda) = 200 / (100 + 100) = 1; a
     * penalty divided by q W as well would act as lambda / q = 500 and settle at 200 / 600 = 0.33. Each step's
     * batch noise is about lr |theta - 2| sqrt(m q (1 - q)) / (q W) = 0.01, a spread of about 0.02 at the end.
     */
    @Test
    void theL2TermIsLambdaOverTheTotalWeightAtAnySamplingRate() {
        int rows = 100;
        float[][] x = new float[rows][1];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = i % 2 == 0 ? 1 : -1;
            y[i] = 2 * x[i][0];
        }
        Problem p = Problem.builder(DenseMatrix.of(x)).model(y, null, 100.0).fitIntercept(false).build();
        DpSgdConfig c = new DpSgdConfig(0.2, 0.0, 1e6, 40, 0.05, 1e-5, 3, false, RdpConversion.IMPROVED);
        assertEquals(200, c.steps());
        assertEquals(1.0, new DpSgdTrainer(c).train(SCALAR, p).parameters().theta(0, 0), 0.1);
    }

    /**
     * Each step's noisy sum is divided by the expected batch q W, not by the rows the step drew: at q = 0.3 the
     * noise a step adds has standard deviation sigma C / (q W) whatever its batch (at q = 1, as above, the two
     * are the same). 4 steps of zero gradients leave theta = -lr (sum of 4 noise draws) / (q W).
     */
    @Test
    void theNoiseIsScaledByTheExpectedBatchNotTheDrawnOne() {
        int rows = 10;
        int features = 5;
        Problem p = Problem.builder(DenseMatrix.zeros(rows, features)).model(new float[rows], null, 0.0).build();
        int runs = 400;
        double[] thetas = new double[runs * features];
        for (int seed = 0; seed < runs; seed++) {
            DpSgdConfig c = new DpSgdConfig(0.3, 1.5, 2.0, 1, 1.0, 1e-5, seed, false, RdpConversion.IMPROVED);
            assertEquals(4, c.steps());
            Parameters params = new DpSgdTrainer(c).train(SCALAR, p).parameters();
            for (int j = 0; j < features; j++) {
                thetas[seed * features + j] = params.theta(0, j) * 0.3 * rows / Math.sqrt(4);
            }
        }
        assertEquals(3.0, rootMeanSquare(thetas), 0.3);
    }

    /**
     * The accountant assumes Poisson sampling, each row drawn with probability q on its own, so the batch size
     * varies (binomial: variance m q (1 - q)) and can be 0. One step on rows of x = 0 and y = 1 without noise moves
     * the bias by lr |B| / (q m), which gives the batch away; a fixed-size draw of q m rows would give 2 every time.
     */
    @Test
    void theTrainerDrawsPoissonBatches() {
        int rows = 20;
        float[] ones = new float[rows];
        java.util.Arrays.fill(ones, 1f);
        Problem p = Problem.builder(DenseMatrix.zeros(rows, 1)).model(ones, null, 0.0).build();
        int runs = 2000;
        double sum = 0;
        double sumSquares = 0;
        int empty = 0;
        for (int seed = 0; seed < runs; seed++) {
            DpSgdConfig c = new DpSgdConfig(0.1, 0.0, 2.0, 0.1, 1e-3, 1e-5, seed, false, RdpConversion.IMPROVED);
            assertEquals(1, c.steps());
            double batch = new DpSgdTrainer(c).train(SCALAR, p).parameters().bias(0) * 0.1 * rows / 1e-3;
            assertEquals(Math.rint(batch), batch, 1e-6, "a whole number of rows");
            sum += batch;
            sumSquares += batch * batch;
            empty += batch == 0 ? 1 : 0;
        }
        double mean = sum / runs;
        double variance = sumSquares / runs - mean * mean;
        // Binomial(20, 0.1): mean 2, variance 1.8, P(empty) = 0.9^20 = 0.122; bounds at about 5 standard errors.
        assertEquals(2.0, mean, 0.15, "mean batch");
        assertEquals(1.8, variance, 0.45, "batch variance");
        assertEquals(0.122 * runs, empty, 5 * Math.sqrt(0.122 * 0.878 * runs), "empty batches");
    }

    private static double rootMeanSquare(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s / v.length);
    }
}
