package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import dev.ridgeline.train.Trainer;
import dev.ridgeline.train.TrainerConfig;
import dev.ridgeline.train.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * What the Trainer's javadoc says of batches on java-vector: bitwise the same as separate runs without the
 * panel copy; with it (for K = 3 the pass goes over pairs of groups, summing in another order than for one
 * model) the same to rounding only.
 */
class VectorBatchEquivalenceTest {
    private static final Problem BATCH = RandomProblems.batch(3001, 21, 3, 4);
    private static final TrainerConfig GD = TrainerConfig.builder().maxEpochs(20_000).tolerance(1e-6).build();

    private static TrainingResult run(Backend backend, Problem p, TrainerConfig c, boolean expectPanels) {
        try (BoundProblem bound = backend.bind(p)) {
            TrainingResult r = new Trainer(c).train(bound);
            assertEquals(expectPanels, ((VectorBoundProblem) bound).usesPanels(), "panel copy in use");
            return r;
        }
    }

    private static Problem single(int k) {
        return Problem.builder(BATCH.x()).model(BATCH.target(k), BATCH.weights(k), BATCH.lambda(k)).build();
    }

    @Test
    void withoutPanelsABatchIsBitwiseItsSeparateRuns() {
        assertBitwise(new VectorBackend(2, false), GD, false);
    }

    @Test
    void withPanelsABatchAgreesWithItsSeparateRunsToRounding() {
        Backend backend = new VectorBackend(2);
        TrainingResult together = run(backend, BATCH, GD, true);
        for (int k = 0; k < BATCH.models(); k++) {
            TrainingResult alone = run(backend, single(k), GD, true);
            double scale = Math.abs(alone.parameters().bias(0));
            for (double t : alone.parameters().theta(0)) {
                scale = Math.max(scale, Math.abs(t));
            }
            assertEquals(alone.parameters().bias(0), together.parameters().bias(k), 1e-6 * scale, "bias " + k);
            for (int j = 0; j < BATCH.features(); j++) {
                assertEquals(alone.parameters().theta(0, j), together.parameters().theta(k, j), 1e-6 * scale,
                        "model " + k + ", theta " + j);
            }
            assertEquals(alone.learningRates()[0], together.learningRates()[k], 1e-6 * alone.learningRates()[0]);
            assertTrue(Math.abs(alone.epochs(0) - together.epochs(k)) <= 2, "epochs of model " + k);
        }
    }

    private static void assertBitwise(Backend backend, TrainerConfig config, boolean panels) {
        TrainingResult together = run(backend, BATCH, config, panels);
        for (int k = 0; k < BATCH.models(); k++) {
            TrainingResult alone = run(backend, single(k), config, panels);
            assertArrayEquals(alone.parameters().theta(0), together.parameters().theta(k), "theta of model " + k);
            assertEquals(alone.parameters().bias(0), together.parameters().bias(k), 0.0, "bias of model " + k);
            assertEquals(alone.epochs(0), together.epochs(k), "epochs of model " + k);
        }
    }
}
