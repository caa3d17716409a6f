package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ridgeline.data.DenseMatrix;
import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.StepRule;
import org.junit.jupiter.api.Test;

/**
 * A model whose learning rate is 0 (the trainer's mark of a stopped model) keeps its parameters bit for bit, even
 * when its gradient overflowed: theta -= 0 x NaN had turned them into NaN, beside models still training.
 */
class StoppedModelTest {
    @Test
    void aModelWithRateZeroKeepsItsParametersThroughAnOverflowedGradient() {
        DenseMatrix x = DenseMatrix.of(new double[][] {{1e30, 2}, {-1e30, 1}, {3e30, -1}, {2, 5}});
        float[] y = {1, 2, 3, 4};
        Problem problem = Problem.builder(x).model(y, null, 0).model(y, null, 0).build();
        // x . theta of model 0 overflows in double too (1e30 x 1e300), so both backends see a gradient that is not
        // finite.
        Parameters start = new Parameters(new double[][] {{1e300, -3}, {0, 0.5}}, new double[] {2, 1});
        for (Backend backend : new Backend[] {new ScalarBackend(), new VectorBackend(1)}) {
            try (BoundProblem bound = backend.bind(problem)) {
                bound.setParameters(start);
                assertFalse(Double.isFinite(bound.lossAndGradient().norm(0)), backend.name());
                bound.step(new StepRule(new double[] {0, 1e-70}, 0.9, false), null);
                Parameters after = bound.parameters();
                assertArrayEquals(start.theta(0), after.theta(0), 0, backend.name());
                assertEquals(start.bias(0), after.bias(0), 0, backend.name());
                assertFalse(Double.isNaN(after.theta(1)[1]), backend.name() + ": the other model moves on");
            }
        }
    }
}
