package dev.ridgeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.train.ExactSolver;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The baselines must compute what they claim, or the ratios against them mean nothing. */
class BaselinesTest {
    @Test
    void streamingReadSumsEveryElement() {
        DenseMatrix x = BenchData.features(new Shape(1037, 19), 4);
        double expected = 0;
        for (double[] row : x.toDoubleArray()) {
            for (double v : row) {
                expected += v;
            }
        }
        assertEquals(expected, StreamingRead.sum(x), 1e-6 * x.size());
    }

    /**
     * Many slices (70,001 x 19 is six of 13,797 rows) that straddle chunk boundaries (chunks of 5,263 rows):
     * every element summed once, none twice.
     */
    @Test
    void streamingReadSumsEveryElementAcrossSlicesAndChunks() {
        DenseMatrix x = DenseMatrix.zeros(70_001, 19, 100_000);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(8);
        double expected = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                float v = (float) (2 * rng.nextDouble() - 1);
                x.set(i, j, v);
                expected += v;
            }
        }
        assertTrue(x.chunkCount() > 10, "chunks: " + x.chunkCount());
        int rows = StreamingRead.rowsPerSlice(x.rows(), x.cols(), 2);
        assertTrue(StreamingRead.slices(x.rows(), rows) >= 5, "slices of " + rows + " rows");
        assertTrue(rows % x.rowsPerChunk() != 0, "a slice ends inside a chunk");
        assertEquals(expected, StreamingRead.sum(x), 1e-6 * x.size());
        // Small whole numbers sum exactly in float lanes and double totals: one element missed or read twice at a
        // boundary (at most 7) changes the sum, where the tolerance above (1.33) lets an element of the random X pass.
        long exact = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                int v = (i * 19 + j) % 7 + 1;
                x.set(i, j, v);
                exact += v;
            }
        }
        assertEquals((double) exact, StreamingRead.sum(x));
    }

    /** A small X still spreads over every thread; a large one keeps slices of at most 2^18 floats. */
    @Test
    void streamingReadSlicesCoverEveryThread() {
        for (int threads : new int[] {1, 2, 8, 16, 64}) {
            int rows = StreamingRead.rowsPerSlice(4096, 64, threads);
            assertTrue(StreamingRead.slices(4096, rows) >= threads, threads + " threads, slices of " + rows + " rows");
            int big = StreamingRead.rowsPerSlice(1_000_000, 64, threads);
            assertTrue((long) big * 64 <= 1 << 18, threads + " threads: " + big + " rows per slice");
            assertEquals(1_000_000, Math.min(1_000_000, StreamingRead.slices(1_000_000, big) * big), "rows covered");
        }
        assertTrue(StreamingRead.slices(3, StreamingRead.rowsPerSlice(3, 64, 8)) == 3, "one row per slice at least");
    }

    /**
     * Every model's theta and bias, K = 3 with lambdas 0.1, 30 and 300, against java-scalar's step (benchmarks/README.md:
     * "the same step ... 1e-5 relative"): a lambda or weight taken from the wrong model shows here.
     */
    @Test
    void unfusedEpochMatchesTheScalarStepForEveryModel() {
        int k = 3;
        DenseMatrix x = BenchData.features(new Shape(1037, 19), 9);
        float[] y = BenchData.target(x, 9);
        // Lambdas far apart, so that model 0's lambda used for model 2 moves theta by far more than 1e-5.
        Problem p = Problem.builder(x).model(y, null, 0.1).model(y, null, 30).model(y, null, 300).build();
        StepRule rule = BenchData.rule(k, 19);
        UnfusedEpoch unfused = new UnfusedEpoch(p, rule.learningRate(0));
        try (BoundProblem scalar = new ScalarBackend().bind(p)) {
            for (int e = 0; e < 5; e++) {
                scalar.step(rule, null);
                unfused.epoch();
                for (int m = 0; m < k; m++) {
                    double largest = 0;
                    for (int j = 0; j < 19; j++) {
                        largest = Math.max(largest, Math.abs(scalar.parameters().theta(m, j)));
                    }
                    for (int j = 0; j < 19; j++) {
                        assertEquals(scalar.parameters().theta(m, j), unfused.theta(m, j), 1e-5 * largest,
                                "epoch " + e + " model " + m + " theta " + j);
                    }
                    double b = scalar.parameters().bias(m);
                    assertEquals(b, unfused.bias(m), 1e-5 * Math.abs(b), "epoch " + e + " model " + m + " bias");
                }
            }
        }
    }

    /** Tolerance 1e-5 relative: the unfused epoch keeps theta in float32 and sums residuals in float32. */
    @Test
    void unfusedEpochTakesTheSameStepsAsTheScalarBackend() {
        DenseMatrix x = BenchData.features(new Shape(1037, 19), 5);
        Problem p = BenchData.problem(x, BenchData.target(x, 5), 3);
        StepRule rule = BenchData.rule(3, 19);
        UnfusedEpoch unfused = new UnfusedEpoch(p, rule.learningRate(0));
        try (BoundProblem scalar = new ScalarBackend().bind(p)) {
            for (int e = 0; e < 5; e++) {
                scalar.step(rule, null);
                double bias = unfused.epoch();
                assertEquals(scalar.parameters().bias(0), bias, 1e-5 * Math.abs(scalar.parameters().bias(0)));
            }
        }
    }

    @Test
    void ejmlSolvesTheSameRidgeAsTheExactSolver() {
        DenseMatrix x = BenchData.features(new Shape(500, 7), 6);
        float[] y = BenchData.target(x, 6);
        double[] ejml = new EjmlRidge(x, y, 2.0).solve();
        Problem p = Problem.builder(x).model(y, null, 2.0).build();
        var exact = ExactSolver.solve(p);
        for (int j = 0; j < 7; j++) {
            assertEquals(exact.theta(0, j), ejml[j], 1e-9);
        }
        assertEquals(exact.bias(0), ejml[7], 1e-9);
    }

    /**
     * The peer's A^T A comes from EJML's concurrent upper-triangle product, mirrored: every entry equal to
     * what {@code CommonOps_DDRM.multInner} gives, on a shape below its 100-column switch and one with
     * more rows than one thread's share; the full solve then matches the multInner route to 1e-9.
     */
    @Test
    void ejmlNormalMatrixEqualsMultInner() {
        for (Shape s : new Shape[] {new Shape(4099, 64), new Shape(300, 130)}) {
            DenseMatrix x = BenchData.features(s, 7);
            float[] y = BenchData.target(x, 7);
            EjmlRidge ridge = new EjmlRidge(x, y, 0.5);
            DMatrixRMaj a = ridge.design();
            DMatrixRMaj expected = new DMatrixRMaj(a.numCols, a.numCols);
            CommonOps_DDRM.multInner(a, expected);
            DMatrixRMaj actual = EjmlRidge.normalMatrix(a);
            for (int i = 0; i < expected.data.length; i++) {
                assertEquals(expected.data[i], actual.data[i], 1e-12 * Math.abs(expected.data[i]), s + " entry " + i);
            }
            // The solve as it was before, through multInner.
            DMatrixRMaj normal = expected.copy();
            for (int j = 0; j < a.numCols - 1; j++) {
                normal.add(j, j, 0.5);
            }
            DMatrixRMaj ym = new DMatrixRMaj(x.rows(), 1);
            for (int i = 0; i < x.rows(); i++) {
                ym.set(i, 0, y[i]);
            }
            DMatrixRMaj rhs = new DMatrixRMaj(a.numCols, 1);
            CommonOps_DDRM.multTransA(a, ym, rhs);
            DMatrixRMaj old = new DMatrixRMaj(a.numCols, 1);
            CommonOps_DDRM.solveSPD(normal, rhs, old);
            double[] now = ridge.solve();
            for (int j = 0; j < now.length; j++) {
                assertEquals(old.data[j], now[j], 1e-9 * Math.abs(old.data[j]), s + " parameter " + j);
            }
        }
    }

    @Test
    void shapesParseAndCountBytes() {
        assertEquals(new Shape(250_000, 256), Shape.parse("250000x256"));
        assertEquals(256_000_000L, Shape.parse("1000000x64").bytes());
    }
}
