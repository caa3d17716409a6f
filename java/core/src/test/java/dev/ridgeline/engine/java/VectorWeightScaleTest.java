package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Row weights far from 1 are brought near it by a power of two, lambda alike ({@link Problem#withBalancedWeights}):
 * the vector backend's float32 sums then give the same bits as for weights near 1, where weights of 1e37 had
 * overflowed them.
 */
class VectorWeightScaleTest {
    private static final DenseMatrix X = RandomProblems.features(4_099, 37, 31);
    private static final float[] Y = RandomProblems.target(X, 32, 0.1);
    private static final float[] W = RandomProblems.weights(4_099, 33);

    @Test
    void weightsAndLambdaScaledByAPowerOfTwoGiveTheSameBits() {
        for (boolean panels : new boolean[] {true, false}) {
            List<double[]> near = run(problem(0), panels);
            for (int exponent : new int[] {40, 100, -40, -90}) {
                List<double[]> far = run(problem(exponent), panels);
                for (int i = 0; i < near.size(); i++) {
                    assertArrayEquals(near.get(i), far.get(i), 0.0, "weights x 2^" + exponent + ", panels " + panels
                            + ": outcome " + i + " differs");
                }
            }
        }
    }

    @Test
    void weightsNearOneAreLeftAsTheyAre() {
        Problem p = problem(0);
        assertSame(p, p.withBalancedWeights());
        Problem far = problem(40);
        Problem balanced = far.withBalancedWeights();
        assertNotSame(far, balanced);
        assertSame(balanced.weights(0), balanced.weights(1), "a shared column stays shared");
        assertEquals(far.lambda(0) / far.totalWeight(0), balanced.lambda(0) / balanced.totalWeight(0), 0.0);
        assertTrue(balanced.weights(2) == null && balanced.lambda(2) == far.lambda(2), "unit weights stay");
    }

    /** Weights of 1e37 on unit-sized features: the full-batch gradient stays finite and matches the scalar one. */
    @Test
    void hugeWeightsGiveTheScalarGradient() {
        float[] huge = new float[W.length];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = W[i] * 1e37f;
        }
        Problem p = Problem.builder(X).model(Y, huge, 1e37).build();
        try (BoundProblem vector = new VectorBoundProblem(p, 2, true);
             BoundProblem scalar = new ScalarBackend().bind(p)) {
            Gradient v = vector.lossAndGradient();
            Gradient s = scalar.lossAndGradient();
            assertEquals(s.loss()[0], v.loss()[0], 1e-5 * s.loss()[0]);
            double size = Math.abs(s.bias()[0]);
            for (double g : s.theta()[0]) {
                size = Math.max(size, Math.abs(g));
            }
            assertTrue(size > 0.01, "a gradient to compare: " + size);
            assertEquals(s.bias()[0], v.bias()[0], 1e-5 * size, "bias gradient");
            for (int j = 0; j < X.cols(); j++) {
                assertEquals(s.theta()[0][j], v.theta()[0][j], 1e-5 * size, "gradient " + j);
            }
        }
    }

    /**
     * Three models over X: two share W scaled by 2^exponent with lambda 0.5 and 3 scaled alike, one has unit
     * weights and lambda 1.
     */
    private static Problem problem(int exponent) {
        float[] w = new float[W.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.scalb(W[i], exponent);
        }
        return Problem.builder(X).model(Y, w, Math.scalb(0.5, exponent)).model(Y, w, Math.scalb(3.0, exponent))
                .model(Y, null, 1).build();
    }

    /** Two full-batch steps, a mini-batch step, then the loss and gradient, on two threads. */
    private static List<double[]> run(Problem p, boolean panels) {
        List<double[]> out = new ArrayList<>();
        StepRule rule = new StepRule(new double[] {0.01, 0.005, 0.01}, 0.9, true);
        int[] order = VectorBackendConformanceTest.shuffled(p.rows(), 5);
        try (BoundProblem b = new VectorBoundProblem(p, 2, panels)) {
            for (int e = 0; e < 2; e++) {
                b.step(rule, null);
                out.add(b.lastPass().loss());
                out.add(b.lastPass().gradientNorm());
            }
            b.step(rule, new RowBatch(order, 10, 1_500));
            out.add(b.lastPass().loss());
            Gradient g = b.lossAndGradient();
            out.add(g.loss());
            out.add(g.bias());
            for (int k = 0; k < p.models(); k++) {
                out.add(g.theta()[k]);
                out.add(b.parameters().theta(k));
            }
        }
        return out;
    }
}
