package dev.ridgeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
