package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.java.ScalarBackend;
import org.junit.jupiter.api.Test;

/**
 * The gradient norm the trainer stops on takes the bias part with the coefficients': a model whose coefficients
 * are right and whose intercept is not has not converged.
 */
class GradientNormTest {
    /** theta gradient (3, 4), bias gradient 12: sqrt(9 + 16 + 144) = 13; a second model's (0, 0) and 5: 5. */
    @Test
    void theNormTakesTheBiasWithTheCoefficients() {
        Gradient g = new Gradient(new double[2], new double[][] {{3, 4}, {0, 0}}, new double[] {12, 5});
        assertEquals(13.0, g.norm(0), 0);
        assertEquals(5.0, g.norm(1), 0);
    }

    /**
     * By hand on a backend: x = 0, 0 (the coefficient has no data), y = 2, 4, lambda 0, theta 0 and bias 0: residuals
     * -2 and -4, so the bias gradient is (1/2)(-2 - 4) = -3 and the coefficient's 0; the norm 3 is the bias's alone.
     */
    @Test
    void aFitWhoseOnlyErrorIsItsInterceptHasAGradient() {
        Problem p = Problem.builder(DenseMatrix.of(new float[][] {{0}, {0}})).model(new float[] {2, 4}, null, 0.0)
                .build();
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            Gradient g = bound.lossAndGradient();
            assertEquals(-3.0, g.bias(0), 0);
            assertEquals(0.0, g.theta(0)[0], 0);
            assertEquals(3.0, g.norm(0), 0);
        }
    }
}
