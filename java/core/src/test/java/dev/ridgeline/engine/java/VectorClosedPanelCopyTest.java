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

    @Test
    void closeBeforeAnyPassNeverMakesTheCopy() {
        VectorBoundProblem bound = new VectorBoundProblem(RandomProblems.batch(20_000, 64, 2, 6), 2, true);
        bound.close();
        assertThrows(IllegalStateException.class, bound::lossAndGradient);
        assertFalse(bound.holdsPanelCopy());
    }
}
