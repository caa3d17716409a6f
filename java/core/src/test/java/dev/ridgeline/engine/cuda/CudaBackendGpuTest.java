package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BackendProvider.Availability;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.ClippedGradientStep;
import dev.ridgeline.engine.ClippedGradientStep.ClippedSum;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.PassStats;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.privacy.DpSgdConfig;
import dev.ridgeline.privacy.DpSgdResult;
import dev.ridgeline.privacy.DpSgdTrainer;
import dev.ridgeline.privacy.RdpConversion;
import dev.ridgeline.testing.ClosedBoundProblems;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.testing.GpuTestMain;
import java.util.Arrays;
import jcuda.driver.CUcontext;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CUDA backend against the scalar reference on a GPU; every test skips with the reason without one.
 * Tolerance: 1e-4 normwise relative (float32 data and per-thread float sums, double across blocks).
 */
class CudaBackendGpuTest {
    private static final double TOLERANCE = 1e-4;

    @BeforeEach
    void requireGpu() {
        Availability a = new CudaBackendProvider().availability();
        assumeTrue(a.available(), "CUDA unavailable: " + a.reason());
    }

    /**
     * Every entry point gives the calling thread back the context it had: here none, as on a fresh thread (a
     * service that also drives CUDA itself finds its own context current after each call, not the backend's).
     */
    @Test
    void everyCallGivesTheThreadBackTheContextItHad() {
        CUcontext none = new CUcontext();
        CudaContext.restore(none);
        assertEquals(none, CudaContext.current(), "no context current to begin with");
        try (BoundProblem bound = new CudaBackend().bind(RandomProblems.batch(100, 4, 2, 3))) {
            assertEquals(none, CudaContext.current(), "after the bind");
            bound.step(StepRule.plain(2, 0.01), null);
            assertEquals(none, CudaContext.current(), "after a step");
            bound.steps(StepRule.plain(2, 0.01), 2 * CudaBoundProblem.GRAPH_EPOCHS);
            bound.lastPass();
            bound.loss();
            bound.parameters();
            assertEquals(none, CudaContext.current(), "after the reads");
        }
        assertEquals(none, CudaContext.current(), "after the close");
    }

    /**
     * m x n x K of the checks, less those above {@value GpuTestMain#MAX_CELLS_PROPERTY} cells when it is set
     * (native/standin-check.sh: the driver stand-in runs the kernels on the CPU, where the largest take minutes).
     */
    static Stream<Arguments> shapes() {
        int[][] all = {{1, 1, 1}, {3, 7, 1}, {8, 8, 2}, {15, 16, 8}, {17, 17, 9}, {1023, 3, 8}, {4099, 15, 1},
            {4099, 1023, 2}, {4099, 1024, 8}, {333, 1025, 3}, {333, 1025, 1}, {77, 4096, 1}, {129, 4099, 1},
            {50, 4097, 1}};
        return within(all);
    }

    /** The shapes of at most {@link GpuTestMain#maxCells} rows x features x models, as test arguments. */
    private static Stream<Arguments> within(int[][] shapes) {
        long most = GpuTestMain.maxCells();
        return Arrays.stream(shapes).filter(s -> (long) s[0] * s[1] * s[2] <= most)
                .map(s -> Arguments.of(s[0], s[1], s[2]));
    }

    @ParameterizedTest(name = "{0}x{1} K={2}")
    @MethodSource("shapes")
    void lossGradientStepsAndPredictionsMatchTheScalarReference(int m, int n, int k) {
        Problem p = RandomProblems.batch(m, n, k, 31L * m + n);
        Parameters start = randomParameters(k, n, m);
        double lr = 0.5 / (0.6 * n + 2);
        StepRule rule = new StepRule(rates(k, lr), 0.9, true);
        try (BoundProblem ref = new ScalarBackend().bind(p); BoundProblem gpu = new CudaBackend().bind(p)) {
            ref.setParameters(start);
            gpu.setParameters(start);
            assertClose(ref.loss(), gpu.loss(), "loss");
            Gradient gr = ref.lossAndGradient();
            Gradient gg = gpu.lossAndGradient();
            assertClose(gr.loss(), gg.loss(), "gradient loss");
            for (int model = 0; model < k; model++) {
                assertClose(gr.theta()[model], gg.theta()[model], "gradient theta " + model);
            }
            assertClose(gr.bias(), gg.bias(), "gradient bias");
            ref.steps(rule, 11);
            gpu.steps(rule, 11);
            assertClose(ref.lastPass().loss(), gpu.lastPass().loss(), "lastPass loss");
            assertClose(ref.lastPass().gradientNorm(), gpu.lastPass().gradientNorm(), "lastPass norm");
            RowBatch batch = new RowBatch(shuffled(m), 0, Math.max(1, m / 3));
            ref.step(rule, batch);
            gpu.step(rule, batch);
            assertParametersClose(ref.parameters(), gpu.parameters());
            assertClose(ref.lastPass().loss(), gpu.lastPass().loss(), "batch lastPass loss");
            double[][] pr = ref.predict(p.x());
            double[][] pg = gpu.predict(p.x());
            for (int model = 0; model < k; model++) {
                assertClose(pr[model], pg[model], "predict " + model);
            }
        }
    }

    /**
     * DP-SGD's clipped sum: double arithmetic on the device, so within 1e-9 of C * rows of the reference
     * (only the order of the sums differs), the same clipped counts, and bitwise the same on a second call.
     */
    /** The clipped-sum checks' m x n x K, less those above {@value GpuTestMain#MAX_CELLS_PROPERTY} when set. */
    static Stream<Arguments> clippedShapes() {
        return within(new int[][] {{1, 1, 1}, {77, 3, 1}, {300, 17, 3}, {1000, 33, 9}, {2000, 1025, 2}, {64, 4099, 1}});
    }

    @ParameterizedTest(name = "{0}x{1} K={2}")
    @MethodSource("clippedShapes")
    void clippedGradientSumMatchesTheScalarReference(int m, int n, int k) {
        Problem p = RandomProblems.batch(m, n, k, 7L * m + n);
        Parameters start = randomParameters(k, n, m);
        RowBatch batch = new RowBatch(shuffled(m), m / 4, m);
        try (BoundProblem ref = new ScalarBackend().bind(p); BoundProblem gpu = new CudaBackend().bind(p)) {
            ref.setParameters(start);
            gpu.setParameters(start);
            double clip = midMedianNorm((ClippedGradientStep) ref, batch, k);
            ClippedSum want = ((ClippedGradientStep) ref).clippedGradientSum(batch, clip);
            int clipped = Arrays.stream(want.clippedRows()).sum();
            assertTrue(batch.size() < 2 || (clipped > 0 && clipped < k * batch.size()), "clipped " + clipped);
            ClippedSum got = ((ClippedGradientStep) gpu).clippedGradientSum(batch, clip);
            ClippedSum again = ((ClippedGradientStep) gpu).clippedGradientSum(batch, clip);
            assertArrayEquals(want.clippedRows(), got.clippedRows());
            for (int model = 0; model < k; model++) {
                assertArrayEquals(want.sums()[model], got.sums()[model], 1e-9 * clip * batch.size(), "model " + model);
                assertArrayEquals(got.sums()[model], again.sums()[model], 0.0, "repeat, model " + model);
            }
        }
    }

    /** DP-SGD end to end: the same seed spends the same (epsilon, delta) and ends at the scalar run's model. */
    @Test
    void dpSgdMatchesTheScalarRunWithTheSameSeed() {
        Problem p = RandomProblems.batch(3000, 13, 1, 21);
        DpSgdConfig c = new DpSgdConfig(0.05, 1.1, 1.0, 5, 0.3, 1e-5, 17, false, RdpConversion.IMPROVED);
        DpSgdResult ref = new DpSgdTrainer(c).train(new ScalarBackend(), p);
        DpSgdResult gpu = new DpSgdTrainer(c).train(new CudaBackend(), p);
        assertEquals(ref.privacy(), gpu.privacy());
        assertEquals(ref.clippedFraction(), gpu.clippedFraction(), 1e-3);
        assertParametersClose(ref.parameters(), gpu.parameters());
    }

    /**
     * A clipping norm halfway between the two middle example-gradient norms (each example's unclipped
     * gradient from the scalar reference on a one-row batch): about half the rows clipped, none at C.
     */
    private static double midMedianNorm(ClippedGradientStep ref, RowBatch batch, int models) {
        double[] norms = new double[models * batch.size()];
        for (int r = 0; r < batch.size(); r++) {
            int at = batch.from() + r;
            double[][] g = ref.clippedGradientSum(new RowBatch(batch.order(), at, at + 1), 1e300).sums();
            for (int model = 0; model < models; model++) {
                norms[model * batch.size() + r] = Math.sqrt(Arrays.stream(g[model]).map(v -> v * v).sum());
            }
        }
        Arrays.sort(norms);
        int mid = norms.length / 2;
        return norms.length < 2 ? 0.5 * norms[0] : 0.5 * (norms[mid - 1] + norms[mid]);
    }

    @Test
    @Tag(GpuTestMain.LARGE)
    void sameInputsGiveBitwiseTheSameParametersWithAndWithoutGraphs() {
        Problem p = RandomProblems.batch(4099, 33, 8, 5);
        Parameters[] runs = new Parameters[3];
        for (int run = 0; run < 3; run++) {
            try (BoundProblem gpu = new CudaBackend(run != 2).bind(p)) {
                gpu.setParameters(randomParameters(8, 33, 1));
                StepRule rule = new StepRule(rates(8, 0.02), 0.5, false);
                gpu.steps(rule, 37);
                gpu.step(rule, new RowBatch(shuffled(4099), 100, 900));
                runs[run] = gpu.parameters();
            }
        }
        for (int run = 1; run < 3; run++) {
            for (int model = 0; model < 8; model++) {
                assertArrayEquals(runs[0].theta(model), runs[run].theta(model), "run " + run + " model " + model);
                assertEquals(runs[0].bias(model), runs[run].bias(model));
            }
        }
    }

    /** Checked launches wait for each kernel from the host: the same kernels in the same order as without graphs. */
    @Test
    void checkedLaunchesGiveBitwiseTheSameParametersAsUncheckedOnes() {
        Problem p = RandomProblems.batch(1023, 17, 3, 8);
        Parameters[] runs = new Parameters[2];
        for (int run = 0; run < 2; run++) {
            try (CudaBoundProblem gpu = (CudaBoundProblem) new CudaBackend(run == 1, run == 1).bind(p)) {
                assertTrue(gpu.path().contains("no CUDA graphs"), gpu.path());
                gpu.setParameters(randomParameters(3, 17, 2));
                StepRule rule = new StepRule(rates(3, 0.05), 0.5, true);
                gpu.steps(rule, 11);
                gpu.step(rule, new RowBatch(shuffled(1023), 10, 300));
                gpu.predict(RandomProblems.features(5, 17, 4));
                runs[run] = gpu.parameters();
            }
        }
        for (int model = 0; model < 3; model++) {
            assertArrayEquals(runs[0].theta(model), runs[1].theta(model), "model " + model);
            assertEquals(runs[0].bias(model), runs[1].bias(model));
        }
    }

    /** Creating device 0's primary context is slow: it stays retained when every bound problem is closed. */
    @Test
    void thePrimaryContextOutlivesTheBoundProblems() {
        new CudaBackend().bind(RandomProblems.batch(50, 4, 1, 1)).close();
        assertTrue(CudaContext.primaryContextActive(), "primary context released by the last close");
    }

    /** As on the Java backends (PassStatsBeforeAnyStepTest): NaN before a step, not the zeroed buffer. */
    @Test
    void theLastPassIsNaNUntilTheFirstStep() {
        try (BoundProblem gpu = new CudaBackend().bind(RandomProblems.batch(50, 4, 2, 1))) {
            assertEquals(PassStats.beforeAnyStep(2), gpu.lastPass());
            gpu.steps(StepRule.plain(2, 1e-3), 0);
            assertEquals(PassStats.beforeAnyStep(2), gpu.lastPass());
            Gradient start = gpu.lossAndGradient();
            gpu.steps(StepRule.plain(2, 1e-3), 1);
            assertClose(start.loss(), gpu.lastPass().loss(), "loss read by the first step");
        }
    }

    @Test
    void frozenModelsAndNoInterceptKeepTheirParameters() {
        DenseMatrix x = RandomProblems.features(100, 5, 3);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, 1, 0.1), null, 0.5)
                .model(RandomProblems.target(x, 2, 0.1), null, 0.5).fitIntercept(false).build();
        try (BoundProblem gpu = new CudaBackend().bind(p)) {
            Parameters start = randomParameters(2, 5, 9);
            gpu.setParameters(start);
            gpu.steps(new StepRule(new double[] {0.1, 0.0}, 0.9, false), 20);
            Parameters after = gpu.parameters();
            assertArrayEquals(start.theta(1), after.theta(1));
            assertEquals(0.0, after.bias(0));
            assertEquals(0.0, after.bias(1));
        }
    }

    /**
     * Free device memory may move by a little across binds for reasons of the driver's own, not ours:
     * lazy loading of the module's kernels, memory for instantiated graphs, allocator pages. Each test
     * below binds once before its first reading so that most of this happens before it, and allows this
     * slack after; the buffers whose leak they look for are larger (see each test).
     */
    private static final long DRIVER_SLACK_BYTES = 4L << 20;

    /** A leak of one bind's X alone (20,000 x 300 floats, 24 MB) is about six times the slack. */
    @Test
    @Tag(GpuTestMain.LARGE)
    void deviceMemoryIsReleasedByClose() {
        try (CudaContext ctx = CudaContext.open()) {  // a stream of its own, for the readings
            bindStepAndClose(RandomProblems.batch(20_000, 300, 3, 99));  // warm-up: see DRIVER_SLACK_BYTES
            long before = ctx.freeBytes();
            for (int run = 0; run < 3; run++) {
                bindStepAndClose(RandomProblems.batch(20_000, 300, 3, run));
            }
            assertNoLeak(before, ctx.freeBytes());
        }
    }

    private static void bindStepAndClose(Problem p) {
        BoundProblem gpu = new CudaBackend().bind(p);
        gpu.steps(StepRule.plain(3, 1e-3), 9);
        gpu.predict(RandomProblems.features(50, 300, 1));
        gpu.close();
        gpu.close();  // idempotent
    }

    private static void assertNoLeak(long before, long after) {
        assertTrue(before - after <= DRIVER_SLACK_BYTES, "device memory not released: " + before + " B free before, "
                + after + " B after (" + (before - after) + " B less; slack " + DRIVER_SLACK_BYTES + " B)");
    }

    @Test
    void everyOperationOfAClosedProblemIsRefusedAsOnTheJavaBackends() {
        ClosedBoundProblems.assertEveryOperationRefused(new CudaBackend(), RandomProblems.batch(20_000, 8, 2, 3));
    }

    /**
     * The problem's own buffers are far below the slack here (50 x 4, under a kilobyte each): this reading
     * catches only a leak above 4 MiB, such as a module left loaded; a leak of a bind's buffers is
     * what deviceMemoryIsReleasedByClose checks.
     */
    @Test
    void errorsAreClearAndLeaveNothingAllocated() {
        try (CudaContext ctx = CudaContext.open()) {
            Problem p = RandomProblems.batch(50, 4, 2, 1);
            new CudaBackend().bind(p).close();  // warm-up: see DRIVER_SLACK_BYTES
            long before = ctx.freeBytes();
            try (BoundProblem gpu = new CudaBackend().bind(p)) {
                IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                        () -> gpu.setParameters(Parameters.zeros(3, 4)));
                assertTrue(shape.getMessage().contains("2 models of 4 features"), shape.getMessage());
                int[] order = {0, 1, 50};
                assertThrows(IllegalArgumentException.class,
                        () -> gpu.step(StepRule.plain(2, 0.1), new RowBatch(order, 0, 3)));
                assertThrows(IllegalArgumentException.class, () -> gpu.predict(DenseMatrix.zeros(3, 5)));
                gpu.close();
                assertThrows(IllegalStateException.class, gpu::loss);
            }
            assertNoLeak(before, ctx.freeBytes());
            MemoryPlan tooBig = MemoryPlan.forBind(1L << 40, 1, 1, 1, 0, 1, 1, false);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tooBig.checkFits(ctx.freeBytes(), ctx.deviceName()));
            assertTrue(e.getMessage().contains("free"), e.getMessage());
        }
    }

    private static double[] rates(int k, double lr) {
        double[] r = new double[k];
        Arrays.fill(r, lr);
        if (k > 1) {
            r[k - 1] = 0;  // one frozen model
        }
        return r;
    }

    private static Parameters randomParameters(int k, int n, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[][] theta = new double[k][n];
        double[] bias = new double[k];
        for (int model = 0; model < k; model++) {
            for (int j = 0; j < n; j++) {
                theta[model][j] = rng.nextDouble() - 0.5;
            }
            bias[model] = rng.nextDouble();
        }
        return new Parameters(theta, bias);
    }

    private static int[] shuffled(int m) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(m);
        int[] order = new int[m];
        Arrays.setAll(order, i -> i);
        for (int i = m - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void assertParametersClose(Parameters ref, Parameters gpu) {
        for (int model = 0; model < ref.models(); model++) {
            assertClose(ref.theta(model), gpu.theta(model), "theta " + model);
            assertClose(new double[] {ref.bias(model)}, new double[] {gpu.bias(model)}, "bias " + model);
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        double diff = 0;
        double scale = 1e-6;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertTrue(diff / scale <= TOLERANCE, what + ": relative error " + diff / scale + " > " + TOLERANCE
                + "\nexpected " + Arrays.toString(expected) + "\nactual   " + Arrays.toString(actual));
    }
}
