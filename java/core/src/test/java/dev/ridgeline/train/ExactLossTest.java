package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact solver's loss on targets beyond what float32 sums hold is summed in double: java-vector's float
 * sums had given targets near 1e-25 a fifth of their loss and targets near 1e25 an infinite one.
 */
class ExactLossTest {
    private static Problem problem(double scale) {
        Random rng = new Random(1);
        int m = 300;
        double[][] x = new double[m][2];
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i] = (float) (scale * (x[i][0] + 0.3 * rng.nextGaussian()));
        }
        return Problem.builder(DenseMatrix.of(x)).model(y, null, 0.5).build();
    }

    private static double loss(Problem p, dev.ridgeline.engine.Backend backend) {
        try (BoundProblem bound = backend.bind(p)) {
            return new Trainer(TrainerConfig.builder().solver(Solver.EXACT).build()).train(bound).finalLoss()[0];
        }
    }

    @Test
    void theLossOfTargetsFarFromOneIsTheDoubleSum() {
        for (double scale : new double[] {1e-25, 1e25}) {
            Problem p = problem(scale);
            assertTrue(!Trainer.floatSumsHold(p), "scale " + scale);
            double reference = loss(p, new ScalarBackend());
            assertTrue(Double.isFinite(reference) && reference > 0, "scale " + scale + ": " + reference);
            assertEquals(reference, loss(p, new VectorBackend(2)), 1e-12 * reference, "scale " + scale);
        }
        Problem ordinary = problem(1);
        assertTrue(Trainer.floatSumsHold(ordinary));
        assertEquals(loss(ordinary, new ScalarBackend()), loss(ordinary, new VectorBackend(2)),
                1e-5 * loss(ordinary, new ScalarBackend()), "float sums, to their tolerance");
    }
}
