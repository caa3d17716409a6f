package dev.ridgeline.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.engine.Backend;
import dev.ridgeline.engine.BoundProblem;
import dev.ridgeline.engine.ClippedGradientStep;
import dev.ridgeline.engine.Problem;
import dev.ridgeline.engine.RowBatch;
import dev.ridgeline.engine.StepRule;
import dev.ridgeline.testing.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * A mini-batch with a row index outside [0, m) is refused before the pass, naming the position and the index:
 * it used to fail with an ArrayIndexOutOfBoundsException deep inside the kernels.
 */
class BatchRowIndexTest {
    private static final Problem PROBLEM = RandomProblems.batch(10, 3, 2, 4);
    private static final Backend[] BACKENDS = {new ScalarBackend(), new VectorBackend(1), new VectorBackend(2)};

    @Test
    void aRowIndexPastTheLastRowIsRefusedAndTheParametersStay() {
        RowBatch batch = new RowBatch(new int[] {0, 1, 2, 10, 4}, 1, 5);
        for (Backend backend : BACKENDS) {
            try (BoundProblem bound = backend.bind(PROBLEM)) {
                double[] before = bound.parameters().theta(0);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> bound.step(StepRule.plain(2, 0.01), batch), backend.name());
                assertEquals("batch row order[3] = 10 is outside 0..9 (10 rows)", e.getMessage());
                assertArrayEquals(before, bound.parameters().theta(0), 0.0, backend.name());
            }
        }
    }

    @Test
    void aNegativeRowIndexIsRefused() {
        RowBatch batch = new RowBatch(new int[] {3, -1, 2}, 0, 3);
        for (Backend backend : BACKENDS) {
            try (BoundProblem bound = backend.bind(PROBLEM)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> bound.step(StepRule.plain(2, 0.01), batch), backend.name());
                assertEquals("batch row order[1] = -1 is outside 0..9 (10 rows)", e.getMessage());
                e = assertThrows(IllegalArgumentException.class,
                        () -> ((ClippedGradientStep) bound).clippedGradientSum(batch, 1.0), backend.name());
                assertEquals("batch row order[1] = -1 is outside 0..9 (10 rows)", e.getMessage());
            }
        }
    }

    /** Only order[from, to) is a batch: indices around it, out of range or not, are neither checked nor used. */
    @Test
    void indicesOutsideTheBatchRangeAreNotLookedAt() {
        RowBatch batch = new RowBatch(new int[] {-7, 2, 9, 99}, 1, 3);
        RowBatch same = new RowBatch(new int[] {2, 9}, 0, 2);
        for (Backend backend : BACKENDS) {
            try (BoundProblem bound = backend.bind(PROBLEM); BoundProblem alone = backend.bind(PROBLEM)) {
                bound.step(StepRule.plain(2, 0.01), batch);
                alone.step(StepRule.plain(2, 0.01), same);
                for (int k = 0; k < 2; k++) {
                    assertArrayEquals(alone.parameters().theta(k), bound.parameters().theta(k), 0.0, backend.name());
                    assertEquals(alone.parameters().bias(k), bound.parameters().bias(k), 0.0, backend.name());
                }
                assertTrue(bound.parameters().bias(0) != 0, "the step moved the parameters");
            }
        }
    }
}
