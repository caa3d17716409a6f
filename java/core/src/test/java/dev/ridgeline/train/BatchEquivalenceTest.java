package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/** A batch of K models gives bitwise the same result as K separate runs on the scalar backend. */
class BatchEquivalenceTest {

    private static TrainingResult run(Problem p, TrainerConfig c) {
        try (BoundProblem bound = new ScalarBackend().bind(p)) {
            return new Trainer(c).train(bound);
        }
    }

    private static Problem single(Problem batch, int k) {
        return Problem.builder(batch.x()).model(batch.target(k), batch.weights(k), batch.lambda(k)).build();
    }

    private static void assertEquivalent(TrainerConfig config) {
        Problem batch = RandomProblems.batch(150, 6, 4, 7);
        TrainingResult together = run(batch, config);
        for (int k = 0; k < batch.models(); k++) {
            TrainingResult alone = run(single(batch, k), config);
            assertArrayEquals(alone.parameters().theta(0), together.parameters().theta(k), "theta of model " + k);
            assertEquals(alone.parameters().bias(0), together.parameters().bias(k), 0.0, "bias of model " + k);
            assertEquals(alone.epochs(0), together.epochs(k), "epochs of model " + k);
            assertEquals(alone.stopReason(0), together.stopReason(k));
            assertEquals(alone.stepHalvings(0), together.stepHalvings(k), "step halvings of model " + k);
        }
    }

    @Test
    void fullBatchWithAutoRateAndPerModelStopping() {
        assertEquivalent(TrainerConfig.builder().maxEpochs(20_000).tolerance(1e-6).build());
    }

    @Test
    void nesterovWithFixedRate() {
        assertEquivalent(TrainerConfig.builder().maxEpochs(3_000).learningRate(0.1).momentum(0.9).nesterov(true)
                .tolerance(1e-8).build());
    }

    @Test
    void ownLearningRatePerModel() {
        Problem batch = RandomProblems.batch(120, 5, 3, 8);
        double[] rates = {0.05, 0.1, 0.02};
        TrainingResult together = run(batch, TrainerConfig.builder().learningRates(rates).maxEpochs(500).tolerance(0).build());
        for (int k = 0; k < 3; k++) {
            TrainingResult alone = run(single(batch, k),
                    TrainerConfig.builder().learningRate(rates[k]).maxEpochs(500).tolerance(0).build());
            assertArrayEquals(alone.parameters().theta(0), together.parameters().theta(k), "theta of model " + k);
            assertEquals(rates[k], together.learningRates()[k], 0.0);
        }
    }

    /** Each model keeps its own plateau count and step: the models stop at their own epochs, as if alone. */
    @Test
    void miniBatchSgdWithItsPlateauSchedule() {
        TrainerConfig config = TrainerConfig.builder().solver(Solver.SGD).batchSize(16).tolerance(0).build();
        assertEquivalent(config);
        TrainingResult together = run(RandomProblems.batch(150, 6, 4, 7), config);
        java.util.Set<Integer> epochs = new java.util.HashSet<>();
        for (int k = 0; k < 4; k++) {
            assertEquals(StopReason.PLATEAU, together.stopReason(k));
            epochs.add(together.epochs(k));
        }
        assertTrue(epochs.size() > 1, "the models stopped at different epochs: " + epochs);
    }

    /**
     * A random start too: each model of the batch starts where it would alone, so that in tune a lambda's CV
     * error does not depend on the other lambdas of the grid or on its place among them.
     */
    @Test
    void randomStartWithFixedRate() {
        assertEquivalent(TrainerConfig.builder().initialization(Initialization.random(0.5, 11)).learningRate(0.05)
                .maxEpochs(40).tolerance(0).build());
    }

    @Test
    void miniBatchSgd() {
        assertEquivalent(TrainerConfig.builder().solver(Solver.SGD).batchSize(16).maxEpochs(20).learningRate(0.02)
                .tolerance(0).build());
    }
}
