package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.ClippedGradientStep;
import dev.ridgeline.engine.ClippedGradientStep.ClippedSum;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.testing.RandomProblems;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vector backend's clipped gradient sum against the scalar reference, and its determinism.
 *
 * <p>Tolerance: each clipped example gradient has norm at most C and the vector backend adds them in
 * float32 over runs of at most 64 rows, so each entry may differ from the double reference by at most
 * about 64 * 2^-24 * (sum of |terms|) per run, below 1e-5 * C * (batch size) overall. Parameters are
 * float32-representable so both backends see the same theta.
 */
class VectorClippedSumTest {
    private static final int LANES = VectorClippedSum.SPECIES.length();

    @ParameterizedTest(name = "m={0} n+{1} K={2} intercept={3}")
    @CsvSource({
        "1, 0, 1, true", "7, 1, 1, true", "130, -1, 1, true", "257, 3, 1, false", "300, 0, 3, true",
        "191, 5, 4, false", "65, 17, 2, true", "1000, 29, 3, true", "50, -100, 2, true"})
    void matchesTheScalarReference(int m, int lanesOffset, int k, boolean intercept) {
        int n = Math.max(1, LANES + lanesOffset);
        Problem p = problem(m, n, k, intercept, 40 + m);
        Parameters params = floatParameters(k, n, m);
        int[] order = shuffled(m, m);
        RowBatch batch = new RowBatch(order, m / 5, m);
        double clip = midMedianNorm(p, params, batch);
        ClippedSum scalar = sum(new ScalarBackend().bind(p), params, batch, clip);
        ClippedSum vector = sum(new VectorBackend(2).bind(p), params, batch, clip);
        int total = Arrays.stream(scalar.clippedRows()).sum();
        if (batch.size() > 1) {
            assertTrue(total > 0 && total < k * batch.size(), "some rows clipped and some not: " + total);
        }
        assertArrayEquals(scalar.clippedRows(), vector.clippedRows());
        double tolerance = 1e-5 * clip * batch.size();
        for (int model = 0; model < k; model++) {
            assertArrayEquals(scalar.sums()[model], vector.sums()[model], tolerance, "model " + model);
            if (!intercept) {
                assertEquals(0.0, vector.sums()[model][n]);
            }
        }
    }

    @Test
    void anEmptyBatchGivesZeros() {
        Problem p = problem(20, 5, 2, true, 3);
        ClippedSum s = sum(new VectorBackend(2).bind(p), floatParameters(2, 5, 3), new RowBatch(new int[0], 0, 0), 1);
        assertArrayEquals(new double[6], s.sums()[1]);
        assertArrayEquals(new int[2], s.clippedRows());
    }

    @Test
    void aBadClippingNormIsRefused() {
        Problem p = problem(20, 5, 1, true, 3);
        try (BoundProblem b = new VectorBackend(1).bind(p)) {
            RowBatch batch = new RowBatch(shuffled(20, 1), 0, 20);
            for (double c : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
                assertThrows(IllegalArgumentException.class, () -> ((ClippedGradientStep) b).clippedGradientSum(batch, c));
            }
        }
    }

    @Test
    void bitwiseIdenticalForOneTwoAndEightThreads() {
        Problem p = RandomProblems.batch(20_003, 41, 3, 5);
        Parameters params = floatParameters(3, 41, 9);
        RowBatch batch = new RowBatch(shuffled(p.rows(), 4), 100, 19_100);
        assertTrue(RowBlocks.of(batch.size(), 41).count() > 8, "the batch must span many blocks");
        double clip = midMedianNorm(p, params, batch);
        ClippedSum one = sum(new VectorBackend(1).bind(p), params, batch, clip);
        for (int threads : new int[] {2, 8, 8}) {
            ClippedSum other = sum(new VectorBackend(threads).bind(p), params, batch, clip);
            assertArrayEquals(one.clippedRows(), other.clippedRows());
            for (int model = 0; model < 3; model++) {
                assertArrayEquals(bits(one.sums()[model]), bits(other.sums()[model]), threads + " threads");
            }
        }
    }

    /**
     * The accountant assumes no example adds more than C: one clipped row's sum, in float arithmetic, stays at
     * or below C for every row and width (it had reached 2.000000031 at C = 2 from the float row norm).
     */
    @Test
    void aClippedExampleNeverExceedsTheClippingNorm() {
        double worst = 0;
        for (int n : new int[] {1, 7, 16, 33, 257, 1000}) {
            int m = 60;
            Problem p = problem(m, n, 2, true, 7 + n);
            Parameters params = floatParameters(2, n, n);
            double clip = 2.0;
            for (int row = 0; row < m; row++) {
                ClippedSum one = sum(new VectorBackend(1).bind(p), params, new RowBatch(new int[] {row}, 0, 1), clip * 1e-3);
                for (int model = 0; model < 2; model++) {
                    double norm = Math.sqrt(Arrays.stream(one.sums()[model]).map(v -> v * v).sum()) / 1e-3;
                    worst = Math.max(worst, norm / clip);
                    assertTrue(norm <= clip, "n = " + n + ", row " + row + ", model " + model + ": " + norm);
                }
            }
        }
        assertTrue(worst > 1 - 1e-5, "rows are clipped to about C, not far below it: " + worst);
    }

    /**
     * A row of values near float32's limit: its float lane sums overflowed (x . theta above 3.4e38, |x|^2
     * above it from |x| of 1.8e19), the clipped example became NaN (or 0), and a DP-SGD run failed or not
     * depending on that one row. Such rows are summed in double, as on the scalar reference.
     */
    @Test
    void aRowNearTheFloatLimitIsClippedLikeAnyOther() {
        int m = 30;
        int n = LANES + 4;
        DenseMatrix x = RandomProblems.features(m, n, 11);
        x.set(5, 0, 3e38f);
        x.set(5, LANES, 3e38f);  // the same lane: x . theta overflows there even with theta of 1
        x.set(9, 1, -2e19f);     // only |x|^2 overflows
        // Targets from other features: from these they would overflow too.
        Problem p = Problem.builder(x)
                .model(RandomProblems.target(RandomProblems.features(m, n, 12), 13, 0.5), null, 0.3)
                .model(RandomProblems.target(RandomProblems.features(m, n, 14), 15, 0.5), RandomProblems.weights(m, 16),
                        0.3)
                .build();
        Parameters random = floatParameters(2, n, 17);
        double[][] theta = {random.theta(0), random.theta(1)};
        theta[0][0] = 1;
        theta[0][LANES] = 1;
        Parameters params = new Parameters(theta, new double[] {random.bias(0), random.bias(1)});
        RowBatch batch = new RowBatch(shuffled(m, 18), 0, m);
        double clip = 1.0;
        ClippedSum scalar = sum(new ScalarBackend().bind(p), params, batch, clip);
        ClippedSum vector = sum(new VectorBackend(2).bind(p), params, batch, clip);
        assertArrayEquals(scalar.clippedRows(), vector.clippedRows());
        for (int model = 0; model < 2; model++) {
            assertTrue(Arrays.stream(vector.sums()[model]).allMatch(Double::isFinite), "model " + model);
            assertArrayEquals(scalar.sums()[model], vector.sums()[model], 1e-5 * clip * m, "model " + model);
        }
        // Each of the two rows adds an example of norm C (clipped), not 0: without them the sums differ by that.
        ClippedSum without = sum(new ScalarBackend().bind(p), params, new RowBatch(
                Arrays.stream(shuffled(m, 18)).filter(i -> i != 5 && i != 9).toArray(), 0, m - 2), clip);
        assertTrue(Math.abs(vector.sums()[0][0] - without.sums()[0][0]) > 0.5 * clip,
                "row 5's clipped example is in the vector sum: " + vector.sums()[0][0] + " vs " + without.sums()[0][0]);
    }

    private static ClippedSum sum(BoundProblem bound, Parameters params, RowBatch batch, double clip) {
        try (bound) {
            bound.setParameters(params);
            return ((ClippedGradientStep) bound).clippedGradientSum(batch, clip);
        }
    }

    private static Problem problem(int m, int n, int k, boolean intercept, long seed) {
        DenseMatrix x = RandomProblems.features(m, n, seed);
        Problem.Builder b = Problem.builder(x).fitIntercept(intercept);
        for (int model = 0; model < k; model++) {
            float[] w = model % 2 == 1 ? RandomProblems.weights(m, seed + model) : null;
            b.model(RandomProblems.target(x, seed + 100 * model, 0.5), w, 0.3);
        }
        return b.build();
    }

    /** Random parameters that float32 holds exactly, so both backends compute at the same point. */
    private static Parameters floatParameters(int k, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] theta = new double[k][n];
        double[] bias = new double[k];
        for (int model = 0; model < k; model++) {
            for (int j = 0; j < n; j++) {
                theta[model][j] = (float) rng.nextDouble(-1, 1);
            }
            bias[model] = (float) rng.nextDouble(-1, 1);
        }
        return new Parameters(theta, bias);
    }

    /**
     * A clipping norm halfway between the two middle example-gradient norms (over all models and batch
     * rows, in plain double loops), so that about half the rows are clipped and none sits at C.
     */
    private static double midMedianNorm(Problem p, Parameters params, RowBatch batch) {
        double[] norms = new double[p.models() * batch.size()];
        int at = 0;
        for (int model = 0; model < p.models(); model++) {
            for (int r = 0; r < batch.size(); r++) {
                int i = batch.order()[batch.from() + r];
                double residual = params.bias(model) * (p.fitIntercept() ? 1 : 0) - p.target(model)[i];
                double sq = p.fitIntercept() ? 1 : 0;
                for (int j = 0; j < p.features(); j++) {
                    residual += params.theta(model, j) * p.x().get(i, j);
                    sq += (double) p.x().get(i, j) * p.x().get(i, j);
                }
                norms[at++] = Math.abs(p.weight(model, i) * residual) * Math.sqrt(sq);
            }
        }
        Arrays.sort(norms);
        int mid = norms.length / 2;
        return norms.length < 2 ? 0.5 * norms[0] : 0.5 * (norms[mid - 1] + norms[mid]);
    }

    private static int[] shuffled(int m, long seed) {
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = m - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.doubleToRawLongBits(v[i]);
        }
        return out;
    }
}
