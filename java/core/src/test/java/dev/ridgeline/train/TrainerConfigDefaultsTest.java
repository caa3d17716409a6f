package dev.ridgeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The defaults the builder documents, each pinned: a changed default changes every run that does not set it (a
 * batch size of 64 instead of 32 halves SGD's steps an epoch, a tolerance of 1e-6 stops fits ten times earlier),
 * and no run of the suite otherwise notices.
 */
class TrainerConfigDefaultsTest {
    @Test
    void theBuilderStartsFromTheDocumentedDefaults() {
        TrainerConfig c = TrainerConfig.builder().build();
        assertEquals(Solver.GD, c.solver());
        assertEquals(10_000, c.maxEpochs());
        assertTrue(c.autoLearningRate(), "automatic learning rate");
        assertNull(c.perModelLearningRates());
        assertEquals(32, c.batchSize());
        assertEquals(0.0, c.momentum(), 0);
        assertFalse(c.nesterov());
        assertEquals(1e-7, c.tolerance(), 0);
        assertEquals(Initialization.zeros(), c.initialization());
        assertEquals(42, c.seed());
        assertEquals(0, c.monitorEvery());
        assertEquals(1e6, c.divergenceFactor(), 0);
        assertFalse(c.continueOnDivergence());
        assertEquals(0, c.patience());
        assertNull(c.validation());
        assertNull(c.timeLimit());
        assertEquals(10, c.plateauReads());
    }
}
