package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.preprocess.Standardizer;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.ExactSolver;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * java-vector against java-scalar on sizes that hit every tail of the SIMD loops, of the four-row groups
 * and of the row panels: rows and columns from {1, 3, 7, 8, 15, 16, 17, 1023, 4099}, every pair up to
 * 300,000 elements for K = 1 (with and without weights), 3, 6 and 9, and the four larger pairs for K = 1 and 3;
 * K = 4 on rows of at most 64 features (the panel kernel's pass for that case alone); block gradients (K >= 4
 * on rows of 1,024 features or more); full-batch passes with both kernels.
 * Tolerance: 2e-5 relative to the largest magnitude of the compared vector (see {@link BackendComparison}).
 */
class VectorBackendConformanceTest {
    static final int[] SIZES = {1, 3, 7, 8, 15, 16, 17, 1023, 4099};
    private static final BackendComparison SAME = new BackendComparison(2e-5);

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (int rows : SIZES) {
            for (int cols : SIZES) {
                if ((long) rows * cols <= 300_000) {
                    out.add(Arguments.of(rows, cols));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x {1}, K = 1")
    @MethodSource("shapes")
    void oneModelGradientDescentMatchesScalar(int rows, int cols) {
        DenseMatrix x = RandomProblems.features(rows, cols, 11);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, 5, 0.1), null, 0.3).build();
        compareFullBatch(p, new StepRule(new double[] {rate(cols)}, 0, false), 4);
    }

    /** One model with row weights: its pass is the lone model's own (RandomProblems.batch weights odd models only). */
    @ParameterizedTest(name = "{0} x {1}, K = 1 with weights")
    @MethodSource("shapes")
    void oneWeightedModelMatchesScalar(int rows, int cols) {
        DenseMatrix x = RandomProblems.features(rows, cols, 13);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, 7, 0.1), RandomProblems.weights(rows, 5), 0.3)
                .build();
        compareFullBatch(p, new StepRule(new double[] {rate(cols)}, 0, false), 4);
    }

    /** The pairs beyond the grid's cap (1023 and 4099 by each other), for one model with and without weights and three. */
    @ParameterizedTest(name = "{0} x {1}, K = 1 and 3")
    @MethodSource("largeShapes")
    void theLargestShapesMatchScalar(int rows, int cols) {
        DenseMatrix x = RandomProblems.features(rows, cols, 17);
        double r = rate(cols);
        compareFullBatch(Problem.builder(x).model(RandomProblems.target(x, 3, 0.1), null, 0.3).build(),
                new StepRule(new double[] {r}, 0, false), 2);
        compareFullBatch(Problem.builder(x).model(RandomProblems.target(x, 3, 0.1), RandomProblems.weights(rows, 4), 0.3)
                .build(), new StepRule(new double[] {r}, 0, false), 2);
        compareFullBatch(RandomProblems.batch(rows, cols, 3, 19), new StepRule(new double[] {r, 0.5 * r, r}, 0.9, true), 2);
    }

    static Stream<Arguments> largeShapes() {
        List<Arguments> out = new ArrayList<>();
        for (int rows : SIZES) {
            for (int cols : SIZES) {
                if ((long) rows * cols > 300_000) {
                    out.add(Arguments.of(rows, cols));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x {1}, K = 3 with weights")
    @MethodSource("shapes")
    void threeModelsWithWeightsAndMomentumMatchScalar(int rows, int cols) {
        Problem p = RandomProblems.batch(rows, cols, 3, 23);
        double r = rate(cols);
        compareFullBatch(p, new StepRule(new double[] {r, 0.5 * r, r}, 0.9, true), 4);
    }

    /** Six models go as four at once (dot products and gradient in separate sweeps), then two at once. */
    @ParameterizedTest(name = "{0} x {1}, K = 6 with weights")
    @MethodSource("shapes")
    void sixModelsWithWeightsMatchScalar(int rows, int cols) {
        Problem p = RandomProblems.batch(rows, cols, 6, 29);
        double r = rate(cols);
        compareFullBatch(p, new StepRule(new double[] {r, 0.5 * r, r, 0.25 * r, r, 0.75 * r}, 0.9, true), 4);
    }

    /** Nine models: four at once twice (dot products and gradients), then one. */
    @ParameterizedTest(name = "{0} x {1}, K = 9 with weights")
    @MethodSource("shapes")
    void nineModelsWithWeightsMatchScalar(int rows, int cols) {
        Problem p = RandomProblems.batch(rows, cols, 9, 37);
        double r = rate(cols);
        double[] rates = new double[9];
        for (int k = 0; k < 9; k++) {
            rates[k] = r / (1 + k % 3);
        }
        compareFullBatch(p, new StepRule(rates, 0.9, true), 3);
    }

    /**
     * Four models on rows of at most 64 features: the panel kernel's own pass for that case, each group read
     * once with its gradient one group behind (neither pairs of groups nor batches), over three groups and a
     * tail of rows, at every column tail up to 64; with weights and momentum.
     */
    @ParameterizedTest(name = "3 groups + 5 rows x {0}, K = 4")
    @CsvSource({"1", "3", "7", "8", "15", "16", "17", "64"})
    void fourModelsOnNarrowRowsTakeTheTrailingGradientPass(int cols) {
        assertTrue(!PanelPassKernel.pairs(cols, 4) && !PanelPassKernel.batches(cols, 4) && PanelPassKernel.suits(cols, 4),
                "K = 4 at n <= 64 must take neither pairs nor batches");
        Problem p = RandomProblems.batch(3 * PanelMatrix.GROUP_ROWS + 5, cols, 4, 47);
        try (VectorBoundProblem vector = new VectorBoundProblem(p, 2, true)) {
            vector.step(StepRule.plain(4, rate(cols)), null);
            assertTrue(vector.usesPanels(), "the panel kernel");
        }
        double r = rate(cols);
        compareFullBatch(p, new StepRule(new double[] {r, 0.5 * r, r, 0.25 * r}, 0.9, true), 4);
    }

    /** Five models: four at once, then one; rows of 2,500 columns go in column tiles. */
    @Test
    void fiveModelsOnWideRowsMatchScalar() {
        Problem p = RandomProblems.batch(203, 2_500, 5, 31);
        assertTrue(FusedPassKernel.tileColumns(GroupLoops.SPECIES.loopBound(2_500), 5) < 2_500,
                "the rows must be wider than one tile");
        double r = rate(2_500);
        compareFullBatch(p, new StepRule(new double[] {r, r, 0.5 * r, r, 0.5 * r}, 0, false), 4);
    }

    /**
     * Rows of more than 64 features with several models go over batches of groups with a feature-tiled
     * gradient: four groups per batch at 65 and 300 features (34 and 17 groups: carries between batches
     * and a short last batch), two at 1,100 features (an odd group count), all with weights.
     */
    @ParameterizedTest(name = "{0} x {1}, K = {2}")
    @CsvSource({"2200, 65, 2", "1100, 300, 6", "700, 1100, 3", "300, 97, 9"})
    void batchesOfGroupsMatchScalar(int rows, int cols, int models) {
        assertTrue(PanelPassKernel.batches(cols, models));
        Problem p = RandomProblems.batch(rows, cols, models, 43);
        compareFullBatch(p, new StepRule(staggeredRates(models, cols, 2), 0.5, false), 3);
    }

    /**
     * Four models or more on rows of 1,024 features or more take block gradients in the row kernel (full batches
     * below 2,048 features only with the panel setting off; the panels with it on, compared too):
     * eight models at a time, then four, then one; rows ending in a lone vector (1,040 features: 65 vectors
     * of 16; 1,055: an odd number of vectors of 16, 8 and 4 lanes, then 15, 7 or 3 features) or in a few
     * features; blocks cut short by the rows left after the groups of four and by the end of a pass; weights
     * on odd models.
     */
    @ParameterizedTest(name = "{0} x {1}, K = {2}")
    @CsvSource({"203, 1040, 8", "97, 1044, 13", "150, 1031, 4", "61, 2100, 9", "130, 1055, 13"})
    void blockGradientsMatchScalar(int rows, int cols, int models) {
        assumeTrue(FusedPassKernel.blockGradient(cols, models), "block gradients run with 16 float lanes");
        Problem p = RandomProblems.batch(rows, cols, models, 53);
        compareFullBatch(p, new StepRule(staggeredRates(models, cols, 3), 0.5, false), 3);
    }

    /**
     * Mini-batches in shuffled order, nine models on rows of 1,040 features: four-row gradients, alternating with
     * full-batch steps (the panels; block gradients with the setting off).
     */
    @Test
    void miniBatchesOnWideRowsMatchScalar() {
        Problem p = RandomProblems.batch(301, 1_040, 9, 59);
        double[] rates = new double[9];
        Arrays.fill(rates, rate(1_040));
        StepRule rule = new StepRule(rates, 0.5, false);
        compareMiniBatches(p, rule, shuffled(p.rows(), 5), 70, true);
    }

    @Test
    void miniBatchesWithHeavyBallMomentumMatchScalar() {
        Problem p = RandomProblems.batch(1023, 17, 4, 31);
        int[] order = shuffled(p.rows(), 7);
        StepRule rule = new StepRule(new double[] {0.02, 0.02, 0.01, 0.03}, 0.8, false);
        compareMiniBatches(p, rule, order, 100, false);
    }

    /**
     * Steps both backends through the mini-batches of {@code size} rows of {@code order}, each followed by a
     * full-batch step when {@code withFullBatches}, comparing every pass and the parameters after it.
     */
    private static void compareMiniBatches(Problem p, StepRule rule, int[] order, int size, boolean withFullBatches) {
        try (BoundProblem scalar = new ScalarBackend().bind(p); BoundProblem vector = new VectorBackend(2).bind(p)) {
            for (int from = 0; from < p.rows(); from += size) {
                RowBatch batch = new RowBatch(order, from, Math.min(p.rows(), from + size));
                scalar.step(rule, batch);
                vector.step(rule, batch);
                SAME.lastPass(scalar.lastPass(), vector.lastPass(), "batch at " + from);
                SAME.parameters(scalar, vector, "batch at " + from);
                if (withFullBatches) {
                    scalar.step(rule, null);
                    vector.step(rule, null);
                    SAME.lastPass(scalar.lastPass(), vector.lastPass(), "full batch after " + from);
                    SAME.parameters(scalar, vector, "full batch after " + from);
                }
            }
        }
    }

    @Test
    void frozenModelKeepsItsParametersButReportsItsLoss() {
        Problem p = RandomProblems.batch(257, 33, 2, 41);
        StepRule rule = new StepRule(new double[] {0.01, 0.0}, 0.5, false);
        try (BoundProblem scalar = new ScalarBackend().bind(p); BoundProblem vector = new VectorBackend(2).bind(p)) {
            Parameters start = new Parameters(new double[][] {filled(33, 0.1), filled(33, -0.2)}, new double[] {1, 2});
            scalar.setParameters(start);
            vector.setParameters(start);
            for (int e = 0; e < 3; e++) {
                scalar.step(rule, null);
                vector.step(rule, null);
            }
            assertArrayEquals(start.theta(1), vector.parameters().theta(1), 0.0);
            assertEquals(2.0, vector.parameters().bias(1), 0.0);
            SAME.lastPass(scalar.lastPass(), vector.lastPass(), "frozen");
            SAME.parameters(scalar, vector, "frozen");
        }
    }

    @Test
    void withoutInterceptTheBiasStaysZero() {
        DenseMatrix x = RandomProblems.features(515, 19, 3);
        Problem p = Problem.builder(x).model(RandomProblems.target(x, 9, 0.1), RandomProblems.weights(515, 2), 1.5)
                .fitIntercept(false).build();
        compareFullBatch(p, new StepRule(new double[] {0.02}, 0.9, false), 5);
        try (BoundProblem vector = new VectorBackend(2).bind(p)) {
            vector.setParameters(new Parameters(new double[][] {new double[19]}, new double[] {4}));
            vector.step(new StepRule(new double[] {0.02}, 0, false), null);
            assertEquals(0.0, vector.parameters().bias(0), 0.0);
            assertEquals(0.0, vector.lossAndGradient().bias()[0], 0.0);
        }
    }

    @Test
    void rowsSpreadOverManySmallChunksMatchScalar() {
        DenseMatrix dense = RandomProblems.features(1023, 17, 8);
        DenseMatrix chunked = DenseMatrix.zeros(1023, 17, 17 * 5);
        float[] row = new float[17];
        for (int i = 0; i < 1023; i++) {
            dense.copyRow(i, row);
            chunked.setRow(i, row);
        }
        Problem p = Problem.builder(chunked).model(RandomProblems.target(dense, 4, 0.1), null, 0.2)
                .model(RandomProblems.target(dense, 6, 0.1), RandomProblems.weights(1023, 1), 0.9).build();
        compareFullBatch(p, new StepRule(new double[] {0.03, 0.03}, 0.9, true), 4);
    }

    /**
     * What VectorBackend's javadoc promises on centred, scaled features: losses (at the exact minimiser and
     * after training) and trained coefficients match java-scalar to 1e-6 relative. (Unscaled features with a
     * large shared offset do not: the float32 dot products then err by about 6e-8 |x . theta|.)
     */
    @Test
    void onCentredScaledFeaturesLossesAndTrainedCoefficientsMatchScalarToOneInAMillion() {
        DenseMatrix raw = RandomProblems.features(3000, 12, 61);
        DenseMatrix z = Standardizer.fit(raw).transform(raw);
        Problem p = Problem.builder(z).model(RandomProblems.target(z, 3, 0.5), null, 1.0)
                .model(RandomProblems.target(z, 4, 0.5), RandomProblems.weights(3000, 5), 10.0).build();
        TrainerConfig config = TrainerConfig.builder().maxEpochs(1000).tolerance(0).momentum(0.9).nesterov(true)
                .build();
        try (BoundProblem scalar = new ScalarBackend().bind(p); BoundProblem vector = new VectorBackend(2).bind(p)) {
            Parameters exact = ExactSolver.solve(p);
            scalar.setParameters(exact);
            vector.setParameters(exact);
            double[] atOptimum = scalar.loss();
            double[] vectorAtOptimum = vector.loss();
            TrainingResult s = new Trainer(config).train(scalar);
            TrainingResult v = new Trainer(config).train(vector);
            for (int k = 0; k < p.models(); k++) {
                assertEquals(atOptimum[k], vectorAtOptimum[k], 1e-6 * atOptimum[k], "loss at the optimum, model " + k);
                assertEquals(s.finalLoss(k), v.finalLoss(k), 1e-6 * s.finalLoss(k), "trained loss, model " + k);
                double[] expected = s.parameters().theta(k);
                double largest = Math.abs(s.parameters().bias(k));
                for (double t : expected) {
                    largest = Math.max(largest, Math.abs(t));
                }
                assertArrayEquals(expected, v.parameters().theta(k), 1e-6 * largest, "trained theta, model " + k);
                assertEquals(s.parameters().bias(k), v.parameters().bias(k), 1e-6 * largest,
                        "trained bias, model " + k);
            }
        }
    }

    /**
     * Steps both backends from the same non-zero start and compares everything a caller can read; the
     * vector backend twice, with its choice of kernel and with the row kernel alone, so both full-batch
     * kernels meet every shape.
     */
    private static void compareFullBatch(Problem p, StepRule rule, int epochs) {
        compareFullBatch(p, rule, epochs, true);
        compareFullBatch(p, rule, epochs, false);
    }

    private static void compareFullBatch(Problem p, StepRule rule, int epochs, boolean panels) {
        String kernel = panels ? "default kernel, " : "row kernel, ";
        try (BoundProblem scalar = new ScalarBackend().bind(p);
             BoundProblem vector = new VectorBoundProblem(p, 2, panels)) {
            Parameters start = start(p);
            scalar.setParameters(start);
            vector.setParameters(start);
            SAME.vector(scalar.loss(), vector.loss(), kernel + "initial loss");
            SAME.gradient(scalar.lossAndGradient(), vector.lossAndGradient(), kernel + "initial gradient");
            for (int e = 0; e < epochs; e++) {
                scalar.step(rule, null);
                vector.step(rule, null);
                SAME.lastPass(scalar.lastPass(), vector.lastPass(), kernel + "epoch " + e);
                SAME.parameters(scalar, vector, kernel + "epoch " + e);
            }
            SAME.gradient(scalar.lossAndGradient(), vector.lossAndGradient(), kernel + "final gradient");
            SAME.predictions(scalar.predict(p.x()), vector.predict(p.x()), kernel + "final");
        }
    }

    /** Step sizes rate(cols) / (1 + k % period) for models k = 0 .. models - 1. */
    private static double[] staggeredRates(int models, int cols, int period) {
        double[] rates = new double[models];
        for (int k = 0; k < models; k++) {
            rates[k] = rate(cols) / (1 + k % period);
        }
        return rates;
    }

    /** A step size below 1/L for features in [-1.5, 1.5]: |x|^2 <= 2.25 n, plus 1 for the bias. */
    private static double rate(int cols) {
        return 0.3 / (2.25 * cols + 1);
    }

    private static Parameters start(Problem p) {
        SplittableRandom rng = new SplittableRandom(99);
        double[][] theta = new double[p.models()][p.features()];
        double[] bias = new double[p.models()];
        for (int k = 0; k < p.models(); k++) {
            for (int j = 0; j < p.features(); j++) {
                theta[k][j] = rng.nextDouble() - 0.5;
            }
            bias[k] = rng.nextDouble();
        }
        return new Parameters(theta, bias);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static int[] shuffled(int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
