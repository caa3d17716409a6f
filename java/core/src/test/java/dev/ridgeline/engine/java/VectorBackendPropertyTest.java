package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Gradient;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * java-vector against java-scalar on arbitrary shapes, model counts, weights, intercepts, kernels and thread
 * counts, where {@link VectorBackendConformanceTest} walks a fixed list of tail sizes. Oracle: the scalar
 * reference, within that test's stated tolerance (2e-5 relative to the largest magnitude compared); and the
 * backend against itself on one thread, bit for bit, since its results must not depend on the thread count.
 */
class VectorBackendPropertyTest {
    private static final BackendComparison SAME = new BackendComparison(2e-5);

    @Property(tries = 60, seed = "20261129")
    void lossGradientAndStepsMatchScalar(@ForAll @IntRange(min = 1, max = 300) int rows,
            @ForAll @IntRange(min = 1, max = 300) int cols, @ForAll @IntRange(min = 1, max = 9) int models,
            @ForAll boolean weighted, @ForAll boolean intercept, @ForAll boolean panels,
            @ForAll @IntRange(min = 1, max = 4) int threads, @ForAll long seed) {
        Problem p = problem(rows, cols, models, weighted, intercept, seed);
        StepRule rule = rule(p, cols);
        try (BoundProblem scalar = new ScalarBackend().bind(p);
             BoundProblem vector = new VectorBoundProblem(p, threads, panels)) {
            Parameters start = start(p, seed);
            scalar.setParameters(start);
            vector.setParameters(start);
            SAME.vector(scalar.loss(), vector.loss(), "initial loss");
            SAME.gradient(scalar.lossAndGradient(), vector.lossAndGradient(), "initial gradient");
            for (int e = 0; e < 2; e++) {
                scalar.step(rule, null);
                vector.step(rule, null);
                SAME.lastPass(scalar.lastPass(), vector.lastPass(), "epoch " + e);
                SAME.parameters(scalar, vector, "epoch " + e);
            }
            SAME.predictions(scalar.predict(p.x()), vector.predict(p.x()), "after two epochs");
        }
    }

    @Property(tries = 40, seed = "4099")
    void resultsAreBitwiseTheSameOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 300) int rows,
            @ForAll @IntRange(min = 1, max = 300) int cols, @ForAll @IntRange(min = 1, max = 9) int models,
            @ForAll boolean weighted, @ForAll boolean panels, @ForAll @IntRange(min = 2, max = 4) int threads,
            @ForAll long seed) {
        Problem p = problem(rows, cols, models, weighted, true, seed);
        List<long[]> one = run(p, 1, panels, seed);
        List<long[]> many = run(p, threads, panels, seed);
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), many.get(i), "outcome " + i + " differs in its bits on " + threads
                    + " threads");
        }
    }

    private static Problem problem(int rows, int cols, int models, boolean weighted, boolean intercept, long seed) {
        DenseMatrix x = RandomProblems.features(rows, cols, seed);
        Problem.Builder b = Problem.builder(x).fitIntercept(intercept);
        for (int k = 0; k < models; k++) {
            float[] w = weighted && k % 2 == 1 ? RandomProblems.weights(rows, seed + k) : null;
            b.model(RandomProblems.target(x, seed + 100 * k, 0.1), w, 0.1 + 0.7 * k);
        }
        return b.build();
    }

    /** Below 1/L for features in [-1.5, 1.5] (as the conformance test), with Nesterov momentum. */
    private static StepRule rule(Problem p, int cols) {
        double[] rates = new double[p.models()];
        for (int k = 0; k < rates.length; k++) {
            rates[k] = 0.3 / (2.25 * cols + 1) / (1 + k % 3);
        }
        return new StepRule(rates, 0.9, true);
    }

    private static Parameters start(Problem p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] theta = new double[p.models()][p.features()];
        double[] bias = new double[p.models()];
        for (int k = 0; k < p.models(); k++) {
            for (int j = 0; j < p.features(); j++) {
                theta[k][j] = rng.nextDouble() - 0.5;
            }
            bias[k] = p.fitIntercept() ? rng.nextDouble() : 0;
        }
        return new Parameters(theta, bias);
    }

    /** Loss, gradient, two steps and the parameters after them, as raw bits. */
    private static List<long[]> run(Problem p, int threads, boolean panels, long seed) {
        List<long[]> out = new ArrayList<>();
        try (BoundProblem b = new VectorBoundProblem(p, threads, panels)) {
            b.setParameters(start(p, seed));
            Gradient g = b.lossAndGradient();
            out.add(bits(g.loss()));
            out.add(bits(g.bias()));
            for (double[] t : g.theta()) {
                out.add(bits(t));
            }
            StepRule rule = rule(p, p.features());
            for (int e = 0; e < 2; e++) {
                b.step(rule, null);
                out.add(bits(b.lastPass().loss()));
                out.add(bits(b.lastPass().gradientNorm()));
            }
            for (int k = 0; k < p.models(); k++) {
                out.add(bits(b.parameters().theta(k)));
                out.add(bits(new double[] {b.parameters().bias(k)}));
            }
            for (double[] predictions : b.predict(p.x())) {
                out.add(bits(predictions));
            }
        }
        return out;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}
