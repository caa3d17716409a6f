package dev.ridgeline.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import org.junit.jupiter.api.Test;

/** The host oracle of CudaLargeSumCheck (run only on GPU hosts) agrees with the scalar reference's gradient. */
class CudaLargeSumCheckTest {

    @Test
    void theExactGradientNormIsTheScalarReferences() {
        Problem problem = CudaLargeSumCheck.problem(1_500, 7, 3);
        double[][] theta = {{0.5, -1, 2, 0, 0.25, -0.75, 1.5}};
        Parameters p = new Parameters(theta, new double[] {2.5});
        try (BoundProblem bound = new ScalarBackend().bind(problem)) {
            bound.setParameters(p);
            double reference = bound.lossAndGradient().norm(0);
            assertEquals(reference, CudaLargeSumCheck.exactGradientNorm(problem, p), 1e-9 * reference);
        }
    }
}
