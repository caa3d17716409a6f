package dev.ridgeline.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.java.ScalarBackend;
import dev.ridgeline.engine.java.VectorBackend;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * Before its first step a bound problem has read no parameters: its last pass is NaN for every model on each
 * Java backend (it was 0 loss and 0 gradient norm, which reads as a model solved exactly). After a step it is
 * the pass that step made, the same on both.
 */
class PassStatsBeforeAnyStepTest {
    @Test
    void theLastPassIsNaNUntilAStepRunsThenThatStepsPass() {
        Problem p = RandomProblems.batch(40, 5, 3, 11);
        PassStats[] afterOneStep = new PassStats[2];
        Backend[] backends = {new ScalarBackend(), new VectorBackend(1)};
        for (int b = 0; b < backends.length; b++) {
            try (BoundProblem bound = backends[b].bind(p)) {
                PassStats before = bound.lastPass();
                assertEquals(3, before.loss().length, backends[b].name());
                for (int k = 0; k < 3; k++) {
                    assertTrue(Double.isNaN(before.loss(k)), backends[b].name() + " loss of model " + k);
                    assertTrue(Double.isNaN(before.gradientNorm(k)), backends[b].name() + " norm of model " + k);
                }
                Gradient start = bound.lossAndGradient();
                bound.steps(StepRule.plain(3, 0.01), 0);
                assertEquals(PassStats.beforeAnyStep(3), bound.lastPass(), "a read, and a count of 0, run no step");
                bound.steps(StepRule.plain(3, 0.01), 1);
                afterOneStep[b] = bound.lastPass();
                assertArrayEquals(start.loss(), afterOneStep[b].loss(), 1e-5, backends[b].name());
            }
        }
        for (int k = 0; k < 3; k++) {
            assertFalse(Double.isNaN(afterOneStep[0].loss(k)));
            assertEquals(afterOneStep[0].loss(k), afterOneStep[1].loss(k), 1e-5 * afterOneStep[0].loss(k));
        }
    }

    @Test
    void passStatsAndParametersCompareByValue() {
        assertEquals(new PassStats(new double[] {1, Double.NaN}, new double[] {2, 3}),
                new PassStats(new double[] {1, Double.NaN}, new double[] {2, 3}));
        assertEquals(new PassStats(new double[] {1}, new double[] {2}).hashCode(),
                new PassStats(new double[] {1}, new double[] {2}).hashCode());
        assertNotEquals(new PassStats(new double[] {1}, new double[] {2}), new PassStats(new double[] {1}, new double[] {2.5}));
        Parameters a = new Parameters(new double[][] {{1, 2}, {3, 4}}, new double[] {5, 6});
        assertEquals(a, new Parameters(new double[][] {{1, 2}, {3, 4}}, new double[] {5, 6}));
        assertEquals(a.hashCode(), new Parameters(new double[][] {{1, 2}, {3, 4}}, new double[] {5, 6}).hashCode());
        assertNotEquals(a, new Parameters(new double[][] {{1, 2}, {3, 4}}, new double[] {5, 7}));
        assertNotEquals(a, new Parameters(new double[][] {{1, 2}, {3, 4.5}}, new double[] {5, 6}));
    }
}
