package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.preprocess.Standardizer;
import org.junit.jupiter.api.Test;

/**
 * The published reference values of shared/data/README.md: diabetes, z-scored features (population sd),
 * lambda = 1, unpenalised intercept.
 */
class DiabetesReferenceTest {
    private static final double INTERCEPT = 152.133484162896;
    private static final double BMI = 24.77124180947335;
    private static final double S5 = 32.84375085651544;

    private static Problem standardizedProblem() {
        Dataset raw = EmbeddedData.diabetes();
        Dataset z = Dataset.builder(Standardizer.fit(raw.x()).transform(raw.x()))
                .featureNames(raw.featureNames()).target("progression", raw.target()).build();
        return Problem.of(z, 1.0);
    }

    private static void assertReference(Parameters p, double relative) {
        int bmi = EmbeddedData.diabetes().featureNames().indexOf("bmi");
        int s5 = EmbeddedData.diabetes().featureNames().indexOf("s5");
        assertEquals(INTERCEPT, p.bias(0), relative * INTERCEPT, "intercept");
        assertEquals(BMI, p.theta(0, bmi), relative * BMI, "bmi");
        assertEquals(S5, p.theta(0, s5), relative * S5, "s5");
    }

    @Test
    void exactSolverMatchesReferenceToOneMillionth() {
        assertReference(ExactSolver.solve(standardizedProblem()), 1e-6);
    }

    @Test
    void gradientDescentMatchesReferenceToTenThousandth() {
        TrainerConfig config = TrainerConfig.builder().maxEpochs(200_000).tolerance(1e-9).build();
        try (BoundProblem bound = new ScalarBackend().bind(standardizedProblem())) {
            TrainingResult result = new Trainer(config).train(bound);
            assertEquals(StopReason.CONVERGED, result.stopReason(0));
            assertReference(result.parameters(), 1e-4);
        }
    }

    @Test
    void nesterovMatchesReferenceToTenThousandth() {
        TrainerConfig config = TrainerConfig.builder().maxEpochs(50_000).tolerance(1e-9)
                .momentum(0.9).nesterov(true).build();
        try (BoundProblem bound = new ScalarBackend().bind(standardizedProblem())) {
            TrainingResult result = new Trainer(config).train(bound);
            assertEquals(StopReason.CONVERGED, result.stopReason(0));
            assertReference(result.parameters(), 1e-4);
        }
    }
}
