package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact solver's loss is summed in double whatever the backend. java-vector's float sums had given targets
 * near 1e-25 a fifth of their loss, targets near 1e25 an infinite one, and a column near 1e6 with a spread of 100
 * 2.3 times its loss (its float32 predictions cancel to an error the size of the residual).
 */
class ExactLossTest {
    private static Problem problem(double targetScale, double columnOffset) {
        Random rng = new Random(1);
        int m = 2000;
        double[][] x = new double[m][2];
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            double u = 100 * rng.nextDouble();
            x[i][0] = (float) (columnOffset + u);
            x[i][1] = rng.nextGaussian();
            y[i] = (float) (targetScale * (3 * u + 5 + 0.1 * rng.nextGaussian()));
        }
        return Problem.builder(DenseMatrix.of(x)).model(y, null, 1.0).build();
    }

    private static double loss(Problem p, Backend backend) {
        try (BoundProblem bound = backend.bind(p)) {
            return new Trainer(TrainerConfig.builder().solver(Solver.EXACT).build()).train(bound).finalLoss()[0];
        }
    }

    /**
     * The ridge loss of the float64 closed form, summed here in double from the problem's own float32 values:
     * the independent figure both backends must give.
     */
    private static double closedFormLoss(Problem p) {
        Parameters solved = ExactSolver.solve(p, java.util.List.of("a", "b"), null);
        double[] t = solved.theta(0);
        double b = solved.bias(0);
        float[] y = p.target(0);
        DenseMatrix x = p.x();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double r = x.get(i, 0) * t[0] + x.get(i, 1) * t[1] + b - y[i];
            sum += r * r;
        }
        return sum / (2 * y.length) + p.lambda(0) / (2 * y.length) * (t[0] * t[0] + t[1] * t[1]);
    }

    @Test
    void theLossOfTargetsFarFromOneIsTheDoubleSum() {
        for (double scale : new double[] {1e-25, 1e25}) {
            Problem p = problem(scale, 0);
            double reference = loss(p, new ScalarBackend());
            assertTrue(Double.isFinite(reference) && reference > 0, "scale " + scale + ": " + reference);
            assertEquals(reference, loss(p, new VectorBackend(2)), 1e-12 * reference, "scale " + scale);
        }
    }

    @Test
    void aColumnFarFromZeroKeepsItsLoss() {
        Problem p = problem(1, 1e6);
        double truth = closedFormLoss(p);
        assertEquals(truth, loss(p, new ScalarBackend()), 1e-9 * truth);
        assertEquals(truth, loss(p, new VectorBackend(2)), 1e-9 * truth);
    }
}
