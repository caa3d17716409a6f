package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ridgeline.data.Dataset;
import dev.ridgeline.data.EmbeddedData;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Parameters;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.preprocess.Standardizer;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.ExactSolver;
import dev.ridgeline.train.StopReason;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * End to end: the trainer on java-vector reaches the exact minimiser (double normal equations) to 1e-4 of
 * the largest coefficient. Stopping tolerance 1e-7, the trainer's default: float32 residuals put a floor
 * between 1e-9 and 1e-8 under the relative gradient norm java-vector can reach (java-scalar goes lower).
 */
class VectorBackendTrainingTest {
    @Test
    void nesterovOnDiabetesReachesTheExactSolutionToTenThousandth() {
        Dataset raw = EmbeddedData.diabetes();
        Dataset z = Dataset.builder(Standardizer.fit(raw.x()).transform(raw.x()))
                .featureNames(raw.featureNames()).target("progression", raw.target()).build();
        Problem p = Problem.of(z, 1.0);
        TrainerConfig config = TrainerConfig.builder().maxEpochs(50_000).tolerance(1e-7)
                .momentum(0.9).nesterov(true).build();
        assertConverged(p, config, 1e-4);
    }

    @Test
    void batchOfModelsWithWeightsConvergesToEachExactSolution() {
        Problem p = RandomProblems.batch(3000, 12, 3, 77);
        TrainerConfig config = TrainerConfig.builder().maxEpochs(20_000).tolerance(1e-7).build();
        assertConverged(p, config, 1e-4);
    }

    private static void assertConverged(Problem p, TrainerConfig config, double relative) {
        Parameters exact = ExactSolver.solve(p);
        try (BoundProblem bound = new VectorBackend(2).bind(p)) {
            TrainingResult result = new Trainer(config).train(bound);
            for (int k = 0; k < p.models(); k++) {
                assertEquals(StopReason.CONVERGED, result.stopReason(k), "model " + k);
                double scale = Math.abs(exact.bias(k));
                for (int j = 0; j < p.features(); j++) {
                    scale = Math.max(scale, Math.abs(exact.theta(k, j)));
                }
                assertEquals(exact.bias(k), result.parameters().bias(k), relative * scale, "bias " + k);
                for (int j = 0; j < p.features(); j++) {
                    assertEquals(exact.theta(k, j), result.parameters().theta(k, j), relative * scale,
                            "model " + k + ", theta " + j);
                }
            }
        }
    }
}
