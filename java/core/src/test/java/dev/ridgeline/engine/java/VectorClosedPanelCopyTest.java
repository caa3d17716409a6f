package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Problem;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * Closing a java-vector bound problem lets go of its panel copy of X, which is as large as X (52 MB at
 * 200,000 x 64): a closed problem still referenced had kept it.
 */
class VectorClosedPanelCopyTest {
    @Test
    void closeDropsThePanelCopy() {
        Problem p = RandomProblems.batch(20_000, 64, 2, 5);
        VectorBoundProblem bound = new VectorBoundProblem(p, 2, true);
        assertEquals(2, bound.loss().length);
        assertTrue(bound.holdsPanelCopy(), "a full-batch pass on this shape makes the panel copy");
        bound.close();
        assertFalse(bound.holdsPanelCopy(), "the closed problem still holds the panel copy");
        assertThrows(IllegalStateException.class, bound::loss);
        assertFalse(bound.holdsPanelCopy(), "a pass refused after close made the copy again");
    }

    /**
     * close() from another thread while the first full-batch pass makes the copy: the copy finished after the
     * close had been stored in the closed problem (in 19 of 30 tries at 400,000 x 64). Closes at delays spread
     * over the copy's time; whatever the timing, the closed problem must not hold it.
     */
    @Test
    void aCopyFinishedAfterACloseFromAnotherThreadIsNotKept() throws Exception {
        Problem p = RandomProblems.batch(100_000, 64, 2, 7);
        for (int attempt = 0; attempt < 12; attempt++) {
            VectorBoundProblem bound = new VectorBoundProblem(p, 2, true);
            Thread pass = new Thread(() -> {
                try {
                    bound.loss();
                } catch (IllegalStateException closed) {
                    // The close came first, or stopped the pass's workers: either is fine here.
                }
            });
            pass.start();
            Thread.sleep(attempt % 4);
            bound.close();
            pass.join();
            assertFalse(bound.holdsPanelCopy(), "attempt " + attempt + ": the closed problem holds the panel copy");
        }
    }

    @Test
    void closeBeforeAnyPassNeverMakesTheCopy() {
        VectorBoundProblem bound = new VectorBoundProblem(RandomProblems.batch(20_000, 64, 2, 6), 2, true);
        bound.close();
        assertThrows(IllegalStateException.class, bound::lossAndGradient);
        assertFalse(bound.holdsPanelCopy());
    }
}
